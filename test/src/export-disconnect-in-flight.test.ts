import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startDataCenterWorld, startReadyDataCenterExport, type DataCenterWorld } from './support/data-center-world';
import { exportIssue, finding } from './support/export-fixtures';

let world: DataCenterWorld;
let companion: Companion;
let admin: string;
let exporter: string;
let target: { id: string; pat: string };

beforeAll(async () => {
  world = await startDataCenterWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  ({ companion, admin, exporter, target } = await startReadyDataCenterExport(world));
});
afterEach(() => companion.stop());

const task = { project_key: 'SEC', issue_type_id: '10002' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withThePat = () => world.jira.requestsWithToken().filter((request) => request.headers.authorization === `Bearer ${target.pat}`);

describe('a disconnect while exports are in flight', () => {
  it('24 concurrent exports, Jira answering in 150 ms, DELETE after 400 ms: no call with the PAT starts after DELETE answers', async () => {
    world.jira.behave({ delayMs: 150 });
    const exports = Array.from({ length: 24 }, (_, i) => exportIssue(companion, exporter, target.id, { finding: finding(`fp-flight-${i}`), mapping: task }));
    await sleep(400);
    // On a loaded machine the exports may take longer to reach Jira: disconnect once creates are on the wire.
    for (let waited = 0; waited < 10_000 && !withThePat().some((request) => request.method === 'POST'); waited += 20) await sleep(20);
    const deleted = await companion.request('DELETE', `/api/v1/targets/${target.id}`, { token: admin });
    const answeredAt = Date.now();
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ credential_destroyed: true, jira_calls_in_flight: [] });
    const answers = await Promise.all(exports);
    await sleep(300);

    expect(withThePat().length).toBeGreaterThan(0);
    expect(
      withThePat()
        .filter((request) => request.time >= answeredAt)
        .map((request) => `${request.method} ${request.path}`),
    ).toEqual([]);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    const stopped = answers.filter((answer) => answer.status === 409);
    expect(stopped.length).toBeGreaterThan(0);
    for (const answer of stopped) {
      expect(answer.json.error).toMatchObject({ code: 'PROVIDER_AUTH_REQUIRED', next_action: expect.stringContaining('/api/v1/exports/portable') });
    }
    const readiness = await companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    expect(readiness.json).toMatchObject({ ready: false, state: 'revoked' });
  }, 30_000);

  it('waits a bounded time for a call still on the wire and says which it was', async () => {
    await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`, { token: exporter });
    world.jira.behave({ delayMs: 7_000 });
    const slow = exportIssue(companion, exporter, target.id, { finding: finding('fp-slow'), mapping: task });
    await sleep(300);
    const started = Date.now();
    const deleted = await companion.request('DELETE', `/api/v1/targets/${target.id}`, { token: admin });
    expect(deleted.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
    expect(Date.now() - started).toBeLessThan(6_500);
    expect(deleted.json.jira_calls_in_flight).toEqual(['GET /jira/rest/api/2/search']);
    expect(deleted.json.message).toMatch(
      /1 Jira call\(s\) sent before the disconnect were still on the wire after 5 s \(GET \/jira\/rest\/api\/2\/search\); no new call starts/,
    );
    const answer = await slow;
    expect(answer.status).toBe(409);
    expect(world.jira.requests.filter((request) => request.method === 'POST')).toEqual([]);
  }, 30_000);

  it('a PAT replaced between two calls of one export stops the rest: the old PAT sends nothing more', async () => {
    await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`, { token: exporter });
    world.jira.behave({ delayMs: 300 });
    const running = exportIssue(companion, exporter, target.id, { finding: finding('fp-swap'), mapping: task });
    await sleep(100);
    world.jira.behave({ delayMs: 0 });
    const newPat = world.jira.issuePat();
    const stored = await companion.request('PUT', `/api/v1/targets/${target.id}/credentials`, { token: admin, body: { pat: newPat } });
    expect(stored.status).toBe(200);
    const storedAt = Date.now();
    const answer = await running;
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/credential changed while this export was under way/) });
    expect(withThePat().filter((request) => request.time >= storedAt)).toEqual([]);
    expect(world.jira.issues).toHaveLength(0);
  }, 30_000);
});
