import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudApiAccess } from '@webriskops/server/commands';
import { targetRecordSchema } from '@webriskops/shared';
import { startCompanion, type Companion } from './support/companion-harness';
import { startCloudWorld, type CloudWorld } from './support/cloud-world';
import { signedInSession } from './support/browser-session';
import { requestOverLoopback } from './fakes/loopback-https';
import { targetName } from './support/target-names';

let world: CloudWorld;
let companion: Companion;
let admin: string;
const REDIRECT = 'http://localhost/oauth/callback';

beforeAll(async () => {
  world = await startCloudWorld();
  world.cloud.addOAuthClient({ clientId: 'wro-oauth', clientSecret: 'wro-oauth-secret', redirectUris: [REDIRECT] });
});
afterAll(async () => world.close());
beforeEach(async () => {
  companion = await startCompanion({
    env: { ...world.env(), ATLASSIAN_CLIENT_ID: 'wro-oauth', ATLASSIAN_CLIENT_SECRET: 'wro-oauth-secret', PUBLIC_URL: 'http://localhost' },
  });
  companion.deps.clock.now = () => new Date(world.now());
});
afterEach(() => companion.stop());

const site = () => world.cloud.defaults.site;
const form = (fields: Record<string, string>, cookie: string) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
});

/** The browser's part: follow the authorize redirect at the fake Atlassian, come back with code and state. */
async function consentAndReturn(authorizeUrl: string) {
  const url = new URL(authorizeUrl);
  const answer = await requestOverLoopback({ baseUrl: url.origin, ca: world.cloud.ca }, { path: `${url.pathname}${url.search}` });
  expect(answer.status).toBe(302);
  const back = new URL(String(answer.headers.location));
  expect(back.origin + back.pathname).toBe(REDIRECT);
  return `${back.pathname}${back.search}`;
}

async function startOAuth(siteUrl: string) {
  const session = await signedInSession(companion);
  admin = await companion.token('default', 'admin');
  const created = await companion.request('POST', '/api/v1/targets', {
    token: admin,
    body: { provider_key: 'jira_cloud', auth_method: 'oauth', name: targetName() },
  });
  const start = await companion.request('POST', `/settings/targets/${created.json.id}/oauth`, form({ _csrf: session.csrf, site_url: siteUrl }, session.cookie));
  expect(start.status).toBe(303);
  const location = start.headers.get('location')!;
  expect(location).toContain(`${world.cloud.urls.auth}/authorize?`);
  expect(new URL(location).searchParams.get('scope')).toBe('read:jira-work write:jira-work offline_access');
  return { id: created.json.id as string, session, location };
}

