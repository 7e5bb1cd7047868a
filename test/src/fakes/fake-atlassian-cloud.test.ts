import { request as httpsRequest } from 'node:https';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAtlassianCloud, type FakeAtlassianCloud } from './fake-atlassian-cloud';
import { createForgeInvocationSigner, type ForgeInvocationSigner } from './forge-invocation-signer';
import { checkJiraCloudAnswer } from './jira-cloud-spec-check';
import { requestOverLoopback, type LoopbackResponse } from './loopback-https';
import { decodeJwt, verifyRs256WithJwk } from './test-jwt';

let cloud: FakeAtlassianCloud;
let signer: ForgeInvocationSigner;

beforeAll(async () => {
  cloud = await startFakeAtlassianCloud();
  signer = createForgeInvocationSigner({ apiBaseUrl: cloud.urls.api });
  cloud.setJwks(() => signer.jwks());
});
afterAll(() => cloud.close());

type Init = Parameters<typeof requestOverLoopback>[1];
const api = (init: Init) => requestOverLoopback({ baseUrl: cloud.urls.api, ca: cloud.ca }, init);
const auth = (init: Init) => requestOverLoopback({ baseUrl: cloud.urls.auth, ca: cloud.ca }, init);
const site = (init: Init) => requestOverLoopback({ baseUrl: cloud.siteUrl(cloud.defaults.site.cloudId), ca: cloud.ca }, init);
const basic = (email: string, token: string) => ({ authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` });
const jira = (path: string) => `/ex/jira/${cloud.defaults.site.cloudId}/rest/api/3${path}`;

async function expectSpecValid(method: string, path: string, answer: LoopbackResponse) {
  const result = await checkJiraCloudAnswer(method, path, answer);
  expect(result.errors, `${method} ${path} -> ${answer.status}`).toEqual([]);
  expect(result.ok).toBe(true);
}

describe('fake Atlassian cloud: hosts and TLS', () => {
  it('serves every stand-in hostname over TLS from the test CA on one loopback port', async () => {
    expect(cloud.urls.api).toBe(`https://api.atlassian.test:${cloud.port}`);
    expect(cloud.siteUrl(cloud.defaults.site.cloudId)).toBe(`https://acme.atlassian.test:${cloud.port}`);
    const tenant = await site({ path: '/_edge/tenant_info' });
    expect(tenant).toMatchObject({ status: 200, json: { cloudId: cloud.defaults.site.cloudId } });
  });

  it('refuses a Host that does not match the SNI with 421', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpsRequest(
        `${cloud.urls.api}/oauth/token/accessible-resources`,
        {
          ca: cloud.ca,
          servername: cloud.hostnames.api,
          headers: { host: cloud.hostnames.auth },
          agent: false,
          lookup: (_name, options, callback) =>
            options.all
              ? (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }])
              : callback(null, '127.0.0.1', 4),
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(status).toBe(421);
  });

  it('records every request with its headers, host role and SNI', async () => {
    const before = cloud.requests.length;
    await api({ path: '/oauth/token/accessible-resources', headers: { 'x-probe': 'yes' } });
    const record = cloud.requests[before]!;
    expect(record).toMatchObject({
      hostname: 'api.atlassian.test',
      role: 'api',
      servername: 'api.atlassian.test',
      method: 'GET',
      path: '/oauth/token/accessible-resources',
      status: 401,
    });
    expect(record.headers['x-probe']).toBe('yes');
  });
});

describe('fake Atlassian cloud: Forge JWKS host', () => {
  it('serves the signer JWKS at the Forge path, counts fetches and follows rotation', async () => {
    const fetches = cloud.jwksFetches;
    const first = await requestOverLoopback({ baseUrl: cloud.urls.jwks, ca: cloud.ca }, { path: '/.well-known/jwks.json' });
    expect(cloud.urls.jwksUrl).toBe(`${cloud.urls.jwks}/.well-known/jwks.json`);
    expect(first.status).toBe(200);
    const keys = (first.json as { keys: { kid: string }[] }).keys;
    expect(keys.map((key) => key.kid)).toEqual([signer.currentKid]);
    const token = signer.sign({
      kind: 'trigger',
      cloudId: cloud.defaults.site.cloudId,
      installationId: 'ari:cloud:ecosystem::installation/x',
      moduleKey: 'wro-lifecycle',
    });
    expect(verifyRs256WithJwk(token, keys[0] as never)).toBe(true);
    const kid = signer.rotate();
    const second = await requestOverLoopback({ baseUrl: cloud.urls.jwks, ca: cloud.ca }, { path: '/.well-known/jwks.json' });
    expect((second.json as { keys: { kid: string }[] }).keys.map((key) => key.kid)).toContain(kid);
    expect(cloud.jwksFetches).toBe(fetches + 2);
  });

  it('answers 503 when told the JWKS is unreachable', async () => {
    cloud.failNext({ host: 'jwks', kind: 'status', status: 503 });
    expect((await requestOverLoopback({ baseUrl: cloud.urls.jwks, ca: cloud.ca }, { path: '/.well-known/jwks.json' })).status).toBe(503);
  });
});

