import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportFindingIssues } from '@webriskops/server/schema';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { connectReadyForgeTarget, exportIssue, finding } from './support/export-fixtures';

let world: CloudWorld;
let companion: Companion;
let admin: string;
let exporter: string;
let target: { id: string; installationId: string };

const cloudId = () => world.cloud.defaults.site.cloudId;
const site = () => world.cloud.defaults.site;
const bug = { project_key: 'SEC', issue_type_id: '10004' };
let seenBefore = 0;
/** Jira REST calls of this test only (the fake keeps every request of the file). */
const apiCalls = () =>
  world.cloud.requests.slice(seenBefore).filter((request) => request.role === 'api' && request.path.startsWith(`/ex/jira/${cloudId()}/rest/api/3/`));
const creates = () => apiCalls().filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/3/issue'));

beforeAll(async () => {
  world = await startCloudWorld();
  world.cloud.addProject(cloudId(), {
    key: 'REQ',
    name: 'Required',
    priorities: [
      { id: '2', name: 'High' },
      { id: '3', name: 'Medium' },
    ],
    issueTypes: [
      {
        id: '10010',
        name: 'Vulnerability',
        extraFields: [
          {
            fieldId: 'customfield_10050',
            name: 'CVSS',
            required: true,
            kind: 'number',
            schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10050 },
            operations: ['set'],
          },
        ],
      },
    ],
  });
});
afterAll(async () => world.close());
beforeEach(async () => {
  world.cloud.clearFailures();
  world.cloud.state.searchLagMs = 0;
  site().issues.clear();
  site().issueCounters.clear();
  ({ companion, admin } = await startCloudCompanion(world));
  exporter = await companion.token('default', 'export');
  target = await connectReadyForgeTarget(world, companion, admin);
  seenBefore = world.cloud.requests.length;
});
afterEach(() => companion.stop());

