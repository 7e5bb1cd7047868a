import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORGE_MODULE_KEYS } from '@webriskops/shared';
import type { Companion } from './support/companion-harness';
import { adminPageCall, startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { signedInSession } from './support/browser-session';
import type { FakeSite, FakeUser } from './fakes/fake-atlassian-cloud-state';
import { targetName } from './support/target-names';

let world: CloudWorld;
let companion: Companion;
let admin: string;
let siteB: FakeSite;
let adminB: FakeUser;

beforeAll(async () => {
  world = await startCloudWorld();
  siteB = world.cloud.addSite({ name: 'beta', projects: [{ key: 'OPS', name: 'Ops' }] });
  adminB = world.cloud.addUser({ sites: [siteB.cloudId], admin: true });
});
afterAll(async () => world.close());
beforeEach(async () => {
  ({ companion, admin } = await startCloudCompanion(world));
});
afterEach(() => companion.stop());

const siteA = () => world.cloud.defaults.site;

/** A pending Forge target and the code that pairs it. */
async function pendingForgeTarget() {
  const created = await companion.request('POST', '/api/v1/targets', {
    token: admin,
    body: { provider_key: 'jira_cloud', auth_method: 'forge_app', name: targetName() },
  });
  expect(created.status).toBe(201);
  return { id: created.json.id as string, code: created.json.pairing.code as string };
}

/** A signed admin-page call of `installationId`, claiming site `cloudId`. */
function pageCall(installationId: string, cloudId: string, accountId: string, siteUrl = world.cloud.siteUrl(cloudId)) {
  const tokens = world.cloud.issueForgeTokens({ installationId, principal: accountId });
  return world.signer.invocation({
    kind: 'frontend',
    cloudId,
    installationId,
    moduleKey: FORGE_MODULE_KEYS.adminPage,
    principal: accountId,
    siteUrl,
    ...tokens,
  }).headers;
}

/** A signed backend call (trigger) of `installationId` to `endpointKey`, claiming site `cloudId`, carrying `systemToken`. */
function backend(installationId: string, cloudId: string, endpointKey: string, systemToken: string) {
  return world.signer.invocation({ kind: 'trigger', cloudId, installationId, moduleKey: endpointKey, systemToken }).headers;
}

async function pairedOn(cloudId: string, accountId: string) {
  const { id, code } = await pendingForgeTarget();
  const installationId = world.cloud.installApp({ cloudId }).installationId;
  const paired = await companion.request('POST', '/forge/v1/pair', { headers: pageCall(installationId, cloudId, accountId), body: { code } });
  expect(paired.status, paired.text).toBe(200);
  return { id, installationId };
}

const targetOf = async (id: string) => (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
const auditOf = async (id: string) =>
  (await companion.request('GET', `/api/v1/targets/${id}/audit`, { token: admin })).json.events as { action: string; detail: Record<string, unknown> | null }[];

describe('Forge calls are held to the stored installation', () => {
  it("a signed token-refresh with installation A's id and site B's apiBaseUrl is refused, audited, and A's credential is unchanged", async () => {
    const a = await pairedOn(siteA().cloudId, world.cloud.defaults.admin.accountId);
    const before = await targetOf(a.id);
    const installationB = world.cloud.installApp({ cloudId: siteB.cloudId }).installationId;
    const tokenOfB = world.cloud.issueForgeTokens({ installationId: installationB }).systemToken;
    const answer = await companion.request('POST', '/forge/v1/token-refresh', {
      headers: backend(a.installationId, siteB.cloudId, FORGE_MODULE_KEYS.tokenRefreshEndpoint, tokenOfB),
      body: {},
    });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: 'INSTALLATION_MISMATCH', next_action: expect.any(String) });
    const after = await targetOf(a.id);
    expect(after.credential).toEqual(before.credential);
    expect(after).toMatchObject({ state: 'ready', site_id: siteA().cloudId });
    const refused = (await auditOf(a.id)).find((event) => event.action === 'forge.installation_mismatch');
    expect(refused?.detail).toMatchObject({ installation_id: a.installationId, stored_cloud_id: siteA().cloudId, call_cloud_id: siteB.cloudId });
    expect(JSON.stringify(await auditOf(a.id))).not.toContain(tokenOfB);
  });

  it('a page call (status, disconnect) from installation A claiming site B is refused and A stays paired', async () => {
    const a = await pairedOn(siteA().cloudId, world.cloud.defaults.admin.accountId);
    const status = await companion.request('GET', '/forge/v1/status', { headers: pageCall(a.installationId, siteB.cloudId, adminB.accountId) });
    expect(status.status).toBe(409);
    expect(status.json.error.code).toBe('INSTALLATION_MISMATCH');
    const disconnect = await companion.request('POST', '/forge/v1/disconnect', {
      headers: pageCall(a.installationId, siteB.cloudId, adminB.accountId),
      body: { confirm: true },
    });
    expect(disconnect.status).toBe(409);
    expect(await targetOf(a.id)).toMatchObject({ state: 'ready', credential: { kind: 'forge_app' } });
    expect((await auditOf(a.id)).filter((event) => event.action === 'forge.installation_mismatch')).toHaveLength(2);
  });

  it("a lifecycle event from installation A claiming site B does not retire site B's own pairing", async () => {
    await pairedOn(siteA().cloudId, world.cloud.defaults.admin.accountId);
    const first = await pendingForgeTarget();
    const installationA = world.cloud.installApp({ cloudId: siteA().cloudId }).installationId;
    // Installation A is seen on site A first (its admin page is opened)...
    expect(
      (await companion.request('GET', '/forge/v1/status', { headers: pageCall(installationA, siteA().cloudId, world.cloud.defaults.admin.accountId) })).status,
    ).toBe(200);
    const b = await pairedOn(siteB.cloudId, adminB.accountId);
    // ...then a signed install event names A with site B: it would retire B's installation as a "reinstall".
    const token = world.cloud.issueForgeTokens({ installationId: b.installationId }).systemToken;
    const answer = await companion.request('POST', '/forge/v1/lifecycle', {
      headers: backend(installationA, siteB.cloudId, FORGE_MODULE_KEYS.lifecycleEndpoint, token),
      body: {},
    });
    expect(answer.status).toBe(409);
    expect(await targetOf(b.id)).toMatchObject({ state: 'ready', site_id: siteB.cloudId });
    expect((await targetOf(first.id)).site_id).toBeNull();
  });

  it('a site rename (same cloud id and gateway, a new signed siteUrl) is accepted and audited', async () => {
    const a = await pairedOn(siteA().cloudId, world.cloud.defaults.admin.accountId);
    const renamed = 'https://acme-renamed.atlassian.test';
    const status = await companion.request('GET', '/forge/v1/status', {
      headers: pageCall(a.installationId, siteA().cloudId, world.cloud.defaults.admin.accountId, renamed),
    });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ connected: true, target_id: a.id });
    expect((await auditOf(a.id)).find((event) => event.action === 'forge.site_renamed')?.detail).toMatchObject({
      to_site_url: renamed,
      cloud_id: siteA().cloudId,
    });
  });
});

