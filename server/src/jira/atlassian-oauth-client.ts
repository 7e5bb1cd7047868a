import type { SafeFetch } from '../net/safe-fetch';
import { fail, outcomeOfNonResponse, type JiraOutcome } from './jira-outcome';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  scopes: string[];
}

export interface AccessibleResource {
  id: string;
  url: string;
  name: string;
  scopes: string[];
}

function parseTokens(text: string, now: Date): OAuthTokens | null {
  try {
    const body = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; scope?: unknown };
    if (typeof body.access_token !== 'string') return null;
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresAt: new Date(now.getTime() + expiresIn * 1000),
      scopes: typeof body.scope === 'string' ? body.scope.split(/\s+/).filter(Boolean) : [],
    };
  } catch {
    return null;
  }
}

/** POSTs a grant to the token endpoint; `invalid_grant` and other refusals are PROVIDER_AUTH_REQUIRED. */
export async function requestOAuthTokens(send: SafeFetch, authUrl: string, grant: Record<string, string>, now: Date): Promise<JiraOutcome<OAuthTokens>> {
  const result = await send(`${authUrl}/oauth/token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(grant),
    redirect: 'refuse',
  });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'the Atlassian token endpoint');
  const tokens = result.status === 200 ? parseTokens(result.text(), now) : null;
  if (!tokens) {
    let error = `HTTP ${result.status}`;
    try {
      const body = JSON.parse(result.text()) as { error?: unknown };
      if (typeof body.error === 'string') error = body.error;
    } catch {
      // keep the status
    }
    return fail('PROVIDER_AUTH_REQUIRED', `Atlassian refused the ${grant.grant_type === 'refresh_token' ? 'refresh token' : 'authorization code'} (${error}); connect with OAuth again.`);
  }
  return { ok: true, value: tokens };
}

/** The sites an access token may reach (`/oauth/token/accessible-resources`). */
export async function listAccessibleResources(send: SafeFetch, apiUrl: string, accessToken: string): Promise<JiraOutcome<AccessibleResource[]>> {
  const result = await send(`${apiUrl}/oauth/token/accessible-resources`, {
    method: 'GET',
    headers: { accept: 'application/json' },
    credentialHeaders: { authorization: `Bearer ${accessToken}` },
    redirect: 'refuse',
  });
  if (result.kind !== 'response') return outcomeOfNonResponse(result, 'accessible-resources');
  if (result.status !== 200) return fail('PROVIDER_AUTH_REQUIRED', `Atlassian did not list the sites of this grant (HTTP ${result.status}).`);
  try {
    const list = JSON.parse(result.text()) as AccessibleResource[];
    return { ok: true, value: Array.isArray(list) ? list.filter((entry) => typeof entry?.id === 'string' && typeof entry.url === 'string').map((entry) => ({ id: entry.id, url: entry.url, name: String(entry.name ?? ''), scopes: Array.isArray(entry.scopes) ? entry.scopes.map(String) : [] })) : [] };
  } catch {
    return fail('PROVIDER_AUTH_REQUIRED', 'Atlassian answered accessible-resources with something that is not a list.');
  }
}
