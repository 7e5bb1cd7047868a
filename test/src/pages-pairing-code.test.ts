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
  it('is shown again on reload while pending, replaced on request for the same target, and the old code stops working', async () => {
    const session = await signedInSession(companion);
    const page = (targetId: string) => companion.request('GET', `/settings/targets/${targetId}`, { headers: { cookie: session.cookie } });
    const started = await companion.request(
      'POST',
      '/settings/targets',
      form({ _csrf: session.csrf, provider_key: 'jira_cloud', auth_method: 'forge_app', name: 'Acme Cloud' }, session.cookie),
    );
    expect(started.status).toBe(303);
    const targetId = /\/settings\/targets\/(tgt_[a-z0-9]+)$/.exec(started.headers.get('location')!)![1]!;
    const first = codeIn((await page(targetId)).text)!;
    expect(first).not.toBeNull();
    expect(codeIn((await page(targetId)).text), 'a reload shows the same pending code, and issues none').toBe(first);

    const forged = await companion.request('POST', `/settings/targets/${targetId}/pairing-code`, form({ _csrf: 'forged' }, session.cookie));
    expect(forged.status).toBe(403);
    const again = await companion.request('POST', `/settings/targets/${targetId}/pairing-code`, form({ _csrf: session.csrf }, session.cookie));
    expect(again.status).toBe(303);
    const second = codeIn((await page(targetId)).text)!;
    expect(second).not.toBe(first);
    expect(codeIn((await page(targetId)).text)).toBe(second);

    const installationId = world.cloud.installApp({ cloudId: world.cloud.defaults.site.cloudId }).installationId;
    const pair = (code: string) =>
      companion.request('POST', '/forge/v1/pair', {
        headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
        body: { code },
      });
    expect((await pair(first)).json.error.code).toBe('PAIRING_CODE_EXPIRED');
    expect((await pair(second)).json).toMatchObject({ connected: true, target_id: targetId });
    expect(codeIn((await page(targetId)).text), 'a used code is gone from the page').toBeNull();
    const targets = (await companion.request('GET', '/api/v1/targets', { token: await companion.token('default', 'admin') })).json.targets;
    expect(targets).toHaveLength(1);
  });
});
