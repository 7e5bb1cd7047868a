import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { signedInSession } from './support/browser-session';
import { consentAndReturn, OAUTH_CLIENT, OAUTH_REDIRECT, oauthEnv, startOAuthFlow } from './support/oauth-flow';
import { targetName } from './support/target-names';

let world: CloudWorld;
let companion: Companion | undefined;

beforeAll(async () => {
  world = await startCloudWorld();
  world.cloud.addOAuthClient({ ...OAUTH_CLIENT, redirectUris: [OAUTH_REDIRECT] });
  world.cloud.setConsent({ accountId: world.cloud.defaults.admin.accountId, cloudIds: [world.cloud.defaults.site.cloudId] });
});
afterAll(async () => world.close());
afterEach(() => companion?.stop());

const siteUrl = () => world.cloud.siteUrl(world.cloud.defaults.site.cloudId);
const exchanges = () =>
  world.cloud.requests.filter((request) => request.role === 'auth' && request.path.startsWith('/oauth/token') && request.body.includes('"authorization_code"'));

describe('OAuth 2.0 with PKCE (S256)', () => {
  it('asks with an S256 challenge and redeems the code with its verifier', async () => {
    let admin: string;
    ({ companion, admin } = await startCloudCompanion(world, oauthEnv(world)));
    const session = await signedInSession(companion);
    const { id, location } = await startOAuthFlow(companion, admin, session, siteUrl());
    const authorize = new URL(location);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(OAUTH_REDIRECT);
    const back = await consentAndReturn(world, location);
    const before = exchanges().length;
    const callback = await companion.request('GET', `${back.pathname}${back.search}`, { headers: { cookie: session.cookie } });
    expect(callback.status).toBe(303);
    const exchange = JSON.parse(exchanges()[before]!.body) as Record<string, string>;
    expect(exchange.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    // The verifier is kept sealed with the state, never in the clear.
    expect(companion.logLines.join('\n')).not.toContain(exchange.code_verifier);
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json).toMatchObject({ state: 'ready', auth_method: 'oauth' });
  });

  it("refuses a code from one flow sent with another flow's state", async () => {
    let admin: string;
    ({ companion, admin } = await startCloudCompanion(world, oauthEnv(world)));
    const session = await signedInSession(companion);
    const first = await startOAuthFlow(companion, admin, session, siteUrl());
    const second = await startOAuthFlow(companion, admin, session, siteUrl());
    const firstBack = await consentAndReturn(world, first.location);
    const secondState = new URL(second.location).searchParams.get('state')!;
    // The code the first flow got, replayed with the second flow's state (same session, so the state itself is good).
    const replay = `/oauth/callback?${new URLSearchParams({ code: firstBack.searchParams.get('code')!, state: secondState }).toString()}`;
    const answer = await companion.request('GET', replay, { headers: { cookie: session.cookie } });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain('PROVIDER_AUTH_REQUIRED');
    expect(answer.text).toMatch(/invalid_grant/);
    const target = (await companion.request('GET', `/api/v1/targets/${second.id}`, { token: admin })).json;
    expect(target).toMatchObject({ credential: null, site_id: null });
    expect(target.state).not.toBe('ready');
  });

  it.each([
    ['the code exchange', { host: 'auth', path: '/oauth/token' }],
    ['accessible-resources', { host: 'api', path: '/oauth/token/accessible-resources' }],
  ] as const)('a 503 at %s answers 503 and records nothing against the target', async (_what, where) => {
    let admin: string;
    ({ companion, admin } = await startCloudCompanion(world, oauthEnv(world)));
    const session = await signedInSession(companion);
    const { id, location } = await startOAuthFlow(companion, admin, session, siteUrl());
    const back = await consentAndReturn(world, location);
    const before = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    world.cloud.failNext({ ...where, kind: 'status', status: 503 });
    const callback = await companion.request('GET', `${back.pathname}${back.search}`, { headers: { cookie: session.cookie } });
    expect(callback.status).toBe(503);
    expect(callback.text).toContain('JIRA_UNAVAILABLE');
    expect(callback.headers.get('retry-after')).not.toBeNull();
    const after = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    expect(after.checks).toEqual(before.checks);
    expect(after.state).toBe(before.state);
  });

  it('refuses to start OAuth without PUBLIC_URL, naming the setting, and never takes the Host header', async () => {
    let admin: string;
    const { PUBLIC_URL: _unset, ...withoutPublicUrl } = oauthEnv(world);
    ({ companion, admin } = await startCloudCompanion(world, withoutPublicUrl));
    const session = await signedInSession(companion);
    const created = await companion.request('POST', '/api/v1/targets', {
      token: admin,
      body: { provider_key: 'jira_cloud', auth_method: 'oauth', name: targetName() },
    });
    const start = await companion.request('POST', `http://evil.example/settings/targets/${created.json.id}/oauth`, {
      rawBody: new URLSearchParams({ _csrf: session.csrf, site_url: siteUrl() }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, host: 'evil.example' },
    });
    // The refusal is a redirect back to the target's page (a path, never the Host) that shows it.
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe(`/settings/targets/${created.json.id}#step-oauth`);
    const flash = start.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0]!)
      .filter((pair) => pair.startsWith('wro_flash=') && pair !== 'wro_flash=');
    const page = await companion.request('GET', `/settings/targets/${created.json.id}`, { headers: { cookie: [session.cookie, ...flash].join('; ') } });
    expect(page.text).toContain('OAUTH_NOT_CONFIGURED');
    expect(page.text).toContain('PUBLIC_URL');
    expect(page.text).not.toContain('evil.example');
    const json = await companion.request('POST', `/settings/targets/${created.json.id}/oauth`, {
      rawBody: new URLSearchParams({ _csrf: session.csrf, site_url: siteUrl() }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, accept: 'application/json' },
    });
    expect(json.json.error).toMatchObject({ code: 'OAUTH_NOT_CONFIGURED', message: expect.stringContaining('PUBLIC_URL') });
  });
});
