import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORGE_MODULE_KEYS } from '@webriskops/shared';
import type { Companion } from '../support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from '../support/cloud-world';
import { serveCompanion } from '../browser/support/served-companion';
import { targetName } from '../support/target-names';

/**
 * Forge pairing attempts sent over loopback HTTP to the companion's node server: every one comes
 * from 127.0.0.1, as every real one comes from Atlassian's shared egress or the reverse proxy.
 */
let world: CloudWorld;
let companion: Companion;
let admin: string;
let served: { origin: string; close(): Promise<void> };

beforeAll(async () => {
  world = await startCloudWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  ({ companion, admin } = await startCloudCompanion(world));
  served = await serveCompanion(companion);
});
afterEach(async () => {
  await served.close();
  companion.stop();
});

const WRONG_CODE = `WRO-${'A'.repeat(26)}`;

/** POST /forge/v1/pair over HTTP, signed for `installationId` on site `cloudId`. */
async function pairOverHttp(installationId: string, cloudId: string, code: string) {
  const accountId = world.cloud.defaults.admin.accountId;
  const tokens = world.cloud.issueForgeTokens({ installationId, principal: accountId });
  const { headers } = world.signer.invocation({
    kind: 'frontend',
    cloudId,
    installationId,
    moduleKey: FORGE_MODULE_KEYS.adminPage,
    principal: accountId,
    siteUrl: world.cloud.siteUrl(cloudId),
    ...tokens,
  });
  const response = await fetch(`${served.origin}/forge/v1/pair`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    json: (await response.json()) as { error?: { code: string }; connected?: boolean },
  };
}

/** A new site with the app installed (and its default admin made an admin there too). */
function newSite(name: string) {
  const site = world.cloud.addSite({ name });
  world.cloud.state.users.get(world.cloud.defaults.admin.accountId)!.sites.add(site.cloudId);
  world.cloud.state.users.get(world.cloud.defaults.admin.accountId)!.adminOf.add(site.cloudId);
  return { cloudId: site.cloudId, installationId: world.cloud.installApp({ cloudId: site.cloudId }).installationId };
}

describe('Forge pairing limits are per site and installation, never per caller address', () => {
  it('wrong codes from one address for different sites are not limited together', async () => {
    const sites = ['one', 'two', 'three', 'four'].map((name) => newSite(`limits-${name}-${Date.now()}`));
    const codes: string[] = [];
    for (const site of sites) for (let i = 0; i < 10; i += 1) codes.push((await pairOverHttp(site.installationId, site.cloudId, WRONG_CODE)).json.error!.code);
    expect(codes).toHaveLength(40);
    expect(
      codes.every((code) => code === 'PAIRING_CODE_INVALID'),
      `limited: ${codes.filter((code) => code !== 'PAIRING_CODE_INVALID').length}`,
    ).toBe(true);
    // A fifth tenant pairs at once, after 40 failures from the same address.
    const created = await companion.request('POST', '/api/v1/targets', {
      token: admin,
      body: { provider_key: 'jira_cloud', auth_method: 'forge_app', name: targetName() },
    });
    const fifth = newSite(`limits-five-${Date.now()}`);
    const paired = await pairOverHttp(fifth.installationId, fifth.cloudId, created.json.pairing.code);
    expect(paired.status).toBe(200);
    expect(paired.json).toMatchObject({ connected: true });
  });

  it('many wrong codes for one site are limited (429, Retry-After), also across a reinstall', async () => {
    const site = newSite(`limits-one-site-${Date.now()}`);
    const answers = [];
    for (let i = 0; i < 11; i += 1) answers.push(await pairOverHttp(site.installationId, site.cloudId, WRONG_CODE));
    expect(answers.slice(0, 10).every((answer) => answer.json.error?.code === 'PAIRING_CODE_INVALID')).toBe(true);
    expect(answers[10]).toMatchObject({ status: 429, json: { error: { code: 'PAIRING_RATE_LIMITED' } } });
    expect(Number(answers[10]!.retryAfter)).toBeGreaterThan(0);
    const reinstalled = world.cloud.installApp({ cloudId: site.cloudId }).installationId;
    expect((await pairOverHttp(reinstalled, site.cloudId, WRONG_CODE)).json.error?.code).toBe('PAIRING_RATE_LIMITED');
    expect(companion.logLines.some((line) => line.includes('forge pairing rate limited') && line.includes(site.cloudId))).toBe(true);
  });

  it('a limit hit on a paired installation is audited on its target', async () => {
    const site = newSite(`limits-paired-${Date.now()}`);
    const created = await companion.request('POST', '/api/v1/targets', {
      token: admin,
      body: { provider_key: 'jira_cloud', auth_method: 'forge_app', name: targetName() },
    });
    expect((await pairOverHttp(site.installationId, site.cloudId, created.json.pairing.code)).status).toBe(200);
    let last;
    for (let i = 0; i < 10; i += 1) last = await pairOverHttp(site.installationId, site.cloudId, WRONG_CODE);
    expect(last!.status).toBe(429);
    const audit = (await companion.request('GET', `/api/v1/targets/${created.json.id}/audit`, { token: admin })).json.events as {
      action: string;
      detail: Record<string, unknown>;
    }[];
    expect(audit.find((event) => event.action === 'forge.pairing_rate_limited')?.detail).toMatchObject({
      cloud_id: site.cloudId,
      installation_id: site.installationId,
    });
  });
});