describe('disconnecting a Forge target unbinds its installation', () => {
  it('after DELETE /targets/{id} the app page says not paired and a new code pairs', async () => {
    const a = await pairedOn(siteA().cloudId, world.cloud.defaults.admin.accountId);
    const deleted = await companion.request('DELETE', `/api/v1/targets/${a.id}`, { token: admin });
    expect(deleted.status).toBe(200);
    const status = await companion.request('GET', '/forge/v1/status', {
      headers: adminPageCall(world, a.installationId, world.cloud.defaults.admin.accountId).headers,
    });
    expect(status.json).toMatchObject({ connected: false });
    const next = await pendingForgeTarget();
    const paired = await companion.request('POST', '/forge/v1/pair', {
      headers: adminPageCall(world, a.installationId, world.cloud.defaults.admin.accountId).headers,
      body: { code: next.code },
    });
    expect(paired.status, paired.text).toBe(200);
    expect(paired.json).toMatchObject({ connected: true, target_id: next.id, state: 'ready' });
    expect(await targetOf(a.id)).toMatchObject({ state: 'revoked', credential: null });
  });

  it('the revoke page unbinds it too', async () => {
    const a = await pairedOn(siteA().cloudId, world.cloud.defaults.admin.accountId);
    const session = await signedInSession(companion);
    const revoked = await companion.request('POST', `/settings/targets/${a.id}/revoke`, {
      rawBody: new URLSearchParams({ _csrf: session.csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
    });
    expect(revoked.status, revoked.text.slice(0, 200)).toBeLessThan(400);
    const status = await companion.request('GET', '/forge/v1/status', {
      headers: adminPageCall(world, a.installationId, world.cloud.defaults.admin.accountId).headers,
    });
    expect(status.json).toMatchObject({ connected: false });
  });
});