describe('OAuth 2.0 (3LO)', () => {
  it('goes from consent to a ready target bound to the declared site', async () => {
    world.cloud.setConsent({ accountId: world.cloud.defaults.admin.accountId, cloudIds: [site().cloudId] });
    const { id, session, location } = await startOAuth(world.cloud.siteUrl(site().cloudId));
    const callback = await companion.request('GET', await consentAndReturn(location), { headers: { cookie: session.cookie } });
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(`/settings/targets/${id}`);
    const target = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    expect(target).toMatchObject({
      auth_method: 'oauth',
      site_id: site().cloudId,
      ownership: { method: 'oauth_resources' },
      state: 'ready',
      credential: { kind: 'oauth', expires_at: null },
    });
    expect(target.scopes).toEqual(['read:jira-work', 'write:jira-work', 'offline_access']);
    expect((await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json).toMatchObject({ ready: true });
  });

  it('refuses a state from another session, and a state used twice', async () => {
    world.cloud.setConsent({ accountId: world.cloud.defaults.admin.accountId });
    const { session, location } = await startOAuth(world.cloud.siteUrl(site().cloudId));
    const back = await consentAndReturn(location);
    const stranger = await companion.request('GET', back, { headers: { cookie: 'wro_session=someone-else' } });
    expect(stranger.status).toBe(303);
    expect(stranger.headers.get('location')).toBe('/login');
    expect((await companion.request('GET', back, { headers: { cookie: session.cookie } })).status).toBe(303);
    const again = await companion.request('GET', back, { headers: { cookie: session.cookie } });
    expect(again.status).toBe(400);
    expect(again.text).toContain('OAUTH_STATE_INVALID');
  });

  it('refuses a site missing from accessible-resources (PROVIDER_BASE_URL_BLOCKED, ownership)', async () => {
    const other = world.cloud.addSite({ name: 'elsewhere' });
    world.cloud.setConsent({ accountId: world.cloud.defaults.admin.accountId, cloudIds: [site().cloudId] });
    const { id, session, location } = await startOAuth(world.cloud.siteUrl(other.cloudId));
    const callback = await companion.request('GET', await consentAndReturn(location), { headers: { cookie: session.cookie } });
    expect(callback.status).toBe(409);
    expect(callback.text).toContain('PROVIDER_BASE_URL_BLOCKED');
    const target = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    expect(target.checks.ownership).toMatchObject({ status: 'failed', code: 'PROVIDER_BASE_URL_BLOCKED' });
    expect(target.credential).toBeNull();
  });

  it('a refresh token the provider rejects blocks the target with PROVIDER_AUTH_REQUIRED', async () => {
    world.cloud.setConsent({ accountId: world.cloud.defaults.admin.accountId, cloudIds: [site().cloudId] });
    const { id, session, location } = await startOAuth(world.cloud.siteUrl(site().cloudId));
    await companion.request('GET', await consentAndReturn(location), { headers: { cookie: session.cookie } });
    const principal = { workspaceId: (await companion.deps.store.db.query.workspaces.findFirst())!.id, role: 'admin' as const, actor: 'test' };
    const target = targetRecordSchema.parse((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json);

    const tokenCalls = () => world.cloud.requests.filter((r) => r.role === 'auth' && r.path.startsWith('/oauth/token')).length;
    const before = tokenCalls();
    await cloudApiAccess(companion.deps, principal, target);
    expect(tokenCalls(), 'a fresh access token is used as it is').toBe(before);
    world.advance(2 * 60 * 60_000);
    const access = await cloudApiAccess(companion.deps, principal, target);
    expect(access.restBase).toBe(`${world.cloud.urls.api}/ex/jira/${site().cloudId}/rest/api/3`);
    expect(tokenCalls(), 'an expired access token is refreshed once').toBe(before + 1);

    world.advance(2 * 60 * 60_000);
    world.cloud.setRejectRefresh(true);
    await expect(cloudApiAccess(companion.deps, principal, target)).rejects.toMatchObject({ code: 'PROVIDER_AUTH_REQUIRED' });
    world.cloud.setRejectRefresh(false);
    const readiness = (await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json;
    expect(readiness).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_AUTH_REQUIRED' });
    expect(readiness.reason).toMatch(/invalid_grant/);
  });
});

describe('Atlassian API token (fallback)', () => {
  beforeEach(async () => {
    await signedInSession(companion);
    admin = await companion.token('default', 'admin');
  });

  async function apiTokenTarget() {
    return (
      await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_cloud', auth_method: 'api_token', name: targetName() } })
    ).json.id as string;
  }

  it('connects a site whose tenant_info gives its cloudId and whose /myself answers as the user', async () => {
    const id = await apiTokenTarget();
    const token = world.cloud.issueApiToken(world.cloud.defaults.admin.accountId);
    const stored = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, {
      token: admin,
      body: { site_url: world.cloud.siteUrl(site().cloudId), email: 'admin@acme.test', api_token: token },
    });
    expect(stored.status, stored.text).toBe(200);
    expect(stored.json).toMatchObject({
      site_id: site().cloudId,
      ownership: { method: 'site_identity' },
      credential: { kind: 'api_token', fingerprint: token.slice(-4) },
      state: 'ready',
    });
    const expiresIn = Date.parse(stored.json.credential.expires_at) - world.now();
    expect(expiresIn).toBeGreaterThan(364 * 86_400_000);
    expect(expiresIn).toBeLessThanOrEqual(365 * 86_400_000);
    expect(JSON.stringify(stored.json)).not.toContain(token);
  });

  it('refuses a token that Jira answers anonymously (PROVIDER_AUTH_REQUIRED), storing nothing', async () => {
    const id = await apiTokenTarget();
    const token = world.cloud.issueApiToken(world.cloud.defaults.admin.accountId);
    world.cloud.revokeToken(token);
    const refused = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, {
      token: admin,
      body: { site_url: world.cloud.siteUrl(site().cloudId), email: 'admin@acme.test', api_token: token },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('PROVIDER_AUTH_REQUIRED');
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json.credential).toBeNull();
  });

  it('refuses a host that is not a Jira Cloud site (PROVIDER_BASE_URL_BLOCKED)', async () => {
    const id = await apiTokenTarget();
    const token = world.cloud.issueApiToken(world.cloud.defaults.admin.accountId);
    const refused = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, {
      token: admin,
      body: { site_url: world.cloud.urls.auth, email: 'admin@acme.test', api_token: token },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'PROVIDER_BASE_URL_BLOCKED' });
    expect(refused.json.error.message).toMatch(/not a Jira Cloud site/);
  });
});
