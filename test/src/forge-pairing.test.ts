import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORGE_MODULE_KEYS, FORGE_REMOTE_ROUTE_LIST } from '@webriskops/shared';
import type { Companion } from './support/companion-harness';
import { adminPageCall, backendCall, startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { FIT_DEFECTS, REUSED_JTI } from './fakes/forge-invocation-signer';
import { targetName } from './support/target-names';

let world: CloudWorld;
let companion: Companion;
let admin: string;

beforeAll(async () => {
  world = await startCloudWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  ({ companion, admin } = await startCloudCompanion(world));
});
afterEach(() => companion.stop());

async function pendingForgeTarget() {
  const created = await companion.request('POST', '/api/v1/targets', {
    token: admin,
    body: { provider_key: 'jira_cloud', auth_method: 'forge_app', name: targetName() },
  });
  expect(created.status).toBe(201);
  return { id: created.json.id as string, code: created.json.pairing.code as string, expiresAt: created.json.pairing.expires_at as string };
}

function install() {
  return world.cloud.installApp({ cloudId: world.cloud.defaults.site.cloudId }).installationId;
}

async function pair(installationId: string, code: string, accountId = world.cloud.defaults.admin.accountId, extra = {}) {
  const call = adminPageCall(world, installationId, accountId, extra);
  return { call, answer: await companion.request('POST', '/forge/v1/pair', { headers: call.headers, body: { code } }) };
}

describe('Forge pairing: from a pending target to ready', () => {
  it('binds the site from the verified call and the target becomes ready', async () => {
    const { id, code, expiresAt } = await pendingForgeTarget();
    expect(code).toMatch(/^WRO-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(Date.parse(expiresAt) - world.now()).toBeGreaterThan(9 * 60_000);
    const installationId = install();
    const { answer } = await pair(installationId, code);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      connected: true,
      workspace_name: 'default',
      target_id: id,
      state: 'ready',
      blocked: null,
      site_url: world.cloud.siteUrl(world.cloud.defaults.site.cloudId),
    });
    const target = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    expect(target).toMatchObject({
      site_id: world.cloud.defaults.site.cloudId,
      auth_method: 'forge_app',
      ownership: { method: 'forge_install' },
      scopes: ['read:jira-work', 'write:jira-work', 'read:app-system-token', 'read:app-user-token'],
      credential: { kind: 'forge_app' },
      state: 'ready',
    });
    expect(Date.parse(target.credential.expires_at)).toBeGreaterThan(world.now());
    expect((await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json).toMatchObject({ ready: true });
    const status = await companion.request('GET', '/forge/v1/status', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
    });
    expect(status.json).toMatchObject({ connected: true, target_id: id });
    const adminCheck = world.cloud.requests.filter((r) => r.path.includes('/mypermissions'));
    expect(adminCheck.length).toBeGreaterThan(0);
    expect(adminCheck.every((r) => r.path.endsWith('/mypermissions?permissions=ADMINISTER') && r.role === 'api')).toBe(true);
  });

  it('refuses a reused code, an expired code and a user who is not a Jira administrator', async () => {
    const first = await pendingForgeTarget();
    const installationId = install();
    const member = await pair(installationId, first.code, world.cloud.defaults.member.accountId);
    expect(member.answer.status).toBe(403);
    expect(member.answer.json.error.code).toBe('JIRA_ADMIN_REQUIRED');
    expect((await pair(installationId, first.code)).answer.status).toBe(200);
    const reused = await pair(install(), first.code);
    expect(reused.answer.json.error.code).toBe('PAIRING_CODE_USED');

    const second = await pendingForgeTarget();
    world.advance(10 * 60_000 + 1_000);
    const expired = await pair(install(), second.code);
    expect(expired.answer.status).toBe(400);
    expect(expired.answer.json.error).toMatchObject({ code: 'PAIRING_CODE_EXPIRED', next_action: expect.stringMatching(/new code/) });
    expect((await companion.request('GET', `/api/v1/targets/${second.id}`, { token: admin })).json.site_id).toBeNull();
  });

  it('limits wrong codes per site', async () => {
    const installationId = install();
    const answers = [];
    for (let i = 0; i < 12; i += 1) answers.push((await pair(installationId, `WRO-${'A'.repeat(26)}`)).answer.json.error.code);
    expect(answers.slice(0, 10).every((code) => code === 'PAIRING_CODE_INVALID')).toBe(true);
    expect(answers.slice(10)).toEqual(['PAIRING_RATE_LIMITED', 'PAIRING_RATE_LIMITED']);
  });
});

