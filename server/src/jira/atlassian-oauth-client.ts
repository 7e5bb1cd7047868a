import type { SafeFetch } from '../net/safe-fetch';
import type { BlockedCode } from '@webriskops/shared';
import { fail, outcomeOfNonResponse, type JiraOutcome } from './jira-outcome';
import { parseRetryAfter } from './retry-after';

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

/**
 * OAuth error codes (RFC 6749 §5.2) that settle the matter, by whom they refuse. `grant`: this
 * grant (refresh token or code) is dead, the target must reconnect. `client`: the companion's own
 * client credentials or registration are refused (Atlassian answers a wrong secret with 401
 * `access_denied`): the operator's to fix, every grant may still be good. Anything else from the
 * token endpoint (5xx, 429, a proxy's page, no answer, a timeout, a body that is not a token) is a
 * hiccup: the grant may still be good.
 */
export const DEFINITIVE_OAUTH_ERRORS: Readonly<Record<string, 'grant' | 'client'>> = {
  invalid_grant: 'grant',
  invalid_scope: 'grant',
  invalid_client: 'client',
  unauthorized_client: 'client',
  unsupported_grant_type: 'client',
  access_denied: 'client',
};

/** A token answer: the tokens, or why not: a definitive refusal (of the grant or of the client) or a hiccup worth retrying. */
export type OAuthTokenOutcome =
  | { ok: true; value: OAuthTokens }
  | { ok: false; code: BlockedCode; reason: string; transient: false; refused: 'grant' | 'client' }
  | { ok: false; code: BlockedCode; reason: string; transient: true; retryAfterSeconds: number | null };

function oauthErrorOf(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

/**
 * POSTs a grant to the token endpoint. Only a 400/401/403 naming a definitive OAuth error is a
 * refusal (of the grant or of the client); every other failure is `transient`, with Atlassian's Retry-After.
 */
export async function requestOAuthTokens(send: SafeFetch, authUrl: string, grant: Record<string, string>, now: Date): Promise<OAuthTokenOutcome> {
  const result = await send(`${authUrl}/oauth/token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(grant),
    redirect: 'refuse',
  });
  const what = grant.grant_type === 'refresh_token' ? 'refresh token' : 'authorization code';
  if (result.kind !== 'response') {
    const failed = outcomeOfNonResponse<OAuthTokens>(result, 'the Atlassian token endpoint');
    return {
      ok: false,
      code: failed.ok ? 'PROVIDER_AUTH_REQUIRED' : failed.code,
      reason: failed.ok ? 'the Atlassian token endpoint did not answer.' : failed.reason,
      transient: true,
      retryAfterSeconds: null,
    };
  }
  const tokens = result.status === 200 ? parseTokens(result.text(), now) : null;
  if (tokens) return { ok: true, value: tokens };
  const error = oauthErrorOf(result.text());
  const refused = error && Object.hasOwn(DEFINITIVE_OAUTH_ERRORS, error) ? DEFINITIVE_OAUTH_ERRORS[error] : undefined;
  if ([400, 401, 403].includes(result.status) && refused === 'grant') {
    return {
      ok: false,
      code: 'PROVIDER_AUTH_REQUIRED',
      reason: `Atlassian refused the ${what} (${error}); connect with OAuth again.`,
      transient: false,
      refused,
    };
  }
  if ([400, 401, 403].includes(result.status) && refused === 'client') {
    return {
      ok: false,
      code: 'PROVIDER_AUTH_REQUIRED',
      reason: `Atlassian refused this companion's OAuth client (${error}, HTTP ${result.status}) for the ${what}.`,
      transient: false,
      refused,
    };
  }
  const waitMs = parseRetryAfter(result.headers.get('retry-after'), now.getTime());
  return {
    ok: false,
    code: 'PROVIDER_AUTH_REQUIRED',
    reason: `The Atlassian token endpoint answered HTTP ${result.status}${error ? ` (${error})` : ''} to the ${what}; the grant was kept.`,
    transient: true,
    retryAfterSeconds: waitMs === null ? null : Math.ceil(waitMs / 1000),
  };
}

/**
 * The sites an access token may reach (`/oauth/token/accessible-resources`). No answer, a 429 or a
 * 5xx is `transient` (a hiccup, not a verdict on the grant).
 */
export async function listAccessibleResources(
  send: SafeFetch,
  apiUrl: string,
  accessToken: string,
): Promise<JiraOutcome<AccessibleResource[]> & { transient?: boolean }> {
  const result = await send(`${apiUrl}/oauth/token/accessible-resources`, {
    method: 'GET',
    headers: { accept: 'application/json' },
    credentialHeaders: { authorization: `Bearer ${accessToken}` },
    redirect: 'refuse',
  });
  if (result.kind !== 'response') return { ...outcomeOfNonResponse<AccessibleResource[]>(result, 'accessible-resources'), transient: true };
  if (result.status === 429 || result.status >= 500)
    return {
      ...fail<AccessibleResource[]>('PROVIDER_AUTH_REQUIRED', `Atlassian answered HTTP ${result.status} when asked for the sites of this grant.`),
      transient: true,
    };
  if (result.status !== 200) return fail('PROVIDER_AUTH_REQUIRED', `Atlassian did not list the sites of this grant (HTTP ${result.status}).`);
  try {
    const list = JSON.parse(result.text()) as AccessibleResource[];
    return {
      ok: true,
      value: Array.isArray(list)
        ? list
            .filter((entry) => typeof entry?.id === 'string' && typeof entry.url === 'string')
            .map((entry) => ({
              id: entry.id,
              url: entry.url,
              name: String(entry.name ?? ''),
              scopes: Array.isArray(entry.scopes) ? entry.scopes.map(String) : [],
            }))
        : [],
    };
  } catch {
    return fail('PROVIDER_AUTH_REQUIRED', 'Atlassian answered accessible-resources with something that is not a list.');
  }
}
