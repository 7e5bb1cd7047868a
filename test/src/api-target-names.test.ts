import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPageCall, startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import type { Companion } from './support/companion-harness';

let world: CloudWorld;
let companion: Companion;
let admin: string;

beforeAll(async () => {
  world = await startCloudWorld();
  ({ companion, admin } = await startCloudCompanion(world));
});
afterAll(async () => {
  companion.stop();
  await world.close();
});

const create = (body: Record<string, unknown>, token = admin) => companion.request('POST', '/api/v1/targets', { token, body });
const list = async () => (await companion.request('GET', '/api/v1/targets', { token: admin })).json.targets as { id: string; name: string }[];
const rows = (sql: string, ...params: string[]) => {
  const db = new Database(join(companion.dataDir, 'companion.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
};

describe('target names', () => {
  it('are required, trimmed and held to the free-text rule, with a VALIDATION_FAILED naming the field', async () => {
    const before = (await list()).length;
    for (const body of [
      { provider_key: 'jira_data_center' },
      { provider_key: 'jira_data_center', name: '   ' },
      { provider_key: 'jira_data_center', name: 'a\nb' },
    ]) {
      const refused = await create(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.json.error.code).toBe('VALIDATION_FAILED');
      expect(refused.json.error.message).toMatch(/name/);
      expect(refused.json.error.next_action).toBeTruthy();
    }
    expect(await list()).toHaveLength(before);
    const trimmed = await create({ provider_key: 'jira_data_center', name: '  Jira production  ' });
    expect(trimmed.status).toBe(201);
    expect(trimmed.json.name).toBe('Jira production');
  });

  it('are unique per workspace: a taken name is 409 TARGET_NAME_TAKEN with the next action and creates nothing; another workspace may use it', async () => {
    expect((await create({ provider_key: 'jira_cloud', auth_method: 'api_token', name: 'Shared name' })).status).toBe(201);
    const before = (await list()).length;
    const taken = await create({ provider_key: 'jira_data_center', name: ' Shared name ' });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'TARGET_NAME_TAKEN', message: expect.stringContaining('Shared name') });
    expect(taken.json.error.next_action).toMatch(/another name/);
    expect(await list()).toHaveLength(before);

    await companion.cli(['workspace', 'create', 'names-other']);
    const otherAdmin = await companion.token('names-other', 'admin');
    expect((await create({ provider_key: 'jira_data_center', name: 'Shared name' }, otherAdmin)).status).toBe(201);
  });

  it('can be renamed with PATCH (any provider); a taken name is refused and changes nothing', async () => {
    const cloud = (await create({ provider_key: 'jira_cloud', auth_method: 'api_token', name: 'Cloud before' })).json;
    const dc = (await create({ provider_key: 'jira_data_center', name: 'DC before' })).json;
    const renamed = await companion.request('PATCH', `/api/v1/targets/${cloud.id}`, { token: admin, body: { name: ' Cloud after ' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.name).toBe('Cloud after');
    const clash = await companion.request('PATCH', `/api/v1/targets/${dc.id}`, { token: admin, body: { name: 'Cloud after' } });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('TARGET_NAME_TAKEN');
    expect((await companion.request('GET', `/api/v1/targets/${dc.id}`, { token: admin })).json.name).toBe('DC before');
    const audit = (await companion.request('GET', `/api/v1/targets/${cloud.id}/audit`, { token: admin })).json.events as { action: string }[];
    expect(audit.map((event) => event.action)).toEqual(['target.created', 'target.updated']);
  });
});

describe('deleting a draft', () => {
  it('deletes a draft with its pairing codes in one write, audited; its code no longer pairs', async () => {
    const created = (await create({ provider_key: 'jira_cloud', auth_method: 'forge_app', name: 'Forge draft' })).json;
    expect(created.pairing.code).toMatch(/^WRO-/);
    expect(rows('SELECT id FROM pairing_codes WHERE target_id = ?', created.id)).toHaveLength(1);

    const deleted = await companion.request('DELETE', `/api/v1/targets/${created.id}/draft`, { token: admin });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ id: created.id, name: 'Forge draft', deleted: true });
    expect((await companion.request('GET', `/api/v1/targets/${created.id}`, { token: admin })).status).toBe(404);
    expect(rows('SELECT id FROM pairing_codes WHERE target_id = ?', created.id)).toHaveLength(0);
    expect(rows('SELECT action, from_state FROM audit_events WHERE target_id = ? ORDER BY created_at', created.id)).toEqual([
      { action: 'target.created', from_state: null },
      { action: 'target.deleted', from_state: 'draft' },
    ]);

    const installationId = world.cloud.installApp({ cloudId: world.cloud.defaults.site.cloudId }).installationId;
    const pair = await companion.request('POST', '/forge/v1/pair', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
      body: { code: created.pairing.code },
    });
    expect(pair.json.error.code).not.toBeUndefined();
    expect((await create({ provider_key: 'jira_cloud', auth_method: 'forge_app', name: 'Forge draft' })).status, 'the name is free again').toBe(201);
  });

  it('refuses anything but a draft holding nothing with 409 TARGET_NOT_DRAFT and keeps it; another workspace gets 404', async () => {
    const paired = (await create({ provider_key: 'jira_cloud', auth_method: 'forge_app', name: 'Paired' })).json;
    const installationId = world.cloud.installApp({ cloudId: world.cloud.defaults.site.cloudId }).installationId;
    const pair = await companion.request('POST', '/forge/v1/pair', {
      headers: adminPageCall(world, installationId, world.cloud.defaults.admin.accountId).headers,
      body: { code: paired.pairing.code },
    });
    expect(pair.json).toMatchObject({ connected: true });
    const revoked = (await create({ provider_key: 'jira_data_center', name: 'Revoked' })).json;
    await companion.request('DELETE', `/api/v1/targets/${revoked.id}`, { token: admin });
    for (const id of [paired.id, revoked.id]) {
      const refused = await companion.request('DELETE', `/api/v1/targets/${id}/draft`, { token: admin });
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('TARGET_NOT_DRAFT');
      expect(refused.json.error.next_action).toMatch(/Disconnect/);
      expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).status).toBe(200);
    }
    await companion.cli(['workspace', 'create', 'drafts-other']);
    const otherAdmin = await companion.token('drafts-other', 'admin');
    const draft = (await create({ provider_key: 'jira_data_center', name: 'Not yours' })).json;
    expect((await companion.request('DELETE', `/api/v1/targets/${draft.id}/draft`, { token: otherAdmin })).status).toBe(404);
    const exporter = await companion.token('default', 'export');
    expect((await companion.request('DELETE', `/api/v1/targets/${draft.id}/draft`, { token: exporter })).status).toBe(403);
    expect((await companion.request('GET', `/api/v1/targets/${draft.id}`, { token: admin })).status).toBe(200);
  });
});
