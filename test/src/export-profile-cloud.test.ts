import { recheckActiveTargets } from '@webriskops/server/commands';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { connectReadyForgeTarget, exportIssue, finding } from './support/export-fixtures';
import { archiveCloudProject, removeCloudPriority, requireCloudField } from './fakes/fake-jira-cloud-controls';

let world: CloudWorld;
let companion: Companion;
let admin: string;
let exporter: string;
let target: { id: string };
const site = () => world.cloud.defaults.site;
const PROFILE = { project_key: 'PRF', issue_type_id: '10002', severity_priority_ids: { high: '2', low: '4' }, labels: ['appsec'] };

beforeAll(async () => {
  world = await startCloudWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  // A project of its own per test: the controls below change it.
  site().projects.delete('PRF');
  world.cloud.addProject(site().cloudId, { key: 'PRF', name: 'Profile' });
  ({ companion, admin } = await startCloudCompanion(world));
  exporter = await companion.token('default', 'export');
  target = await connectReadyForgeTarget(world, companion, admin);
});
afterEach(() => companion.stop());

const creates = () => world.cloud.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/3/issue'));

describe('the export profile on a Jira Cloud (Forge) target', () => {
  it('is checked against Cloud create metadata, used by an export with the finding alone, and re-validated at the re-check', async () => {
    removeCloudPriority(site(), 'PRF', '10002', '1');
    const refused = await companion.request('PUT', `/api/v1/targets/${target.id}/export-profile`, {
      token: admin,
      body: { ...PROFILE, severity_priority_ids: { critical: '1' } },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([expect.objectContaining({ code: 'MAPPING_PRIORITY_UNAVAILABLE', path: 'severity_priority_ids.critical' })]);

    expect((await companion.request('PUT', `/api/v1/targets/${target.id}/export-profile`, { token: admin, body: PROFILE })).status).toBe(200);
    const sent = await exportIssue(companion, exporter, target.id, { finding: finding('fp-cloud-profile') });
    expect(sent.status).toBe(201);
    expect(site().issues.get(sent.json.issue.id)?.fields).toMatchObject({ priority: { id: '2' }, labels: ['appsec', 'webriskops-fp-cloud-profile'] });

    removeCloudPriority(site(), 'PRF', '10002', '4');
    expect((await recheckActiveTargets(companion.deps)).errors).toBe(0);
    const readiness = await companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    expect(readiness.json).toMatchObject({ ready: true, mapping_problem: { code: 'MAPPING_PRIORITY_UNAVAILABLE', field: 'severity_priority_ids.low' } });
    const before = creates().length;
    const broken = await exportIssue(companion, exporter, target.id, { finding: finding('fp-cloud-broken') });
    expect(broken.status).toBe(422);
    expect(broken.json.error.message).toContain('profile.severity_priority_ids.low:');
    expect(creates()).toHaveLength(before);
  });

  it('a field made required and an archived project show as mapping problems at the re-check', async () => {
    expect((await companion.request('PUT', `/api/v1/targets/${target.id}/export-profile`, { token: admin, body: PROFILE })).status).toBe(200);
    requireCloudField(site(), 'PRF', '10002', {
      fieldId: 'components',
      name: 'Components',
      required: true,
      kind: 'components',
      schema: { type: 'array', items: 'component', system: 'components' },
      operations: ['set'],
    });
    await recheckActiveTargets(companion.deps);
    const required = await companion.request('GET', `/api/v1/targets/${target.id}/export-profile`, { token: exporter });
    expect(required.json.mapping_problem).toMatchObject({ code: 'MAPPING_FIELD_REQUIRED', field: 'extra_fields.components' });

    archiveCloudProject(site(), 'PRF');
    await recheckActiveTargets(companion.deps);
    const archived = await companion.request('GET', `/api/v1/targets/${target.id}/export-profile`, { token: exporter });
    expect(archived.json.mapping_problem).toMatchObject({ code: 'MAPPING_PROJECT_UNAVAILABLE', field: 'project_key' });
  });
});