describe('fake Atlassian cloud: OAuth 2.0 (3LO)', () => {
  const redirectUri = 'https://companion.test/oauth/callback';

  async function authorize(scope = 'read:jira-user read:jira-work write:jira-work offline_access') {
    const query = new URLSearchParams({
      audience: 'api.atlassian.com',
      client_id: cloud.defaults.oauthClient.clientId,
      scope,
      redirect_uri: redirectUri,
      state: 'nonce-123',
      response_type: 'code',
      prompt: 'consent',
    });
    const answer = await auth({ path: `/authorize?${query}` });
    expect(answer.status).toBe(302);
    return new URL(String(answer.headers.location));
  }

  async function exchange(code: string) {
    const { clientId, clientSecret } = cloud.defaults.oauthClient;
    return auth({
      method: 'POST',
      path: '/oauth/token',
      body: { grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, code, redirect_uri: redirectUri },
    });
  }

  async function refresh(refreshToken: string) {
    const { clientId, clientSecret } = cloud.defaults.oauthClient;
    return auth({
      method: 'POST',
      path: '/oauth/token',
      body: { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken },
    });
  }

  it('authorize → code → token → accessible-resources → Jira through the gateway', async () => {
    cloud.setConsent({ accountId: cloud.defaults.admin.accountId });
    const back = await authorize();
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('nonce-123');
    const code = back.searchParams.get('code')!;

    const token = await exchange(code);
    expect(token.status).toBe(200);
    expect(token.json).toEqual({
      access_token: expect.stringMatching(/^eyJ/),
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'read:jira-user read:jira-work write:jira-work offline_access',
      refresh_token: expect.any(String),
    });
    const accessToken = (token.json as { access_token: string }).access_token;
    expect(decodeJwt(accessToken).payload).toMatchObject({ sub: cloud.defaults.admin.accountId, exp: expect.any(Number) });

    const resources = await api({ path: '/oauth/token/accessible-resources', token: accessToken });
    expect(resources).toMatchObject({ status: 200 });
    expect(resources.json).toEqual([
      {
        id: cloud.defaults.site.cloudId,
        url: cloud.siteUrl(cloud.defaults.site.cloudId),
        name: 'acme',
        scopes: ['read:jira-user', 'read:jira-work', 'write:jira-work'],
        avatarUrl: expect.stringMatching(/^https:/),
      },
    ]);

    const myself = await api({ path: jira('/myself'), token: accessToken });
    expect(myself.status).toBe(200);
    expect(myself.json).toMatchObject({ accountId: cloud.defaults.admin.accountId, accountType: 'atlassian', emailAddress: 'admin@acme.test' });
    await expectSpecValid('GET', jira('/myself'), myself);

    expect((await exchange(code)).json).toEqual({ error: 'invalid_grant', error_description: 'Invalid authorization code' });
  });

  it('rotates refresh tokens: the old one answers 403 invalid_grant', async () => {
    cloud.setConsent({ accountId: cloud.defaults.member.accountId });
    const first = (await exchange((await authorize()).searchParams.get('code')!)).json as { refresh_token: string };
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const rotated = second.json as { refresh_token: string; access_token: string };
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token);
    expect(reused).toMatchObject({ status: 403, json: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } });
    expect((await refresh(rotated.refresh_token)).status).toBe(200);
  });

  it('checks PKCE as Atlassian does: an S256 challenge binds the code to its verifier', async () => {
    cloud.setConsent({ accountId: cloud.defaults.member.accountId });
    const verifier = 'v'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const withChallenge = async (extra: Record<string, string>) => {
      const query = new URLSearchParams({
        audience: 'api.atlassian.com',
        client_id: cloud.defaults.oauthClient.clientId,
        scope: 'read:jira-work',
        redirect_uri: redirectUri,
        state: 's',
        response_type: 'code',
        ...extra,
      });
      return new URL(String((await auth({ path: `/authorize?${query}` })).headers.location));
    };
    const { clientId, clientSecret } = cloud.defaults.oauthClient;
    const redeem = (code: string, codeVerifier?: string) =>
      auth({
        method: 'POST',
        path: '/oauth/token',
        body: {
          grant_type: 'authorization_code',
          client_id: clientId,
          client_secret: clientSecret,
          code,
          redirect_uri: redirectUri,
          ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
        },
      });

    expect((await withChallenge({ code_challenge: challenge, code_challenge_method: 'plain' })).searchParams.get('error')).toBe('invalid_request');
    const missing = (await withChallenge({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    expect((await redeem(missing)).json).toMatchObject({ error: 'invalid_grant' });
    const wrong = (await withChallenge({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    expect((await redeem(wrong, 'w'.repeat(43))).json).toMatchObject({ error: 'invalid_grant' });
    expect((await redeem(wrong, verifier)).json, 'a code refused once is spent').toMatchObject({ error: 'invalid_grant' });
    const good = (await withChallenge({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    expect((await redeem(good, verifier)).status).toBe(200);
    const plain = (await withChallenge({})).searchParams.get('code')!;
    expect((await redeem(plain, verifier)).json, 'a verifier for a code asked without a challenge').toMatchObject({ error: 'invalid_grant' });
  });

  it('can be told to reject every refresh, and rejects a wrong client secret', async () => {
    cloud.setConsent({ accountId: cloud.defaults.member.accountId });
    const tokens = (await exchange((await authorize()).searchParams.get('code')!)).json as { refresh_token: string };
    cloud.setRejectRefresh(true);
    expect((await refresh(tokens.refresh_token)).status).toBe(403);
    cloud.setRejectRefresh(false);
    const wrongSecret = await auth({
      method: 'POST',
      path: '/oauth/token',
      body: { grant_type: 'refresh_token', client_id: cloud.defaults.oauthClient.clientId, client_secret: 'nope', refresh_token: tokens.refresh_token },
    });
    expect(wrongSecret).toMatchObject({ status: 401, json: { error: 'access_denied' } });
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it('without offline_access there is no refresh token; granted scopes can be narrower than requested', async () => {
    cloud.setConsent({ accountId: cloud.defaults.member.accountId, scopes: ['read:jira-work'] });
    const token = (await exchange((await authorize('read:jira-work write:jira-work')).searchParams.get('code')!)).json as Record<string, string>;
    expect(token.scope).toBe('read:jira-work');
    expect(token).not.toHaveProperty('refresh_token');
    const create = await api({ method: 'POST', path: jira('/issue'), token: token.access_token!, body: { fields: {} } });
    expect(create).toMatchObject({ status: 401, json: { code: 401, message: 'Unauthorized; scope does not match' } });
  });

  it('lists only the sites granted, and a site not granted refuses the token', async () => {
    const other = cloud.addSite({ name: 'globex', projects: [{ key: 'OPS' }] });
    const user = cloud.addUser({ email: 'both@example.test', sites: [cloud.defaults.site.cloudId, other.cloudId] });
    cloud.setConsent({ accountId: user.accountId, cloudIds: [other.cloudId] });
    const token = ((await exchange((await authorize()).searchParams.get('code')!)).json as { access_token: string }).access_token;
    const resources = (await api({ path: '/oauth/token/accessible-resources', token })).json as { id: string; url: string }[];
    expect(resources.map((resource) => resource.id)).toEqual([other.cloudId]);
    expect(resources[0]!.url).toBe(`https://globex.atlassian.test:${cloud.port}`);
    expect((await api({ path: jira('/myself'), token })).json).toEqual({ code: 401, message: 'Unauthorized' });
  });

  it('denied consent redirects with error=access_denied and the state', async () => {
    cloud.setConsent({ accountId: cloud.defaults.member.accountId, deny: true });
    const back = await authorize();
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('nonce-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('revoked or expired access tokens answer 401 at the gateway', async () => {
    const token = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId });
    expect((await api({ path: jira('/myself'), token })).status).toBe(200);
    cloud.revokeToken(token);
    expect(await api({ path: jira('/myself'), token })).toMatchObject({ status: 401, json: { code: 401, message: 'Unauthorized' } });
    const expired = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId, ttlSeconds: -1 });
    expect((await api({ path: jira('/myself'), token: expired })).status).toBe(401);
  });
});

describe('fake Atlassian cloud: Forge app tokens', () => {
  it('the user token carries the user, the system token the app user; ADMINISTER only for admins', async () => {
    const installation = cloud.installApp({ cloudId: cloud.defaults.site.cloudId });
    expect(installation.installationId).toMatch(/^ari:cloud:ecosystem::installation\//);
    const asAdmin = cloud.issueForgeTokens({ installationId: installation.installationId, principal: cloud.defaults.admin.accountId });
    const asMember = cloud.issueForgeTokens({ installationId: installation.installationId, principal: cloud.defaults.member.accountId });
    expect(decodeJwt(asAdmin.systemToken).payload.exp as number).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 2 * 3600);

    const admin = await api({ path: jira('/mypermissions?permissions=ADMINISTER'), token: asAdmin.userToken! });
    expect(admin.json).toEqual({ permissions: { ADMINISTER: expect.objectContaining({ key: 'ADMINISTER', type: 'GLOBAL', havePermission: true }) } });
    await expectSpecValid('GET', jira('/mypermissions?permissions=ADMINISTER'), admin);
    const member = await api({ path: jira('/mypermissions?permissions=ADMINISTER,CREATE_ISSUES'), token: asMember.userToken! });
    expect(member.json).toMatchObject({ permissions: { ADMINISTER: { havePermission: false }, CREATE_ISSUES: { havePermission: true } } });
    const app = await api({ path: jira('/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS'), token: asAdmin.systemToken });
    expect(app.json).toMatchObject({ permissions: { ADMINISTER: { havePermission: false }, BROWSE_PROJECTS: { havePermission: true } } });

    const created = await api({
      method: 'POST',
      path: jira('/issue'),
      token: asAdmin.systemToken,
      body: { fields: { project: { key: 'SEC' }, issuetype: { id: '10004' }, summary: 'From the app' } },
    });
    expect(created.status).toBe(201);
    const issue = cloud.defaults.site.issues.get((created.json as { id: string }).id)!;
    expect(issue.createdBy).toBe(installation.appAccountId);

    // App scopes are read/write:jira-work only, so /myself (read:jira-user) is out of reach, as on real Forge.
    expect((await api({ path: jira('/myself'), token: asAdmin.systemToken })).json).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });

    cloud.uninstallApp(installation.installationId);
    expect((await api({ path: jira('/mypermissions?permissions=ADMINISTER'), token: asAdmin.userToken! })).status).toBe(401);
    expect(() => cloud.issueForgeTokens({ installationId: installation.installationId })).toThrow(/no active installation/);
  });

  it('a removed addons role (no project permissions for the app user) blocks create with 400', async () => {
    const installation = cloud.installApp({ cloudId: cloud.defaults.site.cloudId });
    cloud.state.users.get(installation.appAccountId)!.projectPermissions.clear();
    const { systemToken } = cloud.issueForgeTokens({ installationId: installation.installationId });
    const created = await api({
      method: 'POST',
      path: jira('/issue'),
      token: systemToken,
      body: { fields: { project: { key: 'SEC' }, issuetype: { id: '10004' }, summary: 'x' } },
    });
    expect(created).toMatchObject({ status: 400, json: { errors: { project: 'valid project is required' } } });
  });
});

describe('fake Atlassian cloud: API tokens', () => {
  it('an unscoped token works on the site with basic auth and is named in the answer headers', async () => {
    const token = cloud.issueApiToken(cloud.defaults.member.accountId);
    const myself = await site({ path: '/rest/api/3/myself', headers: basic('dev@acme.test', token) });
    expect(myself.status).toBe(200);
    expect(myself.headers['x-seraph-loginreason']).toBe('OK');
    expect(myself.headers['x-aaccountid']).toBe(cloud.defaults.member.accountId);
    await expectSpecValid('GET', '/rest/api/3/myself', myself);
    expect((await site({ path: '/rest/api/3/myself', headers: basic('someone-else@acme.test', token) })).status).toBe(401);
  });

  it('a bad token gets 401 on /myself and an anonymous 200 with AUTHENTICATED_FAILED elsewhere', async () => {
    const headers = basic('dev@acme.test', 'not-a-token');
    const myself = await site({ path: '/rest/api/3/myself', headers });
    expect(myself).toMatchObject({ status: 401, json: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} } });
    expect(myself.headers['x-seraph-loginreason']).toBe('AUTHENTICATED_FAILED');
    const permissions = await site({ path: '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,CREATE_ISSUES', headers });
    expect(permissions.status).toBe(200);
    expect(permissions.headers['x-seraph-loginreason']).toBe('AUTHENTICATED_FAILED');
    expect(permissions.headers['x-ausername']).toBe('anonymous');
    expect(permissions.json).toMatchObject({ permissions: { BROWSE_PROJECTS: { havePermission: false }, CREATE_ISSUES: { havePermission: false } } });
    const projects = await site({ path: '/rest/api/3/project/search', headers });
    expect(projects.json).toMatchObject({ total: 0, values: [], isLast: true });
    await expectSpecValid('GET', '/rest/api/3/project/search', projects);
  });

  it('revoked and expired tokens fail like bad ones', async () => {
    const revoked = cloud.issueApiToken(cloud.defaults.member.accountId);
    cloud.revokeToken(revoked);
    expect((await site({ path: '/rest/api/3/myself', headers: basic('dev@acme.test', revoked) })).status).toBe(401);
    const expired = cloud.issueApiToken(cloud.defaults.member.accountId, { expiresAt: Date.now() - 1000 });
    expect((await site({ path: '/rest/api/3/myself', headers: basic('dev@acme.test', expired) })).status).toBe(401);
  });

  it('a scoped token works only through the api gateway; an unscoped one only on the site', async () => {
    const scoped = cloud.issueApiToken(cloud.defaults.member.accountId, { scoped: true });
    const unscoped = cloud.issueApiToken(cloud.defaults.member.accountId);
    expect((await api({ path: jira('/myself'), headers: basic('dev@acme.test', scoped) })).status).toBe(200);
    expect((await site({ path: '/rest/api/3/myself', headers: basic('dev@acme.test', scoped) })).status).toBe(401);
    expect((await api({ path: jira('/myself'), headers: basic('dev@acme.test', unscoped) })).status).toBe(401);
  });

  it('a 3LO bearer token does not work on the site', async () => {
    const token = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId });
    const answer = await site({ path: '/rest/api/3/myself', token });
    expect(answer.status).toBe(401);
  });
});

