import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectReadyDataCenterTarget, startDataCenterWorld, type DataCenterWorld } from './support/data-center-world';
import { exportIssue, finding } from './support/export-fixtures';
import { startRunningCompanion, type RunningCompanion } from './hostile/support/running-companion';
import { companionOverHttp } from './support/http-companion';

// The built bundle (`npm start`) loads undici on the first outbound call, through the bundler's
// module interop: the in-process tests run the TypeScript sources and never see that path. Here
// the process an operator starts proves a Data Center target's checks and exports an issue over
// TLS to a fake Jira whose CA comes from EXTRA_CA_FILE and whose name from DNS_SERVERS.
let world: DataCenterWorld;
let running: RunningCompanion;

beforeAll(async () => {
  world = await startDataCenterWorld();
  running = await startRunningCompanion({ DNS_SERVERS: world.dns.server, EXTRA_CA_FILE: world.caFile });
});
afterAll(async () => {
  await running?.stop();
  await world?.close();
});

describe('the companion started with npm start reaches Jira', () => {
  it('runs the checks of a Data Center target, then creates and updates its issue over TLS', async () => {
    const approved = await running.cli(['network', 'approve', '--workspace', 'default', '--name', 'loopback tunnel', '127.0.0.0/24']);
    expect(approved.code).toBe(0);
    const api = companionOverHttp(running.base);
    const target = await connectReadyDataCenterTarget(world, api, await running.apiToken('admin'));
    const exporter = await running.apiToken('export');

    const readiness = await api.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    expect(readiness.json).toMatchObject({ ready: true, state: 'ready' });
    const body = { finding: finding('built-1'), mapping: { project_key: 'SEC', issue_type_id: '10002', priority_id: '2' } };
    const created = await exportIssue(api, exporter, target.id, body);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ action: 'created', found_by: 'new' });
    const updated = await exportIssue(api, exporter, target.id, body);
    expect(updated.status, updated.text).toBe(200);
    expect(updated.json).toMatchObject({ action: 'updated', found_by: 'finding_map', issue: { key: created.json.issue.key } });
    const sent = world.jira.requestsWithToken().filter((request) => request.path.includes('/rest/api/2/issue'));
    expect(sent.map((request) => request.method)).toEqual(expect.arrayContaining(['POST', 'PUT']));
    expect(sent.every((request) => request.headers.authorization === `Bearer ${target.pat}`)).toBe(true);
    expect(running.output()).not.toContain(target.pat);
  });
});
