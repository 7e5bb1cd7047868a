import { BLOCKED_CODE_INFO, evaluateReadiness, stateAfterReadiness, type ForgeDisconnectResponse, type ForgeStatus } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { findWorkspaceName } from '../../db/workspaces-repo';
import { findTarget } from '../../db/targets-repo';
import type { ForgeInvocation } from '../../forge/verify-forge-invocation';
import { forgeError } from '../../errors';
import { checkJiraAdministrator } from '../../jira/cloud-client';
import { revokeTarget } from '../../commands/revoke-target';
import { ensureInstallation } from './forge-installations';

/** What the admin page shows: whether this installation is paired, to which workspace, and its readiness. */
export async function forgeStatus(deps: AppDeps, invocation: ForgeInvocation): Promise<ForgeStatus> {
  const installation = await ensureInstallation(deps, invocation);
  if (!installation.targetId || !installation.workspaceId || !installation.pairedAt) return { connected: false, blocked: null };
  const target = await findTarget(deps.store.db, installation.workspaceId, installation.targetId);
  if (!target || target.state === 'revoked') return { connected: false, blocked: null };
  const workspaceName = await findWorkspaceName(deps.store.db, installation.workspaceId);
  const readiness = evaluateReadiness(target, deps.clock.now(), { maxCheckAgeMs: deps.config.checkMaxAgeMs });
  return {
    connected: true,
    workspace_name: workspaceName ?? 'unknown',
    target_id: target.id,
    state: stateAfterReadiness(target, readiness),
    site_url: target.base_url,
    paired_at: installation.pairedAt,
    blocked: readiness.ready
      ? null
      : { code: readiness.code, message: `${BLOCKED_CODE_INFO[readiness.code].message} ${readiness.reason}`, next_action: readiness.next_action },
  };
}

/** Disconnect from the Jira side: a Jira administrator ends the pairing; the stored token is destroyed. */
export async function forgeDisconnect(deps: AppDeps, invocation: ForgeInvocation, userToken: string | null): Promise<ForgeDisconnectResponse> {
  if (!invocation.principal || !userToken) throw forgeError('JIRA_ADMIN_REQUIRED', 403, 'No signed-in Jira user came with this call.');
  const admin = await checkJiraAdministrator(await deps.egress.forWorkspace(null), invocation.apiBaseUrl, userToken);
  if (!admin.ok) throw forgeError('JIRA_ADMIN_REQUIRED', 403, admin.reason);
  const installation = await ensureInstallation(deps, invocation);
  if (!installation.targetId || !installation.workspaceId) throw forgeError('NOT_PAIRED', 409);
  // revokeTarget unbinds the installation in the same write.
  await revokeTarget(deps, { workspaceId: installation.workspaceId, role: 'admin', actor: `jira:${invocation.principal}` }, installation.targetId);
  return { disconnected: true, target_id: installation.targetId };
}
