import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { opaqueSecret, type FakeAccessToken, type FakeCloudState, type FakeRefreshToken } from './fake-atlassian-cloud-state';
import { header, isRecord, jsonReply, parseJsonBody, type FakeRequest, type Reply } from './fake-http-reply';

/** Turns a token's claims into the JWT-shaped string handed out (Atlassian tokens are opaque JWTs with `exp`). */
export type TokenMinter = (claims: Record<string, unknown>) => string;

/** The gateway's 401 body for a missing, unknown, expired or revoked bearer token. */
export const GATEWAY_UNAUTHORIZED = { code: 401, message: 'Unauthorized' };

/** Registers an access token and returns its record. */
export function mintAccessToken(
  state: FakeCloudState,
  mint: TokenMinter,
  record: Omit<FakeAccessToken, 'token' | 'expiresAt' | 'revoked'> & { ttlSeconds?: number },
): FakeAccessToken {
  const issuedAt = Math.floor(state.now() / 1000);
  const expiresAt = (issuedAt + (record.ttlSeconds ?? state.accessTokenLifetimeSeconds)) * 1000;
  const token = mint({
    jti: randomUUID(),
    iss: 'https://atlassian.com',
    sub: record.accountId,
    aud: 'api.atlassian.com',
    iat: issuedAt,
    exp: Math.floor(expiresAt / 1000),
    scope: record.scopes.join(' '),
    ...(record.installationId ? { 'https://id.atlassian.com/installationId': record.installationId } : {}),
    ...(record.clientId ? { client_id: record.clientId } : {}),
  });
  const { ttlSeconds: _ttl, ...rest } = record;
  const stored: FakeAccessToken = { ...rest, token, expiresAt, revoked: false };
  state.accessTokens.set(token, stored);
  return stored;
}

/** The live access token behind `Authorization: Bearer`, if any. */
export function bearerToken(state: FakeCloudState, request: FakeRequest): FakeAccessToken | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '');
  const token = match ? state.accessTokens.get(match[1]!) : undefined;
  if (!token || token.revoked || token.expiresAt <= state.now()) return undefined;
  return token;
}

function oauthError(status: number, error: string, description: string): Reply {
  return jsonReply(status, { error, error_description: description }, { 'cache-control': 'no-store' });
}

function tokenResponse(
  state: FakeCloudState,
  mint: TokenMinter,
  grant: { clientId: string; accountId: string; cloudIds: string[]; scopes: string[]; grantId: string },
): Reply {
  const access = mintAccessToken(state, mint, {
    kind: 'oauth',
    accountId: grant.accountId,
    cloudIds: grant.cloudIds,
    scopes: grant.scopes,
    clientId: grant.clientId,
  });
  const body: Record<string, unknown> = {
    access_token: access.token,
    expires_in: state.accessTokenLifetimeSeconds,
    token_type: 'Bearer',
    scope: grant.scopes.join(' '),
  };
  if (grant.scopes.includes('offline_access')) {
    const refresh: FakeRefreshToken = { ...grant, token: opaqueSecret('rt-'), state: 'active' };
    state.refreshTokens.set(refresh.token, refresh);
    body.refresh_token = refresh.token;
  }
  return jsonReply(200, body, { 'cache-control': 'no-store' });
}

function authorize(state: FakeCloudState, request: FakeRequest): Reply {
  const query = request.url.searchParams;
  const client = state.oauthClients.get(query.get('client_id') ?? '');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!client) return jsonReply(400, { error: 'invalid_request', error_description: 'Unknown client_id' });
  if (!redirectUri || (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri))) {
    return jsonReply(400, { error: 'invalid_request', error_description: 'redirect_uri is not registered for this client' });
  }
  const back = new URL(redirectUri);
  const state_ = query.get('state');
  if (state_ !== null) back.searchParams.set('state', state_);
  const redirect = (params: Record<string, string>) => {
    for (const [name, value] of Object.entries(params)) back.searchParams.set(name, value);
    return { status: 302, headers: { location: back.toString(), 'cache-control': 'no-store' }, body: '' };
  };
  if (query.get('audience') !== 'api.atlassian.com') return redirect({ error: 'invalid_request', error_description: 'audience must be api.atlassian.com' });
  if (query.get('response_type') !== 'code') return redirect({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
  const codeChallenge = query.get('code_challenge');
  if (codeChallenge !== null && (query.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))) {
    return redirect({ error: 'invalid_request', error_description: 'code_challenge must be an S256 challenge (code_challenge_method=S256)' });
  }
  const consent = state.consent;
  const user = consent ? state.users.get(consent.accountId) : undefined;
  if (!consent || !user || consent.deny) return redirect({ error: 'access_denied', error_description: 'The user did not grant access' });
  const requested = (query.get('scope') ?? '').split(/\s+/).filter(Boolean);
  const scopes = consent.scopes ? requested.filter((scope) => consent.scopes!.includes(scope)) : requested;
  const cloudIds = consent.cloudIds ?? [...user.sites];
  const code = randomBytes(18).toString('base64url');
  state.authCodes.set(code, {
    code,
    clientId: client.clientId,
    redirectUri,
    accountId: user.accountId,
    cloudIds,
    scopes,
    used: false,
    expiresAt: state.now() + 10 * 60_000,
    ...(codeChallenge ? { codeChallenge } : {}),
  });
  return redirect({ code });
}