describe('Forge Invocation Token verification', () => {
  const defects = FIT_DEFECTS.filter((defect) => defect !== 'reused-jti');
  it.each(defects)('refuses a token with defect %s (401, JSON)', async (defect) => {
    const { code, id } = await pendingForgeTarget();
    const { answer } = await pair(install(), code, undefined, { defect });
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe('FORGE_INVOCATION_INVALID');
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json.site_id).toBeNull();
  });

  it('refuses a replayed jti', async () => {
    const installationId = install();
    const first = await companion.request('GET', '/forge/v1/status', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId, { jti: REUSED_JTI }).headers,
    });
    expect(first.status).toBe(200);
    const again = await companion.request('GET', '/forge/v1/status', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId, { jti: REUSED_JTI }).headers,
    });
    expect(again.status).toBe(401);
  });

  it('refuses a module key that belongs to another route (a lifecycle token cannot pair)', async () => {
    const { code } = await pendingForgeTarget();
    const installationId = install();
    const lifecycle = backendCall(world, installationId, FORGE_MODULE_KEYS.lifecycleEndpoint);
    const answer = await companion.request('POST', '/forge/v1/pair', { headers: lifecycle.headers, body: { code } });
    expect(answer.status).toBe(401);
    const adminAtLifecycle = await companion.request('POST', '/forge/v1/lifecycle', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
      body: { eventType: 'avi:forge:installed:app' },
    });
    expect(adminAtLifecycle.status).toBe(401);
  });
});

describe('Forge lifecycle', () => {
  it('preUninstall turns the ready target into PROVIDER_AUTH_REQUIRED', async () => {
    const { id, code } = await pendingForgeTarget();
    const installationId = install();
    await pair(installationId, code);
    const answer = await companion.request('POST', '/forge/v1/pre-uninstall', {
      headers: backendCall(world, installationId, FORGE_MODULE_KEYS.preUninstallEndpoint).headers,
      body: {},
    });
    expect(answer.status).toBe(200);
    const readiness = (await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json;
    expect(readiness).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_AUTH_REQUIRED' });
    expect(readiness.reason).toMatch(/uninstalled/);
  });

  it('a token that expired without a refresh blocks the target and says why; the hourly refresh unblocks it', async () => {
    const { id, code } = await pendingForgeTarget();
    const installationId = install();
    await pair(installationId, code);
    world.advance(5 * 60 * 60_000);
    const blocked = (await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json;
    expect(blocked).toMatchObject({ ready: false, code: 'PROVIDER_AUTH_REQUIRED' });
    expect(blocked.reason).toMatch(/system token expired.*scheduled trigger/);
    const refresh = await companion.request('POST', '/forge/v1/token-refresh', {
      headers: backendCall(world, installationId, FORGE_MODULE_KEYS.tokenRefreshEndpoint).headers,
      body: {},
    });
    expect(refresh.status).toBe(200);
    expect((await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json).toMatchObject({ ready: true, state: 'ready' });
  });

  it('a token delivered at install before pairing is used when the code arrives; a reinstall needs a new pairing', async () => {
    const installationId = install();
    const installed = backendCall(world, installationId, FORGE_MODULE_KEYS.lifecycleEndpoint);
    expect(
      (
        await companion.request('POST', '/forge/v1/lifecycle', {
          headers: installed.headers,
          body: world.signer.lifecyclePayload('avi:forge:installed:app', { installationId }),
        })
      ).status,
    ).toBe(200);
    const { id, code } = await pendingForgeTarget();
    const call = adminPageCall(world, installationId, world.cloud.defaults.admin.accountId);
    const { ['x-forge-oauth-system']: _dropped, ...withoutSystemToken } = call.headers;
    const paired = await companion.request('POST', '/forge/v1/pair', { headers: withoutSystemToken, body: { code } });
    expect(paired.json).toMatchObject({ connected: true, state: 'ready' });
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json.credential.fingerprint).toBe(
      installed.tokens.systemToken.slice(-4),
    );

    const reinstalled = install();
    await companion.request('POST', '/forge/v1/lifecycle', { headers: backendCall(world, reinstalled, FORGE_MODULE_KEYS.lifecycleEndpoint).headers, body: {} });
    const readiness = (await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json;
    expect(readiness).toMatchObject({ ready: false, code: 'PROVIDER_AUTH_REQUIRED' });
    expect(readiness.reason).toMatch(/reinstalled/);
    const status = await companion.request('GET', '/forge/v1/status', {
      headers: adminPageCall(world, reinstalled, world.cloud.defaults.admin.accountId).headers,
    });
    expect(status.json).toMatchObject({ connected: false });
  });

  it('disconnect from the app page destroys the token; Forge tokens never leak', async () => {
    const { id, code } = await pendingForgeTarget();
    const installationId = install();
    const { call } = await pair(installationId, code);
    const refused = await companion.request('POST', '/forge/v1/disconnect', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
      body: {},
    });
    expect(refused.status).toBe(400);
    const done = await companion.request('POST', '/forge/v1/disconnect', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
      body: { confirm: true },
    });
    expect(done.json).toEqual({ disconnected: true, target_id: id });
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json).toMatchObject({ state: 'revoked', credential: null });

    const database = readdirSync(companion.dataDir)
      .filter((n) => n.startsWith('companion.db'))
      .map((n) => readFileSync(join(companion.dataDir, n)).toString('latin1'))
      .join('');
    const stored = [companion.logLines.join('\n'), database].join('\n');
    const everything = [companion.responses.join('\n'), stored].join('\n');
    expect(database).toContain(id);
    for (const secret of [call.tokens.systemToken, call.tokens.userToken!]) {
      expect(everything.includes(secret.slice(-40)), 'a Forge token leaked').toBe(false);
    }
    // The pairing code is shown once, in the answer that created it, and kept nowhere.
    expect(stored.includes(code.slice(4))).toBe(false);
  });
});

