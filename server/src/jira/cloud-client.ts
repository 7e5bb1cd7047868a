import type { SafeFetch } from '../net/safe-fetch';
import { anonymousAnswerReason, fail, outcomeOfNonResponse, type JiraOutcome } from './jira-outcome';

const JSON_HEADERS = { accept: 'application/json' };

/** Whether the token's user holds ADMINISTER (Jira administrator) on the site behind `apiBaseUrl`. */
export async function checkJiraAdministrator(send: SafeFetch, apiBaseUrl: string, bearerToken: string): Promise<JiraOutcome<true>> {
  const result = await send(`${apiBaseUrl}/rest/api/3/mypermissions?permissions=ADMINISTER`, {
    method: 'GET',
    headers: JSON_HEADERS,
    credentialHeaders: { authorization: `Bearer ${bearerToken}` },
    redirect: 'refuse',
  });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'mypermissions');
  if (result.status === 401 || anonymousAnswerReason(result)) return fail('PROVIDER_AUTH_REQUIRED', 'Jira did not accept the user token of this Forge call.');
  if (!(result.status === 200 && adminGranted(result.text())))
    return fail('PROVIDER_SCOPE_UNAVAILABLE', 'The person pairing is not a Jira administrator of this site.');
  return { ok: true, value: true };
}

function adminGranted(text: string): boolean {
  try {
    return (JSON.parse(text) as { permissions?: { ADMINISTER?: { havePermission?: unknown } } }).permissions?.ADMINISTER?.havePermission === true;
  } catch {
    return false;
  }
}
