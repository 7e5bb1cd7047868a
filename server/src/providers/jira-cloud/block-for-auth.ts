import type { NextActionInput, TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { blockedFor } from '../../errors';
import { changeTarget } from '../../commands/change-target';
import { failedCheck } from '../../commands/check-results';

/** Marks the target PROVIDER_AUTH_REQUIRED with the reason Jira or Atlassian gave, and throws it. */
export async function blockForAuth(deps: AppDeps, principal: Principal, targetId: string, reason: string): Promise<never> {
  let blocked: NextActionInput = { provider_key: 'jira_cloud', auth_method: null, base_url: null };
  await changeTarget(deps, principal, targetId, (current, at) => {
    blocked = current;
    if (current.state === 'revoked') return null;
    const next: TargetRecord = { ...current, checks: { ...current.checks, auth: failedCheck(at, reason, 'PROVIDER_AUTH_REQUIRED') } };
    return { next: { ...next, state: current.state === 'ready' ? 'blocked' : current.state }, action: 'credential.refused', detail: { reason } };
  });
  throw blockedFor(blocked, 'auth', 'PROVIDER_AUTH_REQUIRED', reason);
}