describe('Forge routes when the app is not configured', () => {
  it('answer JSON, and starting a Forge pairing says what to do', async () => {
    const bare = await startCloudCompanion(world, { FORGE_APP_ID: '' });
    try {
      const created = await bare.companion.request('POST', '/api/v1/targets', {
        token: bare.admin,
        body: { provider_key: 'jira_cloud', auth_method: 'forge_app', name: targetName() },
      });
      expect(created.status).toBe(409);
      expect(created.json.error).toMatchObject({ code: 'FORGE_NOT_CONFIGURED', next_action: expect.stringMatching(/FORGE_APP_ID/) });
      const status = await bare.companion.request('GET', '/forge/v1/status', { headers: { authorization: 'Bearer x.y.z' } });
      expect(status.status).toBe(503);
      expect(status.json.error.code).toBe('FORGE_NOT_CONFIGURED');
    } finally {
      bare.companion.stop();
    }
  });
});

describe('every remote route of the shared contract is served with its module binding', () => {
  it.each(FORGE_REMOTE_ROUTE_LIST.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    const installationId = install();
    const accepted =
      route.caller.type === 'jira:adminPage'
        ? adminPageCall(world, installationId, world.cloud.defaults.admin.accountId)
        : backendCall(world, installationId, route.endpointKey);
    const body = route.name === 'disconnect' ? { confirm: true } : route.name === 'pair' ? { code: `WRO-${'A'.repeat(26)}` } : {};
    const answer = await companion.request(route.method, route.path, { headers: accepted.headers, ...(route.method === 'POST' ? { body } : {}) });
    expect(answer.status, answer.text).not.toBe(401);
    expect(answer.status).not.toBe(404);
    const other = FORGE_REMOTE_ROUTE_LIST.find((candidate) => !candidate.acceptedModuleKeys.some((key) => route.acceptedModuleKeys.includes(key)))!;
    const foreign =
      other.caller.type === 'jira:adminPage'
        ? adminPageCall(world, installationId, world.cloud.defaults.admin.accountId)
        : backendCall(world, installationId, other.endpointKey);
    const refused = await companion.request(route.method, route.path, { headers: foreign.headers, ...(route.method === 'POST' ? { body } : {}) });
    expect(refused.status).toBe(401);
  });
});
