import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { startDataCenterWorld, startReadyDataCenterExport, type DataCenterWorld } from './support/data-center-world';
import { connectReadyForgeTarget, customField, exportIssue, finding, parseCsv } from './support/export-fixtures';

const MARKER = /truncated by WebRiskOps, \d+ characters/;
/** Evidence a hostile scanned site can make: 100,000 characters. */
const HUGE_EVIDENCE = `HTTP/1.1 200 OK\n${'<p>{noformat}[~admin]</p>\n'.repeat(4_000)}`.slice(0, 100_000);
/** A description that doubles (or more) when escaped for wiki markup. */
const SPECIAL_DESCRIPTION = '[x]|{y}!\\'.repeat(3_500);

describe('what is sent to Jira Data Center stays within its limits', () => {
  let world: DataCenterWorld;
  let companion: Companion;
  let exporter: string;
  let target: { id: string; pat: string };
  const task = { project_key: 'SEC', issue_type_id: '10002' };
  const sentBodies = () =>
    world.jira.requests
      .filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/2/issue'))
      .map((request) => JSON.parse(request.body) as { fields: Record<string, unknown> });

  beforeAll(async () => {
    world = await startDataCenterWorld();
    world.jira.projects[0]!.issueTypes[0]!.fields.push(customField(10300, 'Notes', 'textarea'), customField(10301, 'Ticket ref', 'textfield'));
  });
  afterAll(async () => world.close());
  beforeEach(async () => {
    ({ companion, exporter, target } = await startReadyDataCenterExport(world));
  });
  afterEach(() => companion.stop());

  it('100,000 characters of evidence and a description that grows when escaped reach Jira under 32,767 characters, marked', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-huge', { description: SPECIAL_DESCRIPTION, evidence: HUGE_EVIDENCE }),
      mapping: task,
    });
    expect(answer.status).toBe(201);
    const [sent] = sentBodies();
    const description = sent!.fields.description as string;
    expect(description.length).toBeLessThanOrEqual(32_767);
    expect(description.length).toBeGreaterThan(30_000);
    expect(description.match(new RegExp(MARKER, 'g'))).toHaveLength(2);
    expect(description.match(/\{noformat\}/g)).toHaveLength(2);
    expect(world.jira.issues[0]!.fields.description).toBe(description);

    const updated = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-huge', { description: SPECIAL_DESCRIPTION, evidence: `${HUGE_EVIDENCE.slice(1)}!` }),
      mapping: task,
    });
    expect(updated.status).toBe(200);
    const put = world.jira.requests.find((request) => request.method === 'PUT' && /\/issue\/SEC-1$/.test(request.path))!;
    expect((JSON.parse(put.body) as { fields: { description: string } }).fields.description.length).toBeLessThanOrEqual(32_767);
  });

  it('text fields are cut after escaping too: a multi-line field under 32,767, a single-line field under 255, on one line', async () => {
    const extra_fields = { customfield_10300: '[~x]'.repeat(8_000), customfield_10301: '{y}'.repeat(200) };
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('fp-fields'), mapping: { ...task, extra_fields } });
    expect(answer.status).toBe(201);
    const [sent] = sentBodies();
    const notes = sent!.fields.customfield_10300 as string;
    const ref = sent!.fields.customfield_10301 as string;
    expect(notes.length).toBeLessThanOrEqual(32_767);
    expect(notes).toMatch(MARKER);
    expect(ref.length).toBeLessThanOrEqual(254);
    expect(ref).toMatch(MARKER);
    expect(ref).not.toContain('\n');
  });

  it('a 255-character title becomes a summary Jira accepts, marked', async () => {
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('fp-title', { title: 'T'.repeat(255) }), mapping: task });
    expect(answer.status).toBe(201);
    const summary = world.jira.issues[0]!.fields.summary as string;
    expect(summary.length).toBeLessThanOrEqual(254);
    expect(summary).toMatch(MARKER);
  });

  it('the portable CSV: a 255-character title starting with - stays within the summary limit after its apostrophe', async () => {
    const answer = await companion.request('POST', '/api/v1/exports/portable?format=csv', {
      token: exporter,
      body: [finding('fp-csv', { title: `-${'x'.repeat(254)}`, evidence: HUGE_EVIDENCE })],
    });
    expect(answer.status).toBe(200);
    const [, row] = parseCsv(answer.text);
    expect(row![0]!.startsWith("'-x")).toBe(true);
    expect(row![0]!.length).toBeLessThanOrEqual(254);
    expect(row![0]).toMatch(MARKER);
    expect(row![3]!.length).toBeLessThanOrEqual(32_767);
  });
});

describe('what is sent to Jira Cloud stays within its limits', () => {
  let world: CloudWorld;
  let companion: Companion;
  let exporter: string;
  let target: { id: string; installationId: string };
  const bug = { project_key: 'SEC', issue_type_id: '10004' };
  const cloudId = () => world.cloud.defaults.site.cloudId;

  beforeAll(async () => {
    world = await startCloudWorld();
  });
  afterAll(async () => world.close());
  beforeEach(async () => {
    world.cloud.defaults.site.issues.clear();
    world.cloud.defaults.site.issueCounters.clear();
    let admin: string;
    ({ companion, admin } = await startCloudCompanion(world));
    exporter = await companion.token('default', 'export');
    target = await connectReadyForgeTarget(world, companion, admin);
  });
  afterEach(() => companion.stop());

  it('100,000 characters of evidence reach Jira as an ADF document whose JSON stays under 32,767 characters, marked', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('cloud-huge', { description: '"\\'.repeat(15_000), evidence: HUGE_EVIDENCE }),
      mapping: bug,
    });
    expect(answer.status).toBe(201);
    const create = world.cloud.requests.find((request) => request.method === 'POST' && request.path === `/ex/jira/${cloudId()}/rest/api/3/issue`)!;
    const description = (JSON.parse(create.body) as { fields: { description: unknown } }).fields.description;
    const json = JSON.stringify(description);
    expect(json.length).toBeLessThanOrEqual(32_767);
    expect(json.length).toBeGreaterThan(30_000);
    expect(json.match(new RegExp(MARKER, 'g'))).toHaveLength(2);
  });

  it('a 255-character title becomes a summary Jira accepts', async () => {
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('cloud-title', { title: 'T'.repeat(255) }), mapping: bug });
    expect(answer.status).toBe(201);
    const issue = [...world.cloud.defaults.site.issues.values()][0]!;
    expect((issue.fields.summary as string).length).toBeLessThanOrEqual(254);
    expect(issue.fields.summary).toMatch(MARKER);
  });
});
