import { FORGE_MODULE_KEYS } from '@webriskops/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { connectReadyForgeTarget, exportIssue, finding } from './support/export-fixtures';
import { forgeIssueEvent } from './fakes/forge-issue-event';
import { moveCloudIssue, useCloudWorkflow } from './fakes/fake-jira-cloud-transitions';
import { FAKE_STATUSES } from './fakes/fake-jira-workflow';

let world: CloudWorld;
let companion: Companion;
let exporter: string;
let target: { id: string; installationId: string };

const site = () => world.cloud.defaults.site;
const bug = { project_key: 'SEC', issue_type_id: '10004' };

beforeAll(async () => {
  world = await startCloudWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  site().issues.clear();
  site().issueCounters.clear();
  useCloudWorkflow(site(), 'standard');
  let admin: string;
  ({ companion, admin } = await startCloudCompanion(world));
  exporter = await companion.token('default', 'export');
  target = await connectReadyForgeTarget(world, companion, admin);
});
afterEach(() => companion.stop());

async function exported(fingerprint: string) {
  const answer = await exportIssue(companion, exporter, target.id, { finding: finding(fingerprint), mapping: bug });
  expect(answer.status).toBe(201);
  return [...site().issues.values()].find((issue) => issue.key === answer.json.issue.key)!;
}

const deliver = (event: ReturnType<typeof forgeIssueEvent>) =>
  companion.request('POST', '/forge/v1/issue-events', { headers: event.headers, body: event.body });
const statusOf = (fingerprint: string) => companion.request('GET', `/api/v1/targets/${target.id}/findings/${fingerprint}`, { token: exporter });

describe('the Forge issue trigger', () => {
  it('shows an issue resolved in Jira Cloud as done, from a verified trigger invocation', async () => {
    const issue = await exported('fp-forge');
    moveCloudIssue(issue, FAKE_STATUSES.done, null, world.now());
    const answer = await deliver(forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue));
    expect([answer.status, answer.json.outcome]).toEqual([200, 'changed']);
    expect((await statusOf('fp-forge')).json).toMatchObject({
      issue: { key: issue.key },
      status: { name: 'Done', category: 'done', resolution: 'Done', source: 'forge_trigger', deleted: false },
    });
    const events = await companion.request('GET', `/api/v1/targets/${target.id}/issue-events`, { token: exporter });
    expect(events.json.events).toMatchObject([{ fingerprint: 'fp-forge', status_category: 'done', source: 'forge_trigger' }]);
  });

  it("reads the issue back for its resolution, which Forge's issue event does not carry", async () => {
    const issue = await exported('fp-wont-do');
    moveCloudIssue(issue, FAKE_STATUSES.done, '10001', world.now());
    const event = forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue);
    expect(event.body.issue.fields).not.toHaveProperty('resolution');
    expect((await deliver(event)).json.outcome).toBe('changed');
    expect((await statusOf('fp-wont-do')).json.status).toMatchObject({ category: 'done', resolution: "Won't Do", source: 'forge_trigger' });
  });

  it('records the event as it came when Jira cannot be read back: the resolution held stays while the issue stays done', async () => {
    const issue = await exported('fp-unreadable');
    moveCloudIssue(issue, FAKE_STATUSES.done, '10001', world.now());
    await deliver(forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue));
    const outage = world.cloud.failNext({ host: 'api', method: 'GET', path: /\/issue\/\d+$/, kind: 'status', status: 500, times: 10 });
    try {
      // Edited in Jira, still done: the event alone cannot say how it was resolved, so nothing changes.
      issue.updatedAt = world.now() + 1_000;
      expect((await deliver(forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue))).json.outcome).toBe('unchanged');
      expect((await statusOf('fp-unreadable')).json.status).toMatchObject({ category: 'done', resolution: "Won't Do" });
      // Reopened: Jira clears the resolution as the issue leaves done, and so does the record.
      moveCloudIssue(issue, FAKE_STATUSES.toDo, null, world.now() + 2_000);
      expect((await deliver(forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue))).json.outcome).toBe('changed');
      expect((await statusOf('fp-unreadable')).json.status).toMatchObject({ category: 'new', resolution: null });
      // Each event asked Jira once (and was refused).
      expect(outage.remaining()).toBe(8);
    } finally {
      world.cloud.clearFailures();
    }
  });

  it('records a deletion, keeping the last status', async () => {
    const issue = await exported('fp-deleted');
    moveCloudIssue(issue, FAKE_STATUSES.inProgress, null, world.now());
    await deliver(forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue));
    const answer = await deliver(forgeIssueEvent(world, target.installationId, 'avi:jira:deleted:issue', issue));
    expect(answer.json.outcome).toBe('changed');
    expect((await statusOf('fp-deleted')).json.status).toMatchObject({ name: 'In Progress', deleted: true });
  });

  it('refuses a replayed invocation and one minted for another module, and ignores issues not in the map', async () => {
    const issue = await exported('fp-guarded');
    moveCloudIssue(issue, FAKE_STATUSES.done, null, world.now());
    const first = forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue);
    expect((await deliver(first)).status).toBe(200);
    moveCloudIssue(issue, FAKE_STATUSES.toDo, null, world.now());
    const replayed = forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue, { jti: first.jti });
    expect((await deliver(replayed)).status).toBe(401);
    const otherModule = forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', issue, { moduleKey: FORGE_MODULE_KEYS.lifecycleEndpoint });
    expect((await deliver(otherModule)).status).toBe(401);
    expect((await statusOf('fp-guarded')).json.status).toMatchObject({ category: 'done' });

    const stranger = { ...issue, id: '77777', key: 'SEC-777' };
    const ignored = await deliver(forgeIssueEvent(world, target.installationId, 'avi:jira:updated:issue', stranger));
    expect([ignored.status, ignored.json.outcome]).toEqual([200, 'not_ours']);
  });
});

