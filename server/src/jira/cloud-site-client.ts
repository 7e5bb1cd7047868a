import type { SafeFetch } from '../net/safe-fetch';
import { anonymousAnswerReason, fail, outcomeOfNonResponse, type JiraOutcome } from './jira-outcome';

/** Anonymous `GET {site}/_edge/tenant_info`: the cloudId of a Jira Cloud site (or custom domain). */
export async function fetchTenantCloudId(send: SafeFetch, siteUrl: string): Promise<JiraOutcome<string>> {
  const result = await send(`${siteUrl}/_edge/tenant_info`, { method: 'GET', headers: { accept: 'application/json' }, redirect: 'refuse' });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'tenant_info');
  try {
    const cloudId = (JSON.parse(result.text()) as { cloudId?: unknown }).cloudId;
    if (result.status === 200 && typeof cloudId === 'string' && /^[0-9a-f-]{36}$/i.test(cloudId)) return { ok: true, value: cloudId };
  } catch {
    // not JSON: not a Jira Cloud site
  }
  return fail('PROVIDER_BASE_URL_BLOCKED', `${siteUrl} is not a Jira Cloud site (/_edge/tenant_info gave no cloudId).`);
}

/** `GET {site}/rest/api/3/myself` with basic auth: the token must answer as its user, not anonymously. */
export async function verifyCloudApiToken(
  send: SafeFetch,
  siteUrl: string,
  authorization: string,
): Promise<JiraOutcome<{ accountId: string; displayName: string | null }>> {
  const result = await send(`${siteUrl}/rest/api/3/myself`, {
    method: 'GET',
    headers: { accept: 'application/json' },
    credentialHeaders: { authorization },
    redirect: 'refuse',
  });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'myself');
  const anonymous = anonymousAnswerReason(result);
  if (result.status === 401 || result.status === 403)
    return fail(
      'PROVIDER_AUTH_REQUIRED',
      `Jira refused the email and API token (HTTP ${result.status} from /rest/api/3/myself): the token is wrong, expired or revoked, or it is a scoped token.`,
    );
  if (anonymous) return fail('PROVIDER_AUTH_REQUIRED', anonymous);
  try {
    const body = JSON.parse(result.text()) as { accountId?: unknown; displayName?: unknown };
    if (result.status === 200 && typeof body.accountId === 'string')
      return { ok: true, value: { accountId: body.accountId, displayName: typeof body.displayName === 'string' ? body.displayName : null } };
  } catch {
    // fall through
  }
  return fail('PROVIDER_AUTH_REQUIRED', `Jira did not confirm the token's user (HTTP ${result.status} from /rest/api/3/myself).`);
}
