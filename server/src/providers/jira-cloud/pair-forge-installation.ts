import { FORGE_PLATFORM_SCOPES, REQUIRED_CLOUD_SCOPES, revokePathFor, type TargetRecord } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { findForgeInstallation, forgeInstallationUpdate } from '../../db/forge-installations-repo';
import { findPairingCode, pairingCodeMarkUsed } from '../../db/pairing-codes-repo';
import { findWorkspaceName } from '../../db/workspaces-repo';
import { replaceActiveCredential } from '../../db/credentials-repo';
import { findTarget } from '../../db/targets-repo';
import { constantTimeEqual, newId } from '../../crypto/tokens';
import { fingerprintOf, openSecret, sealSecret } from '../../crypto/secret-box';
import { AppError, blockedWithoutFallback, conflict, forgeError } from '../../errors';
import type { ForgeInvocation } from '../../forge/verify-forge-invocation';
import { tokenExpiry } from '../../forge/verify-forge-invocation';
import { checkJiraAdministrator } from '../../jira/cloud-client';
import { changeTarget } from '../../commands/change-target';
import { passedCheck } from '../../commands/check-results';
import { consumeRateLimit } from '../../commands/rate-limit';
import { ensureInstallation, findInstallation } from './forge-installations';
import { auditInsert } from '../../db/audit-repo';
import { pairingCodeHash } from './pairing-codes';

const PAIRING_LIMIT = 10;
const PAIRING_WINDOW_MS = 10 * 60 * 1000;

/**
 * Pairing attempts are limited per Jira site (cloud id) and per installation, never by the caller's
 * address: every Forge call comes from Atlassian's shared egress (or a reverse proxy), so an address
 * limit would let one tenant lock pairing out for all. A hit is logged, and audited when the
 * installation is paired with a workspace (an unpaired one belongs to no tenant yet).
 */
async function limitAttempts(deps: AppDeps, invocation: ForgeInvocation): Promise<void> {
  const buckets = [`pairing:site:${invocation.cloudId}`, `pairing:installation:${invocation.installationId}`];
  try {
    for (const bucket of buckets) await consumeRateLimit(deps, bucket, PAIRING_LIMIT, PAIRING_WINDOW_MS);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED') throw error;
    const installation = await findInstallation(deps, invocation.installationId);
    const detail = { cloud_id: invocation.cloudId, installation_id: invocation.installationId, limit: PAIRING_LIMIT, window_seconds: PAIRING_WINDOW_MS / 1000 };
    deps.logger.warn('forge pairing rate limited', { ...detail, workspace_id: installation?.workspaceId ?? null });
    if (installation?.workspaceId) {
      await auditInsert(deps.store.db, {
        workspaceId: installation.workspaceId,
        targetId: installation.targetId,
        actor: invocation.principal ? `jira:${invocation.principal}` : 'forge:invocation',
        action: 'forge.pairing_rate_limited',
        code: 'PAIRING_RATE_LIMITED',
        detail,
        at: deps.clock.now(),
      });
    }
    const limited = forgeError('PAIRING_RATE_LIMITED', 429, error.message);
    throw new AppError(limited.code, 429, limited.message, limited.nextAction, error.retryAfterSeconds);
  }
}

/** The binding for a Forge system token that arrived before its installation was paired. */
export const pendingTokenBinding = (installationId: string) => ({ workspaceId: 'forge', targetId: installationId, kind: 'forge_system_token' });

async function systemTokenFor(
  deps: AppDeps,
  invocation: ForgeInvocation,
  headerToken: string | null,
): Promise<{ token: string; expiresAt: Date | null } | null> {
  if (headerToken) return { token: headerToken, expiresAt: tokenExpiry(headerToken) };
  const row = await findForgeInstallation(deps.store.db, invocation.installationId);
  if (!row?.pendingTokenSealed) return null;
  return {
    token: await openSecret(deps.keyring, row.pendingTokenSealed, pendingTokenBinding(invocation.installationId)),
    expiresAt: row.pendingTokenExpiresAt ? new Date(row.pendingTokenExpiresAt) : null,
  };
}

/**
 * Binds a Jira Cloud site to the pending target its code belongs to. Identity comes only from the
 * verified invocation (cloudId, site, installation, principal); the caller must be a Jira
 * administrator (checked with the user token). Attempts are limited per site and per installation.
 */