describe('polling a Jira Cloud target', () => {
  it('reads status and resolution through GET /search/jql on the finding labels, updated since the last poll', async () => {
    const issue = await exported('fp-cloud-poll');
    const first = await companion.cli(['status', 'poll', '--target', target.id]);
    expect([first.code, JSON.parse(first.stdout)]).toMatchObject([0, { findings: 1, issues_read: 1, changed: 1, since: null }]);

    // Just under 5 minutes on the world's clock (it runs on): the window is those 5 minutes plus 2 of overlap.
    world.advance(5 * 60_000 - 2_000);
    moveCloudIssue(issue, FAKE_STATUSES.done, '10001', world.now());
    const searches = () =>
      world.cloud.requests.map((request) => new URL(request.path, 'https://x')).filter((url) => url.pathname.endsWith('/rest/api/3/search/jql'));
    const before = searches().length;
    const second = await companion.cli(['status', 'poll', '--target', target.id]);
    expect([second.code, JSON.parse(second.stdout)]).toMatchObject([0, { issues_read: 1, changed: 1 }]);
    expect(searches().slice(before)[0]!.searchParams.get('jql')).toBe('labels in ("webriskops-fp-cloud-poll") AND updated >= "-7m" ORDER BY updated ASC');
    expect((await statusOf('fp-cloud-poll')).json.status).toMatchObject({ category: 'done', resolution: "Won't Do", source: 'poll' });

    // Updated just before the last poll: the next poll's 2 minutes of overlap read it again, and nothing changes.
    world.advance(5 * 60_000);
    const third = await companion.cli(['status', 'poll', '--target', target.id]);
    expect([third.code, JSON.parse(third.stdout)]).toMatchObject([0, { issues_read: 1, changed: 0 }]);
    // Past the overlap, an issue not updated is not read at all.
    world.advance(5 * 60_000);
    const fourth = await companion.cli(['status', 'poll', '--target', target.id]);
    expect([fourth.code, JSON.parse(fourth.stdout)]).toMatchObject([0, { issues_read: 0, changed: 0 }]);
  });
});

describe('resolve on Jira Cloud', () => {
  it('picks the done transition, fills the resolution and comments in ADF', async () => {
    const issue = await exported('fp-cloud-resolve');
    const answer = await companion.request('POST', `/api/v1/targets/${target.id}/findings/fp-cloud-resolve/resolve`, { token: exporter });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ action: 'resolved', transition: { name: 'Done' }, status: { category: 'done', resolution: 'Done' } });
    expect(issue.status?.category).toBe('done');
    expect(JSON.stringify(issue.comments)).toMatch(/"type":"doc"[\s\S]*no longer detected/);
  });

  it('refuses with NO_TRANSITION when the workflow has no done transition', async () => {
    await exported('fp-cloud-nodone');
    useCloudWorkflow(site(), 'no-done');
    const answer = await companion.request('POST', `/api/v1/targets/${target.id}/findings/fp-cloud-nodone/resolve`, { token: exporter });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('NO_TRANSITION');
  });
});
