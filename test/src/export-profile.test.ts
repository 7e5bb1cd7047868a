import { recheckActiveTargets } from '@webriskops/server/commands';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startDataCenterWorld, startReadyDataCenterExport, type DataCenterWorld } from './support/data-center-world';
import { exportIssue, finding } from './support/export-fixtures';
import type { FakeJiraProject } from './fakes/fake-jira-dc';

/** SEC / Task: every priority, labels, no required custom field. */
const SEC_TASK = { project_key: 'SEC', issue_type_id: '10002' };
const PROFILE = { ...SEC_TASK, severity_priority_ids: { critical: '1', high: '2', medium: '3', low: '4', info: '5' }, labels: ['appsec'] };

describe('the export profile on a Data Center target', () => {
  let world: DataCenterWorld;
  let companion: Companion;
  let admin: string;
  let exporter: string;
  let target: { id: string; pat: string };
  let original: FakeJiraProject[];
  const creates = () => world.jira.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/2/issue'));
  const putProfile = (body: unknown, token = admin) => companion.request('PUT', `/api/v1/targets/${target.id}/export-profile`, { token, body });
  const getProfile = (token = admin) => companion.request('GET', `/api/v1/targets/${target.id}/export-profile`, { token });

  beforeAll(async () => {
    world = await startDataCenterWorld();
    original = structuredClone([...world.jira.projects]);
  });
  afterAll(async () => world.close());
  beforeEach(async () => {
    ({ companion, admin, exporter, target } = await startReadyDataCenterExport(world));
  });
  afterEach(() => {
    companion.stop();
    // The test controls change the fake's create metadata: every test starts from the seeded projects.
    (world.jira.projects as FakeJiraProject[]).splice(0, world.jira.projects.length, ...structuredClone(original));
  });

  it('refuses a priority the project does not allow for the issue type: 422 naming the field, nothing saved', async () => {
    // OPS / Task allows only High (2) and Medium (3), and requires a component.
    const refused = await putProfile({
      project_key: 'OPS',
      issue_type_id: '10002',
      severity_priority_ids: { high: '1', medium: '3' },
      extra_fields: { components: [{ id: '10000' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'MAPPING_PRIORITY_UNAVAILABLE', next_action: expect.stringMatching(/priority/) });
    expect(refused.json.error.message).toContain('severity_priority_ids.high: priority 1 is not allowed here; allowed: 2 (High), 3 (Medium)');
    expect(refused.json.error.details).toEqual([
      { code: 'MAPPING_PRIORITY_UNAVAILABLE', path: 'severity_priority_ids.high', message: expect.stringContaining('priority 1') },
    ]);
    expect((await getProfile()).json).toMatchObject({ profile: null, mapping_problem: null });

    const missingRequired = await putProfile({ project_key: 'OPS', issue_type_id: '10002', severity_priority_ids: { high: '2' } });
    expect(missingRequired.status).toBe(422);
    expect(missingRequired.json.error.details).toEqual([expect.objectContaining({ code: 'MAPPING_FIELD_REQUIRED', path: 'extra_fields.components' })]);
    const wrongType = await putProfile({ project_key: 'OPS', issue_type_id: '1' });
    expect(wrongType.json.error).toMatchObject({ code: 'MAPPING_ISSUE_TYPE_UNAVAILABLE', details: [expect.objectContaining({ path: 'issue_type_id' })] });
    const reservedLabel = await putProfile({ ...SEC_TASK, labels: ['webriskops-mine'] });
    expect(reservedLabel.json.error).toMatchObject({ code: 'MAPPING_LABELS_UNAVAILABLE', details: [expect.objectContaining({ path: 'labels[0]' })] });
    expect(creates()).toHaveLength(0);
    expect((await getProfile()).json.profile).toBeNull();
  });

  it('is saved by an admin only, read by export tokens with the duplicate rule, and audited', async () => {
    expect((await putProfile(PROFILE, exporter)).status).toBe(403);
    const saved = await putProfile(PROFILE);
    expect(saved.status).toBe(200);
    const read = await getProfile(exporter);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      profile: { ...PROFILE, extra_fields: {} },
      mapping_problem: null,
      duplicate_rule: { label: 'webriskops-<fingerprint>', issue_property: 'webriskops.finding', local_map: true },
    });
    const audit = await companion.request('GET', `/api/v1/targets/${target.id}/audit`, { token: admin });
    expect(audit.json.events.at(-1)).toMatchObject({ action: 'export_profile.saved', detail: { project_key: 'SEC', issue_type_id: '10002' } });
  });

  it('an export with the finding alone uses the profile; a mapping in the call overrides parts of it', async () => {
    await putProfile(PROFILE);
    const first = await exportIssue(companion, exporter, target.id, { finding: finding('fp-profile') });
    expect(first.status).toBe(201);
    expect(world.jira.issues.at(-1)).toMatchObject({
      projectKey: 'SEC',
      issueTypeId: '10002',
      fields: { priority: { id: '2' }, labels: ['appsec', 'webriskops-fp-profile'] },
    });

    const overridden = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-override', { severity: 'low' }),
      mapping: { priority_id: '1', labels: ['urgent'] },
    });
    expect(overridden.status).toBe(201);
    expect(world.jira.issues.at(-1)).toMatchObject({ fields: { priority: { id: '1' }, labels: ['urgent', 'webriskops-fp-override'] } });
  });

  it('without a profile, the finding alone is refused with the next action; a full mapping still works', async () => {
    const refused = await exportIssue(companion, exporter, target.id, { finding: finding('fp-none') });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'EXPORT_PROFILE_MISSING', next_action: expect.stringContaining('export-profile') });
    expect(refused.json.error.details).toEqual([expect.objectContaining({ path: 'mapping.project_key' })]);
    expect(world.jira.requests).toHaveLength(0);
    const full = await exportIssue(companion, exporter, target.id, { finding: finding('fp-full'), mapping: { ...SEC_TASK, priority_id: '3' } });
    expect(full.status).toBe(201);
  });

  it.each([
    {
      change: 'a mapped priority is removed from the project',
      apply: (w: DataCenterWorld) => w.jira.removePriority('SEC', '10002', '2'),
      code: 'MAPPING_PRIORITY_UNAVAILABLE',
      field: 'severity_priority_ids.high',
    },
    {
      change: 'a field becomes required',
      apply: (w: DataCenterWorld) =>
        w.jira.requireField('SEC', '10002', 'customfield_10500', {
          fieldId: 'customfield_10500',
          name: 'Data class',
          required: true,
          schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10500 },
          operations: ['set'],
          allowedValues: [{ id: '10600', value: 'public' }],
        }),
      code: 'MAPPING_FIELD_REQUIRED',
      field: 'extra_fields.customfield_10500',
    },
    {
      change: 'the project is archived',
      apply: (w: DataCenterWorld) => w.jira.archiveProject('SEC'),
      code: 'MAPPING_PROJECT_UNAVAILABLE',
      field: 'project_key',
    },
  ])('when $change, the next re-check records a mapping problem and exports relying on it answer 422 sending nothing', async ({ apply, code, field }) => {
    expect((await putProfile(PROFILE)).status).toBe(200);
    apply(world);
    expect(await recheckActiveTargets(companion.deps)).toEqual({ checked: 1, errors: 0 });

    const readiness = await companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    // Setup readiness is untouched; the mapping problem is shown on its own.
    expect(readiness.json).toMatchObject({ ready: true, state: 'ready', mapping_problem: { code, field, next_action: expect.any(String) } });
    expect(readiness.json.code ?? null).toBeNull();
    expect((await getProfile(exporter)).json.mapping_problem).toMatchObject({ code, field });

    world.jira.reset();
    const refused = await exportIssue(companion, exporter, target.id, { finding: finding('fp-broken') });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe(code);
    expect(refused.json.error.message).toContain(`profile.${field}:`);
    expect(refused.json.error.details).toEqual([expect.objectContaining({ code, path: `profile.${field}` })]);
    expect(world.jira.requests).toHaveLength(0);
  });

  it('a re-check after the profile fits again clears the problem', async () => {
    await putProfile(PROFILE);
    const priorities = structuredClone(world.jira.projects[0]!.issueTypes[0]!.fields.find((f) => f.fieldId === 'priority')!.allowedValues!);
    world.jira.removePriority('SEC', '10002', '2');
    await recheckActiveTargets(companion.deps);
    expect((await getProfile()).json.mapping_problem).toMatchObject({ code: 'MAPPING_PRIORITY_UNAVAILABLE' });
    world.jira.projects[0]!.issueTypes[0]!.fields.find((f) => f.fieldId === 'priority')!.allowedValues = priorities;
    await recheckActiveTargets(companion.deps);
    expect((await getProfile()).json.mapping_problem).toBeNull();
    expect((await exportIssue(companion, exporter, target.id, { finding: finding('fp-fixed') })).status).toBe(201);
  });

  it('validate reports a missing permission and a mapping that does not fit, creating nothing', async () => {
    await putProfile(PROFILE);
    world.jira.reset();
    world.jira.behave({ permissions: { TRANSITION_ISSUES: false } });
    const validated = await companion.request('POST', `/api/v1/targets/${target.id}/export-profile/validate`, { token: admin });
    expect(validated.status).toBe(200);
    expect(validated.json).toMatchObject({ ok: false, unsaved: false, project_key: 'SEC' });
    const byId = Object.fromEntries(validated.json.checks.map((check: { id: string }) => [check.id, check]));
    expect(byId['permission.CREATE_ISSUES']).toMatchObject({ ok: true, next_action: null });
    expect(byId['permission.TRANSITION_ISSUES']).toMatchObject({
      ok: false,
      detail: expect.stringContaining('lacks Transition Issues in SEC'),
      next_action: expect.stringContaining('Grant Transition Issues'),
    });
    expect(byId.mapping).toMatchObject({ ok: true });
    expect(world.jira.requests.some((request) => request.path.endsWith('/mypermissions') && request.query.projectKey === 'SEC')).toBe(true);

    const unsaved = await companion.request('POST', `/api/v1/targets/${target.id}/export-profile/validate`, {
      token: admin,
      body: { profile: { project_key: 'OPS', issue_type_id: '10002', priority_id: '5' } },
    });
    expect(unsaved.json).toMatchObject({ ok: false, unsaved: true, project_key: 'OPS' });
    const mapping = unsaved.json.checks.find((check: { id: string }) => check.id === 'mapping');
    expect(mapping.detail).toMatch(/priority_id: priority 5 is not allowed here/);
    expect(mapping.detail).toMatch(/extra_fields\.components/);
    expect(creates()).toHaveLength(0);
    expect((await companion.request('POST', `/api/v1/targets/${target.id}/export-profile/validate`, { token: exporter })).status).toBe(403);
  });

  it('sends one test issue labelled webriskops-test with its link, admin only, audited without secrets', async () => {
    expect((await companion.request('POST', `/api/v1/targets/${target.id}/export-profile/test-issue`, { token: admin })).json.error.code).toBe(
      'EXPORT_PROFILE_MISSING',
    );
    await putProfile(PROFILE);
    expect((await companion.request('POST', `/api/v1/targets/${target.id}/export-profile/test-issue`, { token: exporter })).status).toBe(403);
    const sent = await companion.request('POST', `/api/v1/targets/${target.id}/export-profile/test-issue`, { token: admin });
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ label: 'webriskops-test', project_key: 'SEC', issue: { key: 'SEC-1', url: `${world.jira.baseUrl}/browse/SEC-1` } });
    const issue = world.jira.issues.at(-1)!;
    expect(issue.fields.labels).toEqual(['appsec', 'webriskops-test']);
    // Never taken for a finding's issue: no finding property.
    expect(issue.properties).toEqual({});
    const audit = await companion.request('GET', `/api/v1/targets/${target.id}/audit`, { token: admin });
    expect(audit.json.events.at(-1)).toMatchObject({ action: 'export_profile.test_issue', detail: { project_key: 'SEC', issue_key: 'SEC-1' } });
    expect(audit.text).not.toContain(target.pat);
  });
});
