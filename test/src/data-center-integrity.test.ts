import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, credentials } from '@webriskops/server/schema';
import type { Companion } from './support/companion-harness';
import { connectReadyDataCenterTarget, startDataCenterWorld, startWorldCompanion, type DataCenterWorld } from './support/data-center-world';
import { targetName } from './support/target-names';

let world: DataCenterWorld;
let companion: Companion;
let admin: string;

beforeAll(async () => {
  world = await startDataCenterWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  world.dns.reset();
  world.jira.reset();
  ({ companion, admin } = await startWorldCompanion(world));
});
afterEach(() => companion.stop());

describe('Data Center: no lost update, no half-written target', () => {
  it('concurrent saves of different fields all land, each as its own version', async () => {
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    const id = created.json.id as string;
    const patches = [
      { name: 'Renamed' },
      { attestations: { owns_site: true, issue_api_reachable: true, scan_export_authorized: true } },
      { allowlist_declaration: 'allowlisted' },
    ];
    const answers = await Promise.all(patches.map((body) => companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const target = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    expect(target.name).toBe('Renamed');
    expect(target.attestations.owns_site.by).toMatch(/^token:/);
    expect(target.allowlist_declaration.value).toBe('allowlisted');
    const versions = (await companion.deps.store.db.select().from(auditEvents)).filter((e) => e.targetId === id).map((e) => e.targetVersion);
    expect(versions.sort()).toEqual([0, 1, 2, 3]);
  });

  it('a write that loses a race is retried on the fresh record instead of overwriting it', async () => {
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    const id = created.json.id as string;
    const store = companion.deps.store;
    const realAtomic = store.atomic.bind(store);
    let raced = false;
    // The first commit attempt is preceded by another writer's commit: a real lost race.
    store.atomic = async (writes) => {
      if (!raced) {
        raced = true;
        const competitor = await companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body: { allowlist_declaration: 'allowlisted' } });
        expect(competitor.status).toBe(200);
      }
      return realAtomic(writes);
    };
    const answer = await companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body: { name: 'After the race' } });
    store.atomic = realAtomic;
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ name: 'After the race', allowlist_declaration: { value: 'allowlisted' } });
  });

  it('a failure midway through a base URL change leaves the target and its credential exactly as they were', async () => {
    const { id } = await connectReadyDataCenterTarget(world, companion, admin);
    const before = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    const cipherBefore = (await companion.deps.store.db.select().from(credentials)).map((c) => c.ciphertext);
    // The audit insert is the last write of the group: make it fail, as a full disk would.
    await companion.deps.store.db.run(sql.raw("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END"));
    world.dns.setAnswers('jira2.acme.test', ['127.0.0.1']);
    const failed = await companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body: { base_url: world.otherJira.baseUrl } });
    expect(failed.status).toBe(500);
    expect(failed.json.error).toMatchObject({ code: 'INTERNAL' });
    expect(failed.text).not.toContain('simulated disk full');
    await companion.deps.store.db.run(sql.raw('DROP TRIGGER fail_audit'));

    const after = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    expect(after).toEqual(before);
    expect((await companion.deps.store.db.select().from(credentials)).map((c) => c.ciphertext)).toEqual(cipherBefore);
    expect(cipherBefore[0]).toMatch(/^v1\./);

    const retried = await companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body: { base_url: world.otherJira.baseUrl } });
    expect(retried.status).toBe(200);
    expect(retried.json.credential).toBeNull();
  });
});

describe('Data Center: the PAT never leaks', () => {
  it('is absent from responses, logs, audit rows and the raw database after the whole flow', async () => {
    const { id, pat } = await connectReadyDataCenterTarget(world, companion, admin);
    await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    world.jira.behave({ refuseTokens: true });
    await companion.request('PUT', `/api/v1/targets/${id}/credentials`, { token: admin, body: { pat: `${pat}x` } });
    await companion.request('PUT', `/api/v1/targets/${id}/credentials`, { token: admin, body: { pat: `has space ${pat}` } });
    await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    for (const path of ['', '/readiness', '/audit']) await companion.request('GET', `/api/v1/targets/${id}${path}`, { token: admin });
    await companion.request('DELETE', `/api/v1/targets/${id}`, { token: admin });

    const database = readdirSync(companion.dataDir)
      .filter((n) => n.startsWith('companion.db'))
      .map((n) => readFileSync(join(companion.dataDir, n)).toString('latin1'))
      .join('');
    const haystacks = {
      responses: companion.responses.join('\n'),
      logs: companion.logLines.join('\n'),
      audit: JSON.stringify(await companion.deps.store.db.select().from(auditEvents)),
      database,
    };
    expect(haystacks.responses).toContain(pat.slice(-4));
    expect(haystacks.database).toContain(id);
    expect(world.jira.requestsWithToken().length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(haystacks)) {
      expect(text.includes(pat), `PAT found in ${where}`).toBe(false);
      expect(text.includes(pat.slice(0, 16)), `PAT prefix found in ${where}`).toBe(false);
    }
  });
});
