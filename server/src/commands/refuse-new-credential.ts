import type { BlockedCode, CheckResult, NextActionInput, TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { blockedFor } from '../errors';
import { changeTarget } from './change-target';

/**
 * A credential offered to a target was refused by Jira: audit it, record the failed auth check only
 * when no working credential is stored (a refused replacement never blocks the one in use), and
 * throw the blocked code. `guard` may refuse to apply it to a changed record (a new base URL).
 */
export async function refuseNewCredential(
  deps: AppDeps,
  principal: Principal,
  targetId: string,
  failed: CheckResult & { code?: BlockedCode },
  guard: (current: TargetRecord) => void = () => undefined,
): Promise<never> {
  let refused: NextActionInput = { provider_key: 'jira_data_center', auth_method: null, base_url: null };
  await changeTarget(deps, principal, targetId, (current) => {
    guard(current);
    refused = current;
    const next = current.credential ? current : { ...current, checks: { ...current.checks, auth: failed } };
    return { next, action: 'credential.refused', detail: { reason: failed.reason } };
  });
  const code = failed.code ?? 'PROVIDER_AUTH_REQUIRED';
  throw blockedFor(refused, code === 'PROVIDER_SCOPE_UNAVAILABLE' ? 'scope' : 'auth', code, failed.reason);
}