export async function pairForgeInstallation(
  deps: AppDeps,
  invocation: ForgeInvocation,
  input: { code: string; userToken: string | null; systemToken: string | null },
): Promise<{ target: TargetRecord; workspace: string }> {
  await limitAttempts(deps, invocation);
  if (!invocation.principal || !input.userToken) throw forgeError('JIRA_ADMIN_REQUIRED', 403, 'No signed-in Jira user came with this call.');
  const hash = await pairingCodeHash(input.code);
  const code = hash ? await findPairingCode(deps.store.db, hash) : null;
  if (!code || !hash || !constantTimeEqual(code.codeHash, hash)) throw forgeError('PAIRING_CODE_INVALID', 400);
  if (code.usedAt) throw forgeError('PAIRING_CODE_USED', 400);
  if (code.expiresAt <= deps.clock.now().toISOString()) throw forgeError('PAIRING_CODE_EXPIRED', 400);

  const admin = await checkJiraAdministrator(await deps.egress.forWorkspace(null), invocation.apiBaseUrl, input.userToken);
  if (!admin.ok) throw forgeError('JIRA_ADMIN_REQUIRED', 403, admin.reason);

  const installation = await ensureInstallation(deps, invocation);
  const bound = installation.targetId && installation.workspaceId ? await findTarget(deps.store.db, installation.workspaceId, installation.targetId) : null;
  // A binding to a target disconnected before disconnects unbound installations does not hold the site.
  if (bound && bound.state !== 'revoked' && bound.id !== code.targetId) {
    throw conflict('This Jira site is already paired with a WebRiskOps target.', 'Disconnect it first (in this app page or in WebRiskOps), then pair again.');
  }
  const system = await systemTokenFor(deps, invocation, input.systemToken);
  if (!system)
    throw blockedWithoutFallback(
      'PROVIDER_AUTH_REQUIRED',
      'Forge did not provide the app system token.',
      'Reinstall or upgrade the WebRiskOps app so Jira sends its token, then paste the code again.',
    );

  const principal = { workspaceId: code.workspaceId, role: 'admin' as const, actor: `jira:${invocation.principal}` };
  const { sealed, keyId } = await sealSecret(deps.keyring, system.token, { workspaceId: code.workspaceId, targetId: code.targetId, kind: 'forge_app' });
  const siteUrl = invocation.siteUrl ?? installation.siteUrl;
  if (!siteUrl) throw forgeError('FORGE_INVOCATION_INVALID', 401, 'The invocation does not name the Jira site.');
  const target = await changeTarget(deps, principal, code.targetId, (current, at) => {
    if (current.site_id || current.state === 'revoked') throw forgeError('PAIRING_CODE_USED', 400);
    const verifiedAt = at.toISOString();
    const next: TargetRecord = {
      ...current,
      base_url: siteUrl.replace(/\/+$/, ''),
      site_id: invocation.cloudId,
      auth_method: 'forge_app',
      scopes: [...REQUIRED_CLOUD_SCOPES, ...FORGE_PLATFORM_SCOPES],
      allowlist_status: 'direct',
      ownership: {
        method: 'forge_install',
        evidence: `Forge installation ${invocation.installationId} paired by Jira administrator ${invocation.principal}`,
        verified_at: verifiedAt,
      },
      checks: {
        url: passedCheck(at, `Jira Cloud site ${siteUrl} (cloudId ${invocation.cloudId}) from a verified Forge invocation.`),
        ownership: passedCheck(at, 'The app is installed on this site and a Jira administrator pasted the pairing code.'),
        network: passedCheck(at, 'Jira Cloud is reached through the Atlassian API gateway.'),
        auth: passedCheck(at, 'Forge delivered the app system token.'),
        scope: passedCheck(at, `The app holds exactly ${[...REQUIRED_CLOUD_SCOPES, ...FORGE_PLATFORM_SCOPES].join(', ')}.`),
      },
      credential: { kind: 'forge_app', fingerprint: fingerprintOf(system.token), created_at: verifiedAt, expires_at: system.expiresAt?.toISOString() ?? null },
      revoke: revokePathFor('forge_app', siteUrl),
      state: 'ready',
    };
    return {
      next,
      action: 'forge.paired',
      detail: { cloud_id: invocation.cloudId, installation_id: invocation.installationId, paired_by: invocation.principal },
      writesBefore: [
        pairingCodeMarkUsed(deps.store.db, code.id, verifiedAt),
        forgeInstallationUpdate(deps.store.db, invocation.installationId, {
          workspaceId: code.workspaceId,
          targetId: code.targetId,
          pairedBy: invocation.principal,
          pairedAt: verifiedAt,
          pendingTokenSealed: null,
          pendingTokenExpiresAt: null,
        }),
        ...replaceActiveCredential(
          deps.store.db,
          {
            id: newId('cred'),
            workspaceId: code.workspaceId,
            targetId: code.targetId,
            kind: 'forge_app',
            keyId,
            ciphertext: sealed,
            fingerprint: fingerprintOf(system.token),
            createdAt: verifiedAt,
            expiresAt: system.expiresAt?.toISOString() ?? null,
          },
          at,
        ),
      ],
    };
  });
  const workspaceName = await findWorkspaceName(deps.store.db, code.workspaceId);
  deps.logger.info('forge installation paired', { workspace_id: code.workspaceId, target_id: code.targetId, cloud_id: invocation.cloudId });
  return { target, workspace: workspaceName ?? '' };
}
