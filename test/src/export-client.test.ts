import { hc } from 'hono/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
// Type only: the typed client needs the route types; nothing of the server runs from this import.
import type { ExportApi } from '../../server/src/routes/api/export-routes';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';
import { targetName } from './support/target-names';

let companion: Companion;
beforeEach(async () => {
  companion = await startCompanion();
  await prepareFirstRunForTest(companion);
});
afterEach(() => companion.stop());

it('the typed hono/client reaches the export API (README "For export jobs")', async () => {
  const token = await companion.token('default', 'export');
  const admin = await companion.token('default', 'admin');
  const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
  const client = hc<ExportApi>('http://companion.test/api/v1', {
    headers: { authorization: `Bearer ${token}` },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => companion.app.request(input instanceof Request ? input : String(input), init),
  });
  const response = await client.targets[':id'].readiness.$get({ param: { id: created.json.id }, query: {} });
  expect(response.status).toBe(200);
  const readiness = await response.json();
  expect(readiness).toMatchObject({ ready: false, fallback: '/api/v1/exports/portable' });
  const blocked = await client.targets[':id'].issues.$post({
    param: { id: created.json.id },
    header: { 'idempotency-key': 'client-1' },
    json: { finding: { fingerprint: 'fp', title: 't', severity: 'low', url: 'https://a.test' }, mapping: { project_key: 'SEC', issue_type_id: '1' } },
  });
  expect(blocked.status).toBe(409);
});