describe('fake Atlassian cloud: injected faults', () => {
  it('429 with Retry-After and the rate-limit headers, then normal answers', async () => {
    const token = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId });
    const rule = cloud.failNext({ host: 'api', path: /\/myself$/, kind: 'rate-limit', retryAfterSeconds: 3, times: 2 });
    const first = await api({ path: jira('/myself'), token });
    expect(first.status).toBe(429);
    expect(first.headers).toMatchObject({ 'retry-after': '3', 'x-ratelimit-remaining': '0', 'ratelimit-reason': 'jira-burst-based' });
    expect(Number.isNaN(Date.parse(String(first.headers['x-ratelimit-reset'])))).toBe(false);
    expect((await api({ path: jira('/myself'), token })).status).toBe(429);
    expect(rule.remaining()).toBe(0);
    expect((await api({ path: jira('/myself'), token })).status).toBe(200);
  });

  it('5xx with an optional Retry-After, and an HTML 401 page', async () => {
    const token = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId });
    cloud.failNext({ host: 'api', kind: 'status', status: 503, retryAfterSeconds: 2 });
    const unavailable = await api({ path: jira('/myself'), token });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('2');
    cloud.failNext({ host: 'site', kind: 'html-401' });
    const html = await site({ path: '/rest/api/3/myself' });
    expect(html.status).toBe(401);
    expect(html.headers['content-type']).toMatch(/text\/html/);
  });

  it('drop-after performs the create and then loses the answer', async () => {
    const token = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId });
    const before = cloud.defaults.site.issues.size;
    cloud.failNext({ host: 'api', method: 'POST', path: /\/issue$/, kind: 'drop-after' });
    await expect(
      api({ method: 'POST', path: jira('/issue'), token, body: { fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'lost answer' } } }),
    ).rejects.toThrow();
    expect(cloud.defaults.site.issues.size).toBe(before + 1);
    cloud.failNext({ host: 'api', kind: 'drop-before' });
    await expect(api({ path: jira('/myself'), token })).rejects.toThrow();
    expect(cloud.requestsTo('api', jira('/myself')).at(-1)!.status).toBe(0);
  });
});
