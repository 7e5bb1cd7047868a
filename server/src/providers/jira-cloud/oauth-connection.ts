import { revokePathFor, type NextActionInput, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { findOAuthState, oauthStateClaim, oauthStateInsert } from '../../db/oauth-states-repo';
import { findTarget } from '../../db/targets-repo';
import { replaceActiveCredential } from '../../db/credentials-repo';
import { fingerprintOf, openSecret, sealSecret } from '../../crypto/secret-box';
import { toBase64Url } from '../../crypto/encoding';
import { newId, randomToken, sha256Hex } from '../../crypto/tokens';
import { type AppError, blockedFor, jiraUnavailable, notConfigured, notFound, oauthStateInvalid, validationFailed } from '../../errors';
import { listAccessibleResources, requestOAuthTokens, type OAuthTokens } from '../../jira/atlassian-oauth-client';
import { checkExportPermissions } from '../../jira/export-permissions';
import { changeTarget } from '../../commands/change-target';
import { failedCheck, passedCheck } from '../../commands/check-results';
import { followReadiness } from '../../commands/follow-readiness';
import { normalizeCloudSiteUrl } from './cloud-site-url';

export const OAUTH_SCOPES = ['read:jira-work', 'write:jira-work', 'offline_access'] as const;
const STATE_TTL_MS = 10 * 60 * 1000;

/** The sealed form of an OAuth grant: the rotating refresh token and the current access token. */
export interface SealedOAuthGrant {
  access_token: string;
  refresh_token: string | null;
  access_expires_at: string;
}

/** The binding a flow's sealed PKCE verifier is opened with. */
const verifierBinding = (workspaceId: string, targetId: string) => ({ workspaceId, targetId, kind: 'oauth_pkce' });

/** The S256 code_challenge of a PKCE verifier (RFC 7636 §4.2). */
async function s256(verifier: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/**
 * Atlassian refused the companion's own OAuth client (wrong or rotated secret, app changed): the
 * operator's to fix, not the target's. Nothing is recorded against the target; every grant may still be good.
 */
export function oauthClientRefused(deps: AppDeps, reason: string): AppError {
  deps.logger.error('atlassian refused the oauth client', { reason });
  return notConfigured(
    'OAUTH_NOT_CONFIGURED',
    503,
    `${reason} The target stays connected.`,
    'Ask the operator to check ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET against the Atlassian developer console; then send the same request again.',
    300,
  );
}

/** Whether OAuth can be offered: a client, and PUBLIC_URL for the callback address. */
export const oauthConfigured = (deps: AppDeps) =>
  deps.config.atlassian.oauthClientId !== null && deps.config.atlassian.oauthClientSecret !== null && deps.config.publicUrl !== null;

/** The one callback address Atlassian sends codes to: from PUBLIC_URL only, never from a request's Host. */
export function oauthRedirectUri(deps: AppDeps): string {
  if (!deps.config.publicUrl) {
    throw notConfigured(
      'OAUTH_NOT_CONFIGURED',
      409,
      'OAuth 2.0 needs PUBLIC_URL: the callback address Atlassian redirects to is taken from it, never from the request.',
      'Ask the operator to set PUBLIC_URL to the address admins use (the one registered as callback URL of the Atlassian OAuth app), or use the Forge app.',
    );
  }
  return `${deps.config.publicUrl}/oauth/callback`;
}

function oauthClient(deps: AppDeps) {
  const { oauthClientId, oauthClientSecret } = deps.config.atlassian;
  if (!oauthClientId || !oauthClientSecret) {
    throw notConfigured(
      'OAUTH_NOT_CONFIGURED',
      409,
      'OAuth 2.0 with Atlassian is not configured on this companion.',
      'Ask the operator to set ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET, or use the Forge app.',
    );
  }
  return { clientId: oauthClientId, clientSecret: oauthClientSecret };
}

/**
 * Starts 3LO for a Jira Cloud target: a single-use `state` bound to the admin's session, the target
 * and the site the admin declared, a PKCE S256 challenge whose verifier stays sealed with the state,
 * and `redirect_uri` from PUBLIC_URL; answers the Atlassian authorize URL to redirect to.
 */
export async function startOAuthConnection(
  deps: AppDeps,
  principal: Principal,
  input: { sessionToken: string; targetId: string; siteUrl: string },
): Promise<string> {
  const { clientId } = oauthClient(deps);
  const redirectUri = oauthRedirectUri(deps);
  const target = await findTarget(deps.store.db, principal.workspaceId, input.targetId);
  if (!target) throw notFound(`Target ${input.targetId}`);
  if (target.provider_key !== 'jira_cloud' || (target.auth_method && target.auth_method !== 'oauth') || target.state === 'revoked') {
    throw validationFailed('OAuth connects a Jira Cloud target created for OAuth.', 'Create a target with provider_key jira_cloud and auth_method oauth.');
  }
  const siteUrl = normalizeCloudSiteUrl(input.siteUrl);
  const state = randomToken(32);
  // PKCE (S256): a code is redeemed only with the verifier of the flow that asked for it.
  const codeVerifier = randomToken(48);
  const { sealed: codeVerifierSealed } = await sealSecret(deps.keyring, codeVerifier, verifierBinding(principal.workspaceId, target.id));
  const now = deps.clock.now();
  await oauthStateInsert(deps.store.db, {
    id: newId('oas'),
    stateHash: await sha256Hex(state),
    workspaceId: principal.workspaceId,
    targetId: target.id,
    sessionHash: await sha256Hex(input.sessionToken),
    siteUrl,
    redirectUri,
    codeVerifierSealed,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
  });
  const query = new URLSearchParams({
    audience: 'api.atlassian.com',
    client_id: clientId,
    scope: OAUTH_SCOPES.join(' '),
    redirect_uri: redirectUri,
    state,
    response_type: 'code',
    code_challenge: await s256(codeVerifier),
    code_challenge_method: 'S256',
    prompt: 'consent',
  });
  return `${deps.config.atlassian.authUrl}/authorize?${query.toString().replace(/\+/g, '%20')}`;
}

const badState = () =>
  oauthStateInvalid(
    'This sign-in answer does not belong to a connection you started, or it expired.',
    'Start "Connect with OAuth" again from the target page.',
  );

/** Claims the state once, for the same session that started it. */
async function claimState(deps: AppDeps, sessionToken: string, state: string) {
  const row = await findOAuthState(deps.store.db, await sha256Hex(state));
  if (!row || row.usedAt || row.expiresAt <= deps.clock.now().toISOString() || row.sessionHash !== (await sha256Hex(sessionToken))) throw badState();
  if (!(await oauthStateClaim(deps.store.db, row.id, deps.clock.now()))) throw badState();
  return row;
}

/**
 * Finishes 3LO: exchanges the code, requires the declared site among the grant's accessible
 * resources (ownership), checks the account's export permissions, and stores the rotating grant
 * sealed. A refusal is recorded on the target and answered with its blocked code.
 */
export async function completeOAuthConnection(
  deps: AppDeps,
  input: { sessionToken: string; state: string; code: string | null; error: string | null },
): Promise<{ workspaceId: string; target: TargetRecord }> {
  const { clientId, clientSecret } = oauthClient(deps);
  const row = await claimState(deps, input.sessionToken, input.state);
  const principal: Principal = { workspaceId: row.workspaceId, role: 'admin', actor: 'oauth:callback' };
  const { authUrl, apiUrl } = deps.config.atlassian;
  const send = await deps.egress.forWorkspace(null);
  const now = deps.clock.now();
  const recordFailure = async (
    check: 'auth' | 'ownership' | 'scope',
    reason: string,
    code: 'PROVIDER_AUTH_REQUIRED' | 'PROVIDER_BASE_URL_BLOCKED' | 'PROVIDER_SCOPE_UNAVAILABLE',
  ) => {
    let refused: NextActionInput = { provider_key: 'jira_cloud', auth_method: 'oauth', base_url: null };
    await changeTarget(deps, principal, row.targetId, (current, at) => {
      refused = current;
      return { next: { ...current, checks: { ...current.checks, [check]: failedCheck(at, reason, code) } }, action: 'oauth.refused', detail: { reason } };
    });
    throw blockedFor(refused, check, code, reason);
  };
  if (input.error || !input.code)
    return recordFailure('auth', `Atlassian returned ${input.error ?? 'no code'}: consent was not given.`, 'PROVIDER_AUTH_REQUIRED');
  // A flow started before PKCE has no verifier: it cannot finish, it is started again.
  if (!row.codeVerifierSealed) throw badState();
  const codeVerifier = await openSecret(deps.keyring, row.codeVerifierSealed, verifierBinding(row.workspaceId, row.targetId));

  const exchanged = await requestOAuthTokens(
    send,
    authUrl,
    {
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: clientSecret,
      code: input.code,
      redirect_uri: row.redirectUri,
      code_verifier: codeVerifier,
    },
    now,
  );
  // A hiccup at Atlassian is not a refusal: nothing is recorded against the target (the code is spent; start again).
  const hiccup = (reason: string, retryAfterSeconds: number | null) =>
    jiraUnavailable(
      `Atlassian could not complete the sign-in just now: ${reason}`,
      'Start "Connect with OAuth" again from the target page in a minute; the target was not changed.',
      retryAfterSeconds ?? 30,
    );
  if (!exchanged.ok && exchanged.transient) throw hiccup(exchanged.reason, exchanged.retryAfterSeconds);
  if (!exchanged.ok && exchanged.refused === 'client') throw oauthClientRefused(deps, exchanged.reason);
  if (!exchanged.ok) return recordFailure('auth', exchanged.reason, 'PROVIDER_AUTH_REQUIRED');
  const tokens: OAuthTokens = exchanged.value;
  const resources = await listAccessibleResources(send, apiUrl, tokens.accessToken);
  if (!resources.ok && resources.transient) throw hiccup(resources.reason, null);
  if (!resources.ok) return recordFailure('auth', resources.reason, 'PROVIDER_AUTH_REQUIRED');
  const site = resources.value.find((resource) => resource.url.replace(/\/+$/, '').toLowerCase() === row.siteUrl);
  if (!site) {
    return recordFailure(
      'ownership',
      `The OAuth grant does not include ${row.siteUrl} (it lists ${resources.value.map((r) => r.url).join(', ') || 'no site'}): sign in with an account of that site and choose it on the consent screen.`,
      'PROVIDER_BASE_URL_BLOCKED',
    );
  }
  const permissions = await checkExportPermissions(send, `${apiUrl}/ex/jira/${site.id}/rest/api/3`, { authorization: `Bearer ${tokens.accessToken}` });

  const grant: SealedOAuthGrant = { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, access_expires_at: tokens.expiresAt.toISOString() };
  const secret = JSON.stringify(grant);
  const { sealed, keyId } = await sealSecret(deps.keyring, secret, { workspaceId: row.workspaceId, targetId: row.targetId, kind: 'oauth' });
  const target = await changeTarget(deps, principal, row.targetId, (current, at) => {
    if (current.state === 'revoked') throw badState();
    const next: TargetRecord = {
      ...current,
      auth_method: 'oauth',
      base_url: row.siteUrl,
      site_id: site.id,
      scopes: tokens.scopes,
      allowlist_status: 'direct',
      ownership: { method: 'oauth_resources', evidence: `accessible-resources lists ${site.url} (cloudId ${site.id})`, verified_at: at.toISOString() },
      checks: {
        url: passedCheck(at, `Jira Cloud site ${row.siteUrl}.`),
        ownership: passedCheck(at, `The OAuth grant includes ${site.url}.`),
        network: passedCheck(at, 'Jira Cloud is reached through the Atlassian API gateway.'),
        auth: passedCheck(at, 'Atlassian issued tokens for this grant.'),
        scope: permissions.ok
          ? passedCheck(at, `Granted ${permissions.value.join(', ')} with scopes ${tokens.scopes.join(' ')}.`)
          : failedCheck(at, permissions.reason, permissions.code),
      },
      credential: { kind: 'oauth', fingerprint: fingerprintOf(tokens.refreshToken ?? tokens.accessToken), created_at: at.toISOString(), expires_at: null },
      revoke: revokePathFor('oauth'),
      state: current.state === 'draft' ? 'blocked' : current.state,
    };
    return {
      next: followReadiness(deps, next, at),
      action: 'oauth.connected',
      detail: { cloud_id: site.id, site_url: row.siteUrl, scopes: tokens.scopes.join(' ') },
      writesBefore: [
        ...replaceActiveCredential(
          deps.store.db,
          {
            id: newId('cred'),
            workspaceId: row.workspaceId,
            targetId: row.targetId,
            kind: 'oauth',
            keyId,
            ciphertext: sealed,
            fingerprint: fingerprintOf(tokens.refreshToken ?? tokens.accessToken),
            createdAt: at.toISOString(),
            expiresAt: null,
          },
          at,
        ),
      ],
    };
  });
  return { workspaceId: row.workspaceId, target };
}
