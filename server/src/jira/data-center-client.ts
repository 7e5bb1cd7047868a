import type { SafeFetch } from '../net/safe-fetch';
import { anonymousAnswerReason, fail, outcomeOfNonResponse, type JiraOutcome } from './jira-outcome';
import { sameJiraBaseUrl } from './same-base-url';
import { checkExportPermissions } from './export-permissions';

export interface ServerInfo {
  baseUrl: string;
  version: string;
  deploymentType: string | null;
}

export interface JiraUser {
  name: string;
  displayName: string | null;
}

const JSON_HEADERS = { accept: 'application/json' };

function objectBody(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Anonymous `GET /rest/api/2/serverInfo`: proves the URL is a Jira that calls itself by this base
 * URL. A redirect, another base URL or a non-Jira answer is PROVIDER_BASE_URL_BLOCKED; an
 * unreachable host is PROVIDER_ALLOWLIST_REQUIRED. It proves nothing about a token.
 */
export async function probeServerInfo(send: SafeFetch, baseUrl: string): Promise<JiraOutcome<ServerInfo>> {
  const result = await send(`${baseUrl}/rest/api/2/serverInfo`, { method: 'GET', headers: JSON_HEADERS, redirect: 'refuse' });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'serverInfo');
  const body = objectBody(result.text());
  if (result.status !== 200 || !body || typeof body.baseUrl !== 'string' || typeof body.version !== 'string') {
    return fail(
      'PROVIDER_BASE_URL_BLOCKED',
      `${baseUrl} did not answer as Jira (GET /rest/api/2/serverInfo gave HTTP ${result.status}${body ? ' without baseUrl and version' : ', not JSON'}).`,
    );
  }
  if (!sameJiraBaseUrl(body.baseUrl, baseUrl)) {
    return fail(
      'PROVIDER_BASE_URL_BLOCKED',
      `Jira reports its base URL as ${body.baseUrl}, not ${baseUrl}: enter the base URL Jira shows under Administration > System, including any context path.`,
    );
  }
  return {
    ok: true,
    value: { baseUrl: body.baseUrl, version: body.version, deploymentType: typeof body.deploymentType === 'string' ? body.deploymentType : null },
  };
}

function bearer(pat: string) {
  return { authorization: `Bearer ${pat}` };
}

/** `GET /rest/api/2/myself` with the PAT: the only proof the token works (serverInfo proves nothing). */
export async function verifyPersonalAccessToken(send: SafeFetch, baseUrl: string, pat: string): Promise<JiraOutcome<JiraUser>> {
  const result = await send(`${baseUrl}/rest/api/2/myself`, { method: 'GET', headers: JSON_HEADERS, credentialHeaders: bearer(pat), redirect: 'refuse' });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'myself');
  const anonymous = anonymousAnswerReason(result);
  if (result.status === 401 || (result.status === 403 && !anonymous)) {
    return fail(
      'PROVIDER_AUTH_REQUIRED',
      `Jira refused the Personal Access Token (HTTP ${result.status} from /rest/api/2/myself): it is wrong, expired or revoked.`,
    );
  }
  if (anonymous) return fail('PROVIDER_AUTH_REQUIRED', anonymous);
  const body = objectBody(result.text());
  if (result.status !== 200 || !body || typeof body.name !== 'string') {
    return fail('PROVIDER_AUTH_REQUIRED', `Jira did not confirm the token's user (HTTP ${result.status} from /rest/api/2/myself).`);
  }
  return { ok: true, value: { name: body.name, displayName: typeof body.displayName === 'string' ? body.displayName : null } };
}

/** `GET /rest/api/2/mypermissions` with the PAT, for the three permissions export needs. */
export function checkDataCenterPermissions(send: SafeFetch, baseUrl: string, pat: string): Promise<JiraOutcome<string[]>> {
  return checkExportPermissions(send, `${baseUrl}/rest/api/2`, bearer(pat));
}
