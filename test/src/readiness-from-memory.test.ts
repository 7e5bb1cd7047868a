import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';
import { targetName } from './support/target-names';

// The readiness poll is answered before the router when the token and the target are already in
// memory and nothing was committed since: these tests count the SQL each poll runs, so an answer
// from memory is told apart from one read from the database, and compare the two answers.
let companion: Companion;
let admin: string;
let exporter: string;

beforeAll(async () => {
  companion = await startCompanion({ traceSql: true });
  await prepareFirstRunForTest(companion);
  admin = await companion.token('default', 'admin');
  exporter = await companion.token('default', 'export');
});
afterAll(() => companion.stop());

/** One poll, with the statements SQLite ran for it. */
async function poll(path: string, token = exporter) {
  const before = companion.statements.length;
  const response = await companion.request('GET', path, { token });
  return { ...response, statements: companion.statements.slice(before) };
}

const readsData = (statements: string[]) => statements.filter((statement) => !/^(PRAGMA data_version|SELECT total_changes\(\))$/.test(statement));

describe('the readiness poll from memory', () => {
  it('gives the answer the full path gives, with the same headers, while reading nothing but data_version', async () => {
    const { id } = (await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } }))
      .json as {
      id: string;
    };
    const first = await poll(`/api/v1/targets/${id}/readiness`);
    expect(readsData(first.statements).length).toBeGreaterThan(0);
    const second = await poll(`/api/v1/targets/${id}/readiness`);
    expect(readsData(second.statements)).toEqual([]);
    expect(second.statements.filter((statement) => statement === 'PRAGMA data_version')).toHaveLength(1);
    const withoutTime = (json: Record<string, unknown>) => ({ ...json, evaluated_at: 'time' });
    expect(second.status).toBe(first.status);
    expect(withoutTime(second.json)).toEqual(withoutTime(first.json));
    expect([...second.headers.entries()]).toEqual([...first.headers.entries()]);
    // With a query the full path answers (it validates the query); the answer is the same.
    const queried = await poll(`/api/v1/targets/${id}/readiness?refresh=false`);
    expect(withoutTime(queried.json)).toEqual(withoutTime(first.json));
  });

  it('sees the next committed change at once, from this process or another connection', async () => {
    const { id } = (await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } }))
      .json as {
      id: string;
    };
    await poll(`/api/v1/targets/${id}/readiness`);
    expect((await poll(`/api/v1/targets/${id}/readiness`)).json.state).toBe('draft');
    // Deleting the empty draft commits through the API: the very next poll reads again and finds nothing.
    expect((await companion.request('DELETE', `/api/v1/targets/${id}/draft`, { token: admin })).status).toBe(200);
    const after = await poll(`/api/v1/targets/${id}/readiness`);
    expect(readsData(after.statements).length).toBeGreaterThan(0);
    expect([after.status, after.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const { id: next } = (await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } }))
      .json as { id: string };
    await poll(`/api/v1/targets/${next}/readiness`);
    expect((await poll(`/api/v1/targets/${next}/readiness`)).status).toBe(200);
    // A token revoked by the CLI (another code path, the same database) is refused by the next poll.
    const revoked = await companion.cli(['token', 'revoke', exporter.slice(0, 14)]);
    expect(revoked.code, revoked.stderr).toBe(0);
    const refused = await poll(`/api/v1/targets/${next}/readiness`);
    expect([refused.status, refused.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    exporter = await companion.token('default', 'export');
  });

  it('leaves to the router what it does not answer: other workspaces, other paths, other methods', async () => {
    const { id } = (await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } }))
      .json as {
      id: string;
    };
    await poll(`/api/v1/targets/${id}/readiness`);
    expect((await poll(`/api/v1/targets/${id}/readiness`)).status).toBe(200);
    const created = await companion.cli(['workspace', 'create', 'other']);
    expect(created.code, created.stderr).toBe(0);
    const other = await companion.token('other', 'export');
    expect((await poll(`/api/v1/targets/${id}/readiness`, other)).status).toBe(404);
    expect((await poll(`/api/v1/targets/${id}/readiness/`)).status).toBe(404);
    const head = await companion.request('HEAD', `/api/v1/targets/${id}/readiness`, { token: exporter });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});
