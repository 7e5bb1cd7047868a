import type { AppDeps } from '../../deps';
import { findForgeInstallation, forgeInstallationInsertIfNew, forgeInstallationUpdate, type ForgeInstallationRow } from '../../db/forge-installations-repo';
import { auditInsert } from '../../db/audit-repo';
import { forgeError } from '../../errors';
import type { ForgeInvocation } from '../../forge/verify-forge-invocation';

export type { ForgeInstallationRow };

/** The installation row for a verified invocation, or null before it was ever seen. */
export async function findInstallation(deps: AppDeps, installationId: string): Promise<ForgeInstallationRow | null> {
  return findForgeInstallation(deps.store.db, installationId);
}

/**
 * Refuses a call whose cloud id or apiBaseUrl differs from what the installation was first seen
 * (and paired) with: an installation id never moves between sites, so such a call would let one
 * site act on another's binding (replace its token, disconnect it). Audited on the paired target.
 */
async function refuseMismatch(deps: AppDeps, row: ForgeInstallationRow, invocation: ForgeInvocation): Promise<never> {
  const detail = {
    installation_id: row.installationId,
    stored_cloud_id: row.cloudId,
    call_cloud_id: invocation.cloudId,
    stored_api_base_url: row.apiBaseUrl,
    call_api_base_url: invocation.apiBaseUrl,
  };
  deps.logger.warn('forge call refused: installation mismatch', {
    ...detail,
    workspace_id: row.workspaceId,
    target_id: row.targetId,
    module_key: invocation.moduleKey,
  });
  if (row.workspaceId) {
    await auditInsert(deps.store.db, {
      workspaceId: row.workspaceId,
      targetId: row.targetId,
      actor: invocation.principal ? `jira:${invocation.principal}` : 'forge:invocation',
      action: 'forge.installation_mismatch',
      code: 'INSTALLATION_MISMATCH',
      detail,
      at: deps.clock.now(),
    });
  }
  throw forgeError('INSTALLATION_MISMATCH', 409);
}

/**
 * Records an installation the first time a verified invocation names it (site facts from claims
 * only), and holds every later call to it: the cloud id and apiBaseUrl must be the stored ones.
 */
export async function ensureInstallation(deps: AppDeps, invocation: ForgeInvocation): Promise<ForgeInstallationRow> {
  let row = await findInstallation(deps, invocation.installationId);
  if (!row) {
    await forgeInstallationInsertIfNew(deps.store.db, {
      installationId: invocation.installationId,
      cloudId: invocation.cloudId,
      siteUrl: invocation.siteUrl,
      apiBaseUrl: invocation.apiBaseUrl,
      environmentType: invocation.environmentType,
      firstSeenAt: deps.clock.now().toISOString(),
    });
    row = (await findInstallation(deps, invocation.installationId))!;
  }
  if (row.cloudId !== invocation.cloudId || row.apiBaseUrl !== invocation.apiBaseUrl) return refuseMismatch(deps, row, invocation);
  // Only a site rename (same cloud id and gateway, a new signed siteUrl) writes, audited: every Forge call passes here, most with nothing new.
  if (!invocation.siteUrl || invocation.siteUrl === row.siteUrl) return row;
  const rename = forgeInstallationUpdate(deps.store.db, invocation.installationId, { siteUrl: invocation.siteUrl });
  const audit = row.workspaceId
    ? [
        auditInsert(deps.store.db, {
          workspaceId: row.workspaceId,
          targetId: row.targetId,
          actor: invocation.principal ? `jira:${invocation.principal}` : 'forge:invocation',
          action: 'forge.site_renamed',
          detail: { installation_id: row.installationId, cloud_id: row.cloudId, from_site_url: row.siteUrl, to_site_url: invocation.siteUrl },
          at: deps.clock.now(),
        }),
      ]
    : [];
  await deps.store.atomic([rename, ...audit]);
  return { ...row, siteUrl: invocation.siteUrl };
}
