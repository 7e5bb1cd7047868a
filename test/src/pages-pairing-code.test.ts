import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { adminPageCall, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { signedInSession } from './support/browser-session';

let world: CloudWorld;
let companion: Companion;

beforeAll(async () => {
  world = await startCloudWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  companion = await startCompanion({ env: world.env() });
  companion.deps.clock.now = () => new Date(world.now());
});
afterEach(() => companion.stop());

const form = (fields: Record<string, string>, cookie: string) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
});
const codeIn = (html: string) => /WRO-[0-9A-HJKMNP-TV-Z]{26}/.exec(html)?.[0] ?? null;

describe('a lost pairing code', () => {
  it('is replaced for the same pending target, and the old code stops working', async () => {
    const session = await signedInSession(companion);
    const started = await companion.request(
      'POST',
      '/settings/targets',
      form({ _csrf: session.csrf, provider_key: 'jira_cloud', auth_method: 'forge_app' }, session.cookie),
    );
    expect(started.status).toBe(201);
    const first = codeIn(started.text)!;
    const targetId = /\/settings\/targets\/(tgt_[a-z0-9]+)/.exec(started.text)![1]!;

    const reloaded = await companion.request('GET', `/settings/targets/${targetId}`, { headers: { cookie: session.cookie } });
    expect(codeIn(reloaded.text)).toBeNull();
    const forged = await companion.request('POST', `/settings/targets/${targetId}/pairing-code`, form({ _csrf: 'forged' }, session.cookie));
    expect(forged.status).toBe(403);
    const again = await companion.request('POST', `/settings/targets/${targetId}/pairing-code`, form({ _csrf: session.csrf }, session.cookie));
    expect(again.status).toBe(200);
    const second = codeIn(again.text)!;
    expect(second).not.toBe(first);

    const installationId = world.cloud.installApp({ cloudId: world.cloud.defaults.site.cloudId }).installationId;
    const pair = (code: string) =>
      companion.request('POST', '/forge/v1/pair', {
        headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
        body: { code },
      });
    expect((await pair(first)).json.error.code).toBe('PAIRING_CODE_EXPIRED');
    expect((await pair(second)).json).toMatchObject({ connected: true, target_id: targetId });
    const targets = (await companion.request('GET', '/api/v1/targets', { token: await companion.token('default', 'admin') })).json.targets;
    expect(targets).toHaveLength(1);
  });
});
