import { REQUIRED_DC_PERMISSIONS } from '@webriskops/shared';
import type { SafeFetch } from '../net/safe-fetch';
import { anonymousAnswerReason, fail, outcomeOfNonResponse, type JiraOutcome } from './jira-outcome';

/**
 * `GET {restBase}/mypermissions` for BROWSE_PROJECTS, CREATE_ISSUES and EDIT_ISSUES (Cloud v3 or
 * DC v2): an anonymous answer is PROVIDER_AUTH_REQUIRED, any missing permission is named.
 */
export async function checkExportPermissions(send: SafeFetch, restBase: string, credentialHeaders: Record<string, string>): Promise<JiraOutcome<string[]>> {
  const result = await send(`${restBase}/mypermissions?permissions=${REQUIRED_DC_PERMISSIONS.join(',')}`, {
    method: 'GET',
    headers: { accept: 'application/json' },
    credentialHeaders,
    redirect: 'refuse',
  });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'mypermissions');
  const anonymous = anonymousAnswerReason(result);
  if (anonymous) return fail('PROVIDER_AUTH_REQUIRED', anonymous);
  if (result.status === 401) return fail('PROVIDER_AUTH_REQUIRED', 'Jira refused the credential on mypermissions (HTTP 401).');
  let permissions: Record<string, { havePermission?: unknown }> | null = null;
  try {
    permissions = (JSON.parse(result.text()) as { permissions?: Record<string, { havePermission?: unknown }> }).permissions ?? null;
  } catch {
    permissions = null;
  }
  if (result.status !== 200 || !permissions || typeof permissions !== 'object') {
    return fail('PROVIDER_SCOPE_UNAVAILABLE', `Jira did not report permissions (HTTP ${result.status} from mypermissions).`);
  }
  const granted = REQUIRED_DC_PERMISSIONS.filter((key) => permissions![key]?.havePermission === true);
  const missing = REQUIRED_DC_PERMISSIONS.filter((key) => !granted.includes(key));
  if (missing.length > 0) {
    return fail(
      'PROVIDER_SCOPE_UNAVAILABLE',
      `The account lacks ${missing.join(', ')} in Jira; grant ${missing.length > 1 ? 'them' : 'it'} in the projects WebRiskOps exports to.`,
    );
  }
  return { ok: true, value: [...granted] };
}