function readTokenRequest(request: FakeRequest): Record<string, string> | undefined {
  const type = header(request, 'content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(request.bodyText));
  const body = parseJsonBody(request);
  if (!isRecord(body)) return undefined;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
}

function token(state: FakeCloudState, request: FakeRequest, mint: TokenMinter): Reply {
  const body = readTokenRequest(request);
  if (!body) return oauthError(400, 'invalid_request', 'The request body must be JSON or form-encoded');
  const client = state.oauthClients.get(body.client_id ?? '');
  if (!client || client.clientSecret !== body.client_secret) return oauthError(401, 'access_denied', 'Unauthorized');
  if (body.grant_type === 'authorization_code') {
    const code = state.authCodes.get(body.code ?? '');
    if (!code || code.used || code.expiresAt <= state.now() || code.clientId !== client.clientId)
      return oauthError(403, 'invalid_grant', 'Invalid authorization code');
    if (code.redirectUri !== body.redirect_uri) return oauthError(403, 'invalid_grant', 'redirect_uri does not match the authorization request');
    // PKCE (RFC 7636 §4.6): a code issued for a challenge is redeemed only with its verifier; a verifier without a challenge is refused too.
    const verifier = body.code_verifier;
    if (code.codeChallenge ? !verifier || createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge : verifier !== undefined) {
      code.used = true;
      return oauthError(400, 'invalid_grant', 'PKCE verification failed: code_verifier does not match the code_challenge');
    }
    code.used = true;
    return tokenResponse(state, mint, {
      clientId: client.clientId,
      accountId: code.accountId,
      cloudIds: code.cloudIds,
      scopes: code.scopes,
      grantId: randomUUID(),
    });
  }
  if (body.grant_type === 'refresh_token') {
    const refresh = state.refreshTokens.get(body.refresh_token ?? '');
    const withinLeeway =
      refresh?.state === 'rotated' && refresh.rotatedAt !== undefined && state.now() - refresh.rotatedAt <= state.refreshReuseLeewaySeconds * 1000;
    if (state.rejectRefresh || !refresh || refresh.clientId !== client.clientId || (refresh.state !== 'active' && !withinLeeway)) {
      return oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    }
    if (refresh.state === 'active') {
      refresh.state = 'rotated';
      refresh.rotatedAt = state.now();
    }
    const { clientId, accountId, cloudIds, scopes, grantId } = refresh;
    return tokenResponse(state, mint, { clientId, accountId, cloudIds, scopes, grantId });
  }
  return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${body.grant_type ?? '(none)'}`);
}

/** Answers the auth host (`auth.atlassian.com` stand-in): `/authorize` and `/oauth/token`. */
export function handleAuthHost(state: FakeCloudState, request: FakeRequest, mint: TokenMinter): Reply {
  if (request.method === 'GET' && request.url.pathname === '/authorize') return authorize(state, request);
  if (request.method === 'POST' && request.url.pathname === '/oauth/token') return token(state, request, mint);
  return jsonReply(404, { error: 'not_found', error_description: `No route for ${request.method} ${request.url.pathname}` });
}

/** `GET /oauth/token/accessible-resources` on the api host: the sites a 3LO token was granted. */
export function accessibleResources(state: FakeCloudState, request: FakeRequest, siteUrl: (cloudId: string) => string): Reply {
  const access = bearerToken(state, request);
  if (!access || access.kind !== 'oauth') return jsonReply(401, GATEWAY_UNAUTHORIZED);
  const scopes = access.scopes.filter((scope) => scope !== 'offline_access');
  const resources = access.cloudIds.flatMap((cloudId) => {
    const site = state.sites.get(cloudId);
    return site ? [{ id: site.cloudId, url: siteUrl(site.cloudId), name: site.name, scopes, avatarUrl: site.avatarUrl }] : [];
  });
  return jsonReply(200, resources);
}
