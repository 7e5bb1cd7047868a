import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '@webriskops/server/schema';
import { prepareFirstRunForTest } from './support/first-run';
import { startCompanion, type Companion } from './support/companion-harness';
import { targetName } from './support/target-names';

let companion: Companion;
let admin: string;

beforeEach(async () => {
  companion = await startCompanion();
  await prepareFirstRunForTest(companion);
  admin = await companion.token('default', 'admin');
});
afterEach(() => companion.stop());

describe('targets API', () => {
  it('creates a Data Center draft that is not ready, with a blocked code and next action', async () => {
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ provider_key: 'jira_data_center', deployment_mode: 'self-hosted', state: 'draft', credential: null });
    const readiness = await companion.request('GET', `/api/v1/targets/${created.json.id}/readiness`, { token: admin });
    expect(readiness.status).toBe(200);
    expect(readiness.json).toMatchObject({ ready: false, state: 'draft', code: 'PROVIDER_BASE_URL_BLOCKED' });
    expect(readiness.json.next_action).toMatch(/base URL/);
  });

  it('lists and reads targets, and a Cloud target derives deployment_mode cloud', async () => {
    const cloud = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_cloud', name: 'Acme Cloud' } });
    expect(cloud.json).toMatchObject({ deployment_mode: 'cloud', name: 'Acme Cloud' });
    const list = await companion.request('GET', '/api/v1/targets', { token: admin });
    expect(list.json.targets.map((t: { id: string }) => t.id)).toEqual([cloud.json.id]);
    const one = await companion.request('GET', `/api/v1/targets/${cloud.json.id}`, { token: admin });
    expect(one.json).toEqual(cloud.json);
  });

  it('lists targets a page at a time, newest first, and refuses a forged cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: `T${i}` } })).json.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await companion.request('GET', `/api/v1/targets?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin });
      expect(page.json.targets.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.targets.map((t: { id: string }) => t.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect((await companion.request('GET', '/api/v1/targets?cursor=bm9wZQ', { token: admin })).json.error.code).toBe('VALIDATION_FAILED');
    expect((await companion.request('GET', '/api/v1/targets?limit=0', { token: admin })).status).toBe(400);
  });

  it('refuses a Cloud target claiming self-hosted with a clear 400', async () => {
    const refused = await companion.request('POST', '/api/v1/targets', {
      token: admin,
      body: { provider_key: 'jira_cloud', deployment_mode: 'self-hosted', name: 'Claims self-hosted' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.json.error.message).toMatch(/deployment_mode.*always deployment_mode "cloud"/);
    expect(refused.json.error.next_action).toBeTruthy();
    const list = await companion.request('GET', '/api/v1/targets', { token: admin });
    expect(list.json.targets).toHaveLength(0);
  });

  it.each([
    ['malformed JSON', { rawBody: '{"provider_key": ', headers: { 'content-type': 'application/json' } }, 400, 'MALFORMED_JSON'],
    ['unknown field', { body: { provider_key: 'jira_data_center', base_url: 'https://x.example' } }, 400, 'VALIDATION_FAILED'],
    ['unknown provider', { body: { provider_key: 'gitlab' } }, 400, 'VALIDATION_FAILED'],
    ['not JSON at all', { rawBody: 'provider_key=jira_cloud', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'BAD_REQUEST'],
    ['a JSON array', { body: [1, 2] }, 400, 'VALIDATION_FAILED'],
  ])('answers %s with a JSON error, never a 500', async (_label, init, status, code) => {
    const response = await companion.request('POST', '/api/v1/targets', { token: admin, ...init });
    expect(response.status).toBe(status);
    expect(response.json.error).toMatchObject({ code });
    expect(typeof response.json.error.message).toBe('string');
    expect(typeof response.json.error.next_action).toBe('string');
  });

  it('requires a valid bearer token', async () => {
    for (const token of [undefined, 'wro_aaaaaaaaaa_' + 'A'.repeat(43), 'garbage']) {
      const response = await companion.request('GET', '/api/v1/targets', token ? { token } : {});
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a revoked API token stops working at once', async () => {
    const exportToken = await companion.token('default', 'export');
    expect((await companion.request('GET', '/api/v1/targets', { token: exportToken })).status).toBe(200);
    const prefix = exportToken.split('_').slice(0, 2).join('_');
    expect((await companion.cli(['token', 'revoke', prefix])).code).toBe(0);
    expect((await companion.request('GET', '/api/v1/targets', { token: exportToken })).status).toBe(401);
    const audited = (await companion.deps.store.db.select().from(auditEvents)).filter((event) => event.detail?.includes(prefix)).map((event) => event.action);
    expect(audited).toEqual(['token.created', 'token.revoked']);
  });

  it('an export token reads but cannot create or revoke targets (403)', async () => {
    const exportToken = await companion.token('default', 'export');
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    const refused = await companion.request('POST', '/api/v1/targets', { token: exportToken, body: { provider_key: 'jira_data_center', name: targetName() } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect((await companion.request('DELETE', `/api/v1/targets/${created.json.id}`, { token: exportToken })).status).toBe(403);
    expect((await companion.request('GET', `/api/v1/targets/${created.json.id}/readiness`, { token: exportToken })).status).toBe(200);
  });

  it('an export token is refused (403) on every admin route before its body is read, and changes nothing', async () => {
    const exportToken = await companion.token('default', 'export');
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    const id = created.json.id as string;
    const invalid = { not_a_field: true };
    const routes: [string, string][] = [
      ['POST', '/api/v1/targets'],
      ['DELETE', `/api/v1/targets/${id}`],
      ['PATCH', `/api/v1/targets/${id}`],
      ['PUT', `/api/v1/targets/${id}/credentials`],
      ['POST', `/api/v1/targets/${id}/checks`],
      ['POST', `/api/v1/targets/${id}/activate`],
      ['POST', '/api/v1/url-checks'],
    ];
    for (const [method, path] of routes) {
      const refused = await companion.request(method, path, { token: exportToken, body: invalid });
      expect({ method, path, status: refused.status, code: refused.json.error.code }).toEqual({ method, path, status: 403, code: 'FORBIDDEN' });
      expect(refused.json.error.next_action).toMatch(/admin token/);
    }
    const after = await companion.request('GET', `/api/v1/targets/${id}`, { token: admin });
    expect(after.json).toEqual(created.json);
  });

  it("another workspace's token gets 404 for every target route", async () => {
    expect((await companion.cli(['workspace', 'create', 'other'])).code).toBe(0);
    const otherAdmin = await companion.token('other', 'admin');
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    const id = created.json.id as string;
    for (const [method, path] of [
      ['GET', `/api/v1/targets/${id}`],
      ['GET', `/api/v1/targets/${id}/readiness`],
      ['GET', `/api/v1/targets/${id}/audit`],
      ['DELETE', `/api/v1/targets/${id}`],
    ] as const) {
      const response = await companion.request(method, path, { token: otherAdmin });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.json.error.code).toBe('NOT_FOUND');
    }
    expect((await companion.request('GET', '/api/v1/targets', { token: otherAdmin })).json.targets).toEqual([]);
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json.state).toBe('draft');
  });

  it('revokes a target, returns revoke instructions and records it in the audit trail', async () => {
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    const revoked = await companion.request('DELETE', `/api/v1/targets/${created.json.id}`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ target: { state: 'revoked' }, credential_destroyed: false });
    const readiness = await companion.request('GET', `/api/v1/targets/${created.json.id}/readiness`, { token: admin });
    expect(readiness.json).toMatchObject({ ready: false, state: 'revoked', code: 'PROVIDER_AUTH_REQUIRED' });
    const audit = await companion.request('GET', `/api/v1/targets/${created.json.id}/audit`, { token: admin });
    expect(audit.json.events.map((e: { action: string; from_state: string | null; to_state: string }) => [e.action, e.from_state, e.to_state])).toEqual([
      ['target.created', null, 'draft'],
      ['target.revoked', 'draft', 'revoked'],
    ]);
    expect(audit.json.events[1].actor).toMatch(/^token:wro_[a-z0-9]{10}$/);
  });

  it('keeps targets across a restart on the same DATA_DIR', async () => {
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    const dataDir = companion.dataDir;
    companion.stop(false);
    companion = await startCompanion({ dataDir });
    const again = await companion.request('GET', `/api/v1/targets/${created.json.id}`, { token: admin });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(created.json);
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await companion.request('GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await companion.request('GET', '/readyz')).json).toEqual({ status: 'ready' });
    const doc = await companion.request('GET', '/api/v1/openapi.json');
    expect(doc.json.openapi).toBe('3.1.0');
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/targets', '/targets/{id}', '/targets/{id}/readiness', '/targets/{id}/audit']));
    expect(doc.json.paths['/targets'].post.responses['201']).toBeTruthy();
  });

  it('unknown routes answer a JSON 404', async () => {
    const response = await companion.request('GET', '/api/v1/nothing-here', { token: admin });
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('NOT_FOUND');
  });
});
