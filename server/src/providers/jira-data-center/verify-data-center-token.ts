import type { CheckResult } from '@webriskops/shared';
import type { SafeFetch } from '../../net/safe-fetch';
import { checkDataCenterPermissions, verifyPersonalAccessToken } from '../../jira/data-center-client';
import { failedCheck, passedCheck } from '../../commands/check-results';

/** The token checks: who the PAT is (auth) and what it may do (scope). */
export interface TokenFindings {
  auth: CheckResult;
  scope?: CheckResult;
  granted: string[];
}

/** `/myself` then `/mypermissions` with the PAT; the second runs only when the first proved the token. */
export async function verifyDataCenterToken(send: SafeFetch, baseUrl: string, pat: string, now: Date): Promise<TokenFindings> {
  const user = await verifyPersonalAccessToken(send, baseUrl, pat);
  if (!user.ok) return { auth: failedCheck(now, user.reason, user.code), granted: [] };
  const auth = passedCheck(now, `The token signs in as ${user.value.displayName ?? user.value.name} (${user.value.name}).`);
  const permissions = await checkDataCenterPermissions(send, baseUrl, pat);
  if (!permissions.ok) return { auth, scope: failedCheck(now, permissions.reason, permissions.code), granted: [] };
  return { auth, scope: passedCheck(now, `Granted ${permissions.value.join(', ')}.`), granted: permissions.value };
}