describe('Jira Cloud (Forge app) metadata', () => {
  it('normalises create metadata v3 into the shared shape with per-project priorities', async () => {
    const answer = await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=REQ`, { token: exporter });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ api: 'cloud_v3', provider_key: 'jira_cloud', project: { key: 'REQ', name: 'Required' } });
    expect(answer.json.projects.map((project: { key: string }) => project.key)).toEqual(['REQ', 'SEC']);
    const [vulnerability] = answer.json.project.issue_types;
    expect(vulnerability).toMatchObject({
      id: '10010',
      priorities: [
        { id: '2', name: 'High' },
        { id: '3', name: 'Medium' },
      ],
      default_priority_id: '3',
      labels_settable: true,
    });
    expect(vulnerability.required_fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'customfield_10050', name: 'CVSS', type: 'number', filled_by: 'mapping' })]),
    );
    expect(world.cloud.requests.every((request) => !/\/priority(\/search)?(\?|$)/.test(request.path))).toBe(true);
    expect(apiCalls().every((request) => request.headers.authorization?.startsWith('Bearer '))).toBe(true);
  });
});

describe('Jira Cloud (Forge app) issues', () => {
  it('creates with an ADF description, then updates on the second export', async () => {
    const hostile = finding('cloud-one', { description: 'See [~admin] and [x|https://evil.test]\n\nSecond paragraph' });
    const created = await exportIssue(companion, exporter, target.id, { finding: hostile, mapping: { ...bug, priority_id: '2', labels: ['scan-42'] } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ action: 'created', found_by: 'new', issue: { key: 'SEC-1', url: `${world.cloud.siteUrl(cloudId())}/browse/SEC-1` } });
    const issue = [...site().issues.values()][0]!;
    expect(issue.fields).toMatchObject({ priority: { id: '2' }, labels: ['scan-42', 'webriskops-cloud-one'] });
    expect(issue.properties.get('webriskops.finding')).toEqual({
      fingerprint: 'cloud-one',
      target_id: target.id,
      severity: 'high',
      proof: expect.stringMatching(/^v1\.[0-9a-f]{12}\.[\w-]{43}$/),
    });
    const doc = issue.fields.description as { type: string; content: { type: string; content?: { type: string; text?: string; marks?: unknown[] }[] }[] };
    expect(doc.type).toBe('doc');
    const texts = JSON.stringify(doc);
    expect(texts).toContain('See [~admin] and [x|https://evil.test]');
    expect(doc.content.filter((node) => node.type === 'codeBlock')).toHaveLength(1);
    expect(JSON.stringify(doc)).not.toContain('"text":""');

    const updated = await exportIssue(companion, exporter, target.id, {
      finding: finding('cloud-one', { title: 'Still there' }),
      mapping: { ...bug, priority_id: '1' },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ action: 'updated', found_by: 'finding_map', issue: { id: created.json.issue.id } });
    expect(site().issues.size).toBe(1);
    expect(issue.fields).toMatchObject({ summary: 'Still there', priority: { id: '1' }, labels: ['scan-42', 'webriskops-cloud-one'] });
    expect(creates()).toHaveLength(1);
    const systemToken = creates()[0]!.headers.authorization!.replace(/^Bearer /, '');
    expect(systemToken.length).toBeGreaterThan(20);
    for (const text of [...companion.responses, ...companion.logLines]) expect(text).not.toContain(systemToken);
  });

  it('finds the issue by label with JQL (/search/jql) when the local map is empty', async () => {
    expect((await exportIssue(companion, exporter, target.id, { finding: finding('cloud-map'), mapping: bug })).status).toBe(201);
    await companion.deps.store.db.delete(exportFindingIssues);
    const again = await exportIssue(companion, exporter, target.id, { finding: finding('cloud-map', { title: 'Found by label' }), mapping: bug });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ action: 'updated', found_by: 'label_search', issue: { key: 'SEC-1' } });
    expect(site().issues.size).toBe(1);
    const search = apiCalls().find((request) => request.path.includes('/search/jql?'))!;
    expect(new URL(search.path, 'https://x').searchParams.get('jql')).toBe('project = "SEC" AND labels = "webriskops-cloud-map" ORDER BY created DESC');
  });

  it('names the priority and required-field errors and sends no issue', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('cloud-bad'),
      mapping: { project_key: 'REQ', issue_type_id: '10010', priority_id: '1' },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.message).toMatch(/mapping\.priority_id: priority 1 is not allowed here; allowed: 2 \(High\), 3 \(Medium\)/);
    expect(answer.json.error.message).toMatch(/mapping\.extra_fields\.customfield_10050: CVSS \(number\) is required here and not mapped/);
    expect(creates()).toHaveLength(0);
    const good = await exportIssue(companion, exporter, target.id, {
      finding: finding('cloud-bad'),
      mapping: { project_key: 'REQ', issue_type_id: '10010', priority_id: '2', extra_fields: { customfield_10050: 7.4 } },
    });
    expect(good.status).toBe(201);
  });

  it('honours 429 Retry-After', async () => {
    world.cloud.failNext({ kind: 'rate-limit', retryAfterSeconds: 1, method: 'POST', path: /\/rest\/api\/3\/issue$/ });
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('cloud-429'), mapping: bug });
    expect(answer.status).toBe(201);
    const [limited, accepted] = creates();
    expect(limited!.status).toBe(429);
    expect(accepted!.status).toBe(201);
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(site().issues.size).toBe(1);
  });

  it('creates exactly one issue when the answer to the create is lost (reconciled by label, despite index lag)', async () => {
    world.cloud.state.searchLagMs = 400;
    world.cloud.failNext({ kind: 'drop-after', method: 'POST', path: /\/rest\/api\/3\/issue$/ });
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('cloud-lost'), mapping: bug }, { 'Idempotency-Key': 'lost-1' });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ action: 'created', found_by: 'reconciled' });
    expect(site().issues.size).toBe(1);
    expect(creates()).toHaveLength(1);
    expect(creates()[0]!.status).toBe(0);
  });

  it('a lost answer that search does not show yet is never created twice; the job retry finds it', async () => {
    world.cloud.state.searchLagMs = 2_500;
    world.cloud.failNext({ kind: 'drop-after', method: 'POST', path: /\/rest\/api\/3\/issue$/ });
    const body = { finding: finding('cloud-retry'), mapping: bug };
    const first = await exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'retry-1' });
    expect(first.status).toBe(503);
    expect(first.json.error.code).toBe('JIRA_UNAVAILABLE');
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const tooSoon = await exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'retry-1' });
    expect(tooSoon.status).toBe(503);
    expect(site().issues.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const retried = await exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'retry-1' });
    expect(retried.status).toBe(200);
    expect(retried.json).toMatchObject({ found_by: 'label_search', issue: { key: 'SEC-1' } });
    expect(site().issues.size).toBe(1);
    expect(creates()).toHaveLength(1);
  });

  it('two identical requests racing with one Idempotency-Key create one issue', async () => {
    const body = { finding: finding('cloud-race'), mapping: bug };
    const answers = await Promise.all([1, 2, 3].map(() => exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'cloud-race' })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json.issue.key)).size).toBe(1);
    expect(site().issues.size).toBe(1);
    expect(creates()).toHaveLength(1);
  });
});

describe('Jira Cloud (Forge app) blocked', () => {
  it('an expired app token blocks the target: 409 and the fake receives zero requests', async () => {
    world.advance(5 * 3_600_000);
    const seen = world.cloud.requests.length;
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('cloud-blocked'), mapping: bug });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('PROVIDER_AUTH_REQUIRED');
    expect((await companion.request('GET', `/api/v1/targets/${target.id}/metadata`, { token: exporter })).status).toBe(409);
    const readiness = await companion.request('GET', `/api/v1/targets/${target.id}/readiness?refresh=true`, { token: exporter });
    expect(readiness.json).toMatchObject({ ready: false, refreshed: false, fallback: '/api/v1/exports/portable' });
    expect(world.cloud.requests).toHaveLength(seen);
    world.advance(-5 * 3_600_000);
  });

  it('a 401 from the gateway (app uninstalled behind our back) turns the target into PROVIDER_AUTH_REQUIRED', async () => {
    world.cloud.uninstallApp(target.installationId);
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('cloud-401'), mapping: bug });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('PROVIDER_AUTH_REQUIRED');
    const readiness = await companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    expect(readiness.json).toMatchObject({ ready: false, code: 'PROVIDER_AUTH_REQUIRED', state: 'blocked' });
    expect(site().issues.size).toBe(0);
  });
});
