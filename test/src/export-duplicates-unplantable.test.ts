import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportFindingIssues } from '@webriskops/server/schema';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { connectReadyDataCenterTarget, startDataCenterWorld, startReadyDataCenterExport, type DataCenterWorld } from './support/data-center-world';
import { connectReadyForgeTarget, exportIssue, finding } from './support/export-fixtures';
import { requestOverLoopback } from './fakes/loopback-https';

let world: DataCenterWorld;
let companion: Companion;
let exporter: string;
let target: { id: string; pat: string };
let mallory: string;

beforeAll(async () => {
  world = await startDataCenterWorld();
  mallory = world.jira.issuePat({ user: 'mallory', permissions: { ADMINISTER: false } });
});
afterAll(async () => world.close());
beforeEach(async () => {
  ({ companion, exporter, target } = await startReadyDataCenterExport(world));
});
afterEach(() => companion.stop());

const task = { project_key: 'SEC', issue_type_id: '10002' };
const creates = () => world.jira.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/2/issue'));
const forgetMap = () => companion.deps.store.db.delete(exportFindingIssues);

/** Another Jira user (edit rights, no admin) creates an issue over Jira's own API, with whatever label and property it likes. */
async function plant(fingerprint: string, property: Record<string, unknown> | null, summary = 'Planted by mallory') {
  const answer = await requestOverLoopback(
    { baseUrl: world.jira.baseUrl, ca: world.jira.ca },
    {
      method: 'POST',
      path: '/rest/api/2/issue',
      token: mallory,
      body: {
        fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary, labels: [`webriskops-${fingerprint}`] },
        ...(property ? { properties: [{ key: 'webriskops.finding', value: property }] } : {}),
      },
    },
  );
  if (answer.status !== 201) throw new Error(`plant failed: ${answer.text}`);
  return answer.json as { id: string; key: string };
}

describe('duplicates nobody can plant (Data Center)', () => {
  it('an issue with our label and a property made by another Jira user is not updated: a new one is created', async () => {
    const planted = await plant('fp-plant', {
      fingerprint: 'fp-plant',
      target_id: target.id,
      severity: 'high',
      proof: 'v1.0123456789ab.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('fp-plant'), mapping: task });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ action: 'created', found_by: 'new' });
    expect(answer.json.issue.key).not.toBe(planted.key);
    const mine = world.jira.issues.find((issue) => issue.key === planted.key)!;
    expect(mine.fields.summary).toBe('Planted by mallory');
    expect(mine.fields.description).toBeUndefined();
  });

  it('a property copied from our issue onto another does not make that one ours, even once ours is deleted', async () => {
    expect((await exportIssue(companion, exporter, target.id, { finding: finding('fp-copy'), mapping: task })).status).toBe(201);
    const ours = world.jira.issues[0]!;
    const copy = await plant('fp-copy', ours.properties['webriskops.finding'] as Record<string, unknown>, 'Copy with a stolen property');
    await forgetMap();
    const again = await exportIssue(companion, exporter, target.id, { finding: finding('fp-copy', { title: 'Seen again' }), mapping: task });
    expect(again.json).toMatchObject({ action: 'updated', found_by: 'label_search', issue: { key: ours.key } });

    // Someone deletes our issue: the copy, newest and with a property naming the finding, must still not be adopted.
    (world.jira.issues as unknown[]).splice(world.jira.issues.indexOf(ours), 1);
    const afterDelete = await exportIssue(companion, exporter, target.id, { finding: finding('fp-copy', { title: 'After delete' }), mapping: task });
    expect(afterDelete.json).toMatchObject({ action: 'created', found_by: 'new' });
    expect(world.jira.issues.find((issue) => issue.key === copy.key)!.fields.summary).toBe('Copy with a stolen property');
    expect(creates().filter((request) => request.headers.authorization === `Bearer ${target.pat}`)).toHaveLength(2);
  });

  it('five older decoys with the label do not hide the real issue: no duplicate', async () => {
    for (let i = 0; i < 5; i += 1) await plant('fp-decoy', i % 2 === 0 ? null : { fingerprint: 'fp-other' });
    const first = await exportIssue(companion, exporter, target.id, { finding: finding('fp-decoy'), mapping: task });
    expect(first.json).toMatchObject({ action: 'created', issue: { key: 'SEC-6' } });
    await forgetMap();
    const again = await exportIssue(companion, exporter, target.id, { finding: finding('fp-decoy'), mapping: task });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ action: 'updated', found_by: 'label_search', issue: { key: 'SEC-6' } });
    expect(world.jira.issues).toHaveLength(6);
    expect(creates().filter((request) => request.headers.authorization === `Bearer ${target.pat}`)).toHaveLength(1);
    const search = world.jira.requests.find((request) => request.path.endsWith('/rest/api/2/search'))!;
    expect(search.query.jql).toBe('project = "SEC" AND labels = "webriskops-fp-decoy" ORDER BY created DESC');
  });

  it('more labelled issues than the search reads answers 409 naming the label, and creates nothing', async () => {
    for (let i = 0; i < 101; i += 1) await plant('fp-flood', null);
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('fp-flood'), mapping: task });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/More than 100 issues in SEC carry the label webriskops-fp-flood/),
    });
    expect(creates().filter((request) => request.headers.authorization === `Bearer ${target.pat}`)).toHaveLength(0);
  }, 60_000);

  it('a mapping may not set a webriskops- label: 422 naming it, nothing sent', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-label'),
      mapping: { ...task, labels: ['ok', 'webriskops-fp-other'] },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.message).toMatch(/mapping\.labels\[1\]: webriskops-fp-other: labels starting with webriskops- are reserved/);
    expect(world.jira.requests).toHaveLength(0);
  });
});

describe('each target its own issues', () => {
  it('two workspaces on one Jira with one fingerprint get two issues, and each finds only its own', async () => {
    expect((await companion.cli(['workspace', 'create', 'other'])).code).toBe(0);
    expect((await companion.cli(['network', 'approve', '--workspace', 'other', '--name', 'loopback tunnel', '127.0.0.0/24'])).code).toBe(0);
    const otherAdmin = await companion.token('other', 'admin');
    const otherExporter = await companion.token('other', 'export');
    const otherTarget = await connectReadyDataCenterTarget(world, companion, otherAdmin);
    const a = await exportIssue(companion, exporter, target.id, { finding: finding('fp-shared'), mapping: task });
    const b = await exportIssue(companion, otherExporter, otherTarget.id, { finding: finding('fp-shared', { title: 'Other workspace' }), mapping: task });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.issue.key).not.toBe(b.json.issue.key);
    await forgetMap();
    const again = await exportIssue(companion, otherExporter, otherTarget.id, { finding: finding('fp-shared', { title: 'Other again' }), mapping: task });
    expect(again.json).toMatchObject({ action: 'updated', found_by: 'label_search', issue: { key: b.json.issue.key } });
    const issueA = world.jira.issues.find((issue) => issue.key === a.json.issue.key)!;
    expect(issueA.fields.summary).toBe('Reflected XSS on /search (fp-shared)');
    expect(issueA.properties['webriskops.finding']).toMatchObject({ target_id: target.id });
    expect(world.jira.issues).toHaveLength(2);
  });
});

describe('duplicates nobody can plant (Jira Cloud)', () => {
  let cloudWorld: CloudWorld;
  let cloudCompanion: Companion;
  let cloudExporter: string;
  let cloudTarget: { id: string; installationId: string };
  const site = () => cloudWorld.cloud.defaults.site;

  beforeAll(async () => {
    cloudWorld = await startCloudWorld();
  });
  afterAll(async () => cloudWorld.close());
  beforeEach(async () => {
    site().issues.clear();
    site().issueCounters.clear();
    let cloudAdmin: string;
    ({ companion: cloudCompanion, admin: cloudAdmin } = await startCloudCompanion(cloudWorld));
    cloudExporter = await cloudCompanion.token('default', 'export');
    cloudTarget = await connectReadyForgeTarget(cloudWorld, cloudCompanion, cloudAdmin);
  });
  afterEach(() => cloudCompanion.stop());

  it('an issue another user labelled and stamped (even with a copied proof) is not updated; ours is found among decoys', async () => {
    const bug = { project_key: 'SEC', issue_type_id: '10004' };
    const plantCloud = (property: unknown) => {
      const id = String(site().nextIssueId++);
      const number = (site().issueCounters.get('SEC') ?? 0) + 1;
      site().issueCounters.set('SEC', number);
      const now = cloudWorld.cloud.state.now();
      site().issues.set(id, {
        id,
        key: `SEC-${number}`,
        projectKey: 'SEC',
        issueTypeId: '10004',
        fields: { summary: 'Planted', labels: ['webriskops-cloud-plant'] },
        properties: new Map([['webriskops.finding', property]]),
        createdAt: now,
        updatedAt: now,
        createdBy: 'mallory',
      });
      return `SEC-${number}`;
    };
    const planted = plantCloud({ fingerprint: 'cloud-plant', target_id: cloudTarget.id, severity: 'high' });
    const created = await exportIssue(cloudCompanion, cloudExporter, cloudTarget.id, { finding: finding('cloud-plant'), mapping: bug });
    expect(created.json).toMatchObject({ action: 'created', found_by: 'new' });
    expect(created.json.issue.key).not.toBe(planted);
    const ours = [...site().issues.values()].find((issue) => issue.key === created.json.issue.key)!;
    for (let i = 0; i < 5; i += 1) plantCloud(ours.properties.get('webriskops.finding'));
    await cloudCompanion.deps.store.db.delete(exportFindingIssues);
    const again = await exportIssue(cloudCompanion, cloudExporter, cloudTarget.id, { finding: finding('cloud-plant', { title: 'Again' }), mapping: bug });
    expect(again.json).toMatchObject({ action: 'updated', found_by: 'label_search', issue: { key: ours.key } });
    expect([...site().issues.values()].filter((issue) => issue.fields.summary === 'Planted')).toHaveLength(6);
    expect(site().issues.size).toBe(7);
  });
});
