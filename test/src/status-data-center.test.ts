import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Companion } from './support/companion-harness';
import { startDataCenterWorld, startReadyDataCenterExport, type DataCenterWorld } from './support/data-center-world';
import { exportIssue, finding } from './support/export-fixtures';
import { jiraWebhookSignature, type FakeWebhookDelivery } from './fakes/fake-jira-workflow';

let world: DataCenterWorld;
let companion: Companion;
let admin: string;
let exporter: string;
let targetId: string;

beforeAll(async () => {
  world = await startDataCenterWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  ({
    companion,
    admin,
    exporter,
    target: { id: targetId },
  } = await startReadyDataCenterExport(world));
});
afterEach(() => companion.stop());

const mapping = { project_key: 'SEC', issue_type_id: '10002', severity_priority_ids: { high: '2' } };

async function exported(fingerprint: string): Promise<string> {
  const answer = await exportIssue(companion, exporter, targetId, { finding: finding(fingerprint), mapping });
  expect(answer.status).toBe(201);
  return answer.json.issue.key as string;
}

const statusOf = (fingerprint: string) => companion.request('GET', `/api/v1/targets/${targetId}/findings/${fingerprint}`, { token: exporter });
const feed = (after = 0, limit = 100) =>
  companion.request('GET', `/api/v1/targets/${targetId}/issue-events?after=${after}&limit=${limit}`, { token: exporter });

/** Generates the webhook secret as an admin would on the target page, and registers the webhook in the fake Jira. */
async function registerWebhook(options: { signWith?: 'the secret' | 'nothing' | string } = {}) {
  const view = await companion.request('POST', `/api/v1/targets/${targetId}/status-webhook/secret`, { token: admin });
  expect(view.status).toBe(200);
  const path = new URL(view.json.url as string).pathname;
  const answers: { status: number; json: Record<string, unknown> }[] = [];
  const secret =
    options.signWith === 'nothing' ? null : options.signWith && options.signWith !== 'the secret' ? options.signWith : (view.json.secret as string);
  const deliver = async (delivery: FakeWebhookDelivery) => {
    const answer = await companion.request('POST', path, { rawBody: delivery.body, headers: delivery.headers });
    answers.push(answer);
    return answer;
  };
  const sent: FakeWebhookDelivery[] = [];
  // While `held`, Jira's deliveries are recorded but not delivered yet (Jira's queue is slow).
  const control = { held: false };
  world.jira.registerWebhook({ secret, deliver: async (delivery) => (sent.push(delivery), control.held ? null : deliver(delivery)) });
  return { path, answers, sent, deliver, control, secret: view.json.secret as string };
}

describe('the Data Center webhook', () => {
  it('shows an issue resolved in Jira as done, from a signed delivery, with one feed event', async () => {
    const key = await exported('fp-webhook');
    const hook = await registerWebhook();
    await world.jira.transitionIssue(key, 'done');
    expect(hook.answers.map((answer) => [answer.status, answer.json.outcome])).toEqual([[200, 'changed']]);
    const status = await statusOf('fp-webhook');
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({
      issue: { key, url: `${world.jira.baseUrl}/browse/${key}` },
      status: { name: 'Done', category: 'done', resolution: 'Done', deleted: false, source: 'webhook' },
    });
    expect((await feed()).json.events).toMatchObject([{ fingerprint: 'fp-webhook', issue_key: key, status_category: 'done', source: 'webhook' }]);
  });

  it('refuses a forged signature and changes nothing', async () => {
    const key = await exported('fp-forged');
    const hook = await registerWebhook({ signWith: 'not-the-secret' });
    await world.jira.transitionIssue(key, 'done');
    expect(hook.answers.map((answer) => [answer.status, (answer.json.error as { code: string }).code])).toEqual([[401, 'UNAUTHENTICATED']]);
    // The body signed right but altered afterwards is refused too: the signature covers the raw bytes.
    const genuine = hook.sent[0]!;
    const tampered = genuine.body.replace('"Done"', '"Done "');
    const altered = await hook.deliver({ body: tampered, headers: { ...genuine.headers, 'x-hub-signature': jiraWebhookSignature(hook.secret, genuine.body) } });
    expect(altered.status).toBe(401);
    expect((await statusOf('fp-forged')).json.status).toBeNull();
    expect((await feed()).json.events).toEqual([]);
    expect(companion.logLines.join('\n')).not.toContain(hook.secret);
  });

  it('changes nothing when a delivery is replayed, even with a later status in between', async () => {
    const key = await exported('fp-replay');
    const hook = await registerWebhook();
    await world.jira.transitionIssue(key, 'done');
    const resolved = hook.sent[0]!;
    await world.jira.transitionIssue(key, 'toDo');
    expect((await statusOf('fp-replay')).json.status).toMatchObject({ category: 'new' });
    const replay = await hook.deliver(resolved);
    expect([replay.status, replay.json.outcome]).toEqual([200, 'duplicate']);
    expect((await statusOf('fp-replay')).json.status).toMatchObject({ category: 'new', resolution: null });
    expect((await feed()).json.events.map((event: { status_category: string }) => event.status_category)).toEqual(['done', 'new']);
  });

  it('refuses an unsigned delivery unless the operator allows them', async () => {
    const key = await exported('fp-unsigned');
    const hook = await registerWebhook({ signWith: 'nothing' });
    await world.jira.transitionIssue(key, 'done');
    expect(hook.answers.map((answer) => answer.status)).toEqual([401]);
    expect((hook.answers[0]!.json.error as { message: string }).message).toMatch(/no X-Hub-Signature/);
    expect((await statusOf('fp-unsigned')).json.status).toBeNull();

    companion.deps.config.statusSync.allowUnsignedDataCenterWebhooks = true;
    const accepted = await hook.deliver(hook.sent[0]!);
    expect([accepted.status, accepted.json.outcome]).toEqual([200, 'changed']);
    expect((await statusOf('fp-unsigned')).json.status).toMatchObject({ category: 'done' });
  });

  it('ignores a signed delivery about an issue that is not in the target map', async () => {
    const key = await exported('fp-mine');
    const hook = await registerWebhook();
    await world.jira.transitionIssue(key, 'inProgress');
    const genuine = hook.sent[0]!;
    const payload = JSON.parse(genuine.body) as { issue: { id: string; key: string } };
    payload.issue = { ...payload.issue, id: '99999', key: 'SEC-999' };
    const body = JSON.stringify(payload);
    const headers = { ...genuine.headers, 'x-atlassian-webhook-identifier': 'another-delivery', 'x-hub-signature': jiraWebhookSignature(hook.secret, body) };
    const answer = await hook.deliver({ body, headers });
    expect([answer.status, answer.json.outcome]).toEqual([200, 'not_ours']);
    expect((await feed()).json.events).toHaveLength(1);
  });

  it('answers 404 once the target is disconnected', async () => {
    const key = await exported('fp-gone');
    const hook = await registerWebhook();
    expect((await companion.request('DELETE', `/api/v1/targets/${targetId}`, { token: admin })).status).toBe(200);
    await world.jira.transitionIssue(key, 'done');
    expect(hook.answers.map((answer) => answer.status)).toEqual([404]);
    expect((await feed()).json.events).toEqual([]);
  });

  it('the webhook secret is for admins: an export token gets 403', async () => {
    const answer = await companion.request('GET', `/api/v1/targets/${targetId}/status-webhook`, { token: exporter });
    expect(answer.status).toBe(403);
  });
});

describe('polling', () => {
  it('shows an issue resolved in Jira as done through JQL on the finding labels, rate limited per target', async () => {
    const start = Date.now();
    companion.deps.clock.now = () => new Date(start);
    const key = await exported('fp-poll');
    const first = await companion.cli(['status', 'poll', '--target', targetId]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ findings: 1, issues_read: 1, changed: 1, since: null });
    await world.jira.transitionIssue(key, 'done');
    const tooSoon = await companion.cli(['status', 'poll', '--target', targetId]);
    expect(tooSoon.code).toBe(1);
    expect(tooSoon.stderr).toMatch(/polled less than 60 s ago/);

    companion.deps.clock.now = () => new Date(start + 5 * 60_000);
    const searches = () => world.jira.requests.filter((request) => request.path.endsWith('/rest/api/2/search'));
    const before = searches().length;
    const second = await companion.cli(['status', 'poll', '--target', targetId]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ issues_read: 1, changed: 1 });
    const jql = searches().slice(before)[0]!.query.jql!;
    expect(jql).toBe('labels in ("webriskops-fp-poll") AND updated >= "-7m" ORDER BY updated ASC');
    expect((await statusOf('fp-poll')).json.status).toMatchObject({ name: 'Done', category: 'done', resolution: 'Done', source: 'poll' });
    expect((await feed()).json.events.map((event: { status_category: string; source: string }) => `${event.status_category}/${event.source}`)).toEqual([
      'new/poll',
      'done/poll',
    ]);
  });
});

describe('resolve and reopen', () => {
  it('resolve picks a transition to a done status, fills the resolution and comments; reopen goes back', async () => {
    const key = await exported('fp-resolve');
    const resolved = await companion.request('POST', `/api/v1/targets/${targetId}/findings/fp-resolve/resolve`, {
      token: exporter,
      body: { comment: 'Fixed in 4.2.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({
      action: 'resolved',
      issue: { key },
      transition: { id: '31', name: 'Done' },
      status: { category: 'done', resolution: 'Done' },
    });
    const issue = world.jira.issues.find((candidate) => candidate.key === key)!;
    expect(issue.status.category).toBe('done');
    expect(issue.comments.at(-1)).toMatch(/no longer detected[\s\S]*Fixed in 4\.2\./);
    const posted = world.jira.requests.find((request) => request.method === 'POST' && request.path.endsWith(`/issue/${key}/transitions`))!;
    expect(JSON.parse(posted.body)).toMatchObject({ transition: { id: '31' }, fields: { resolution: { id: '10000' } } });
    expect((await statusOf('fp-resolve')).json.status).toMatchObject({ category: 'done', source: 'companion' });

    const reopened = await companion.request('POST', `/api/v1/targets/${targetId}/findings/fp-resolve/reopen`, { token: exporter });
    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({ action: 'reopened', transition: { name: 'Reopen' }, status: { category: 'new', resolution: null } });
    expect(world.jira.issues.find((candidate) => candidate.key === key)!.resolution).toBeNull();
    const audit = await companion.request('GET', `/api/v1/targets/${targetId}/audit`, { token: admin });
    expect(JSON.stringify(audit.json)).toMatch(/finding\.resolved[\s\S]*finding\.reopened/);
  });

  it('refuses with NO_TRANSITION when the workflow has no way to a done status, and sends no transition', async () => {
    const key = await exported('fp-nodone');
    world.jira.useWorkflow('no-done');
    const answer = await companion.request('POST', `/api/v1/targets/${targetId}/findings/fp-nodone/resolve`, { token: exporter });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: 'NO_TRANSITION' });
    expect(answer.json.error.message).toMatch(/Start Progress → In Progress \(indeterminate\)/);
    expect(world.jira.requests.filter((request) => request.method === 'POST' && request.path.endsWith(`/issue/${key}/transitions`))).toEqual([]);
    expect((await statusOf('fp-nodone')).json.status).toBeNull();
  });

  it('refuses with TRANSITION_NEEDS_FIELDS when the done screen requires a field without default', async () => {
    await exported('fp-fields');
    world.jira.useWorkflow('done-needs-fields');
    const answer = await companion.request('POST', `/api/v1/targets/${targetId}/findings/fp-fields/resolve`, { token: exporter });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: 'TRANSITION_NEEDS_FIELDS' });
    expect(answer.json.error.message).toMatch(/Done: Root cause \(customfield_10500\)/);
  });

  it('answers 404 for a finding that was never exported', async () => {
    const answer = await companion.request('POST', `/api/v1/targets/${targetId}/findings/fp-never/resolve`, { token: exporter });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('NOT_FOUND');
  });
});

describe('order of reports', () => {
  it('a delayed delivery older than what the companion already knows changes nothing', async () => {
    const key = await exported('fp-order');
    const hook = await registerWebhook();
    await world.jira.transitionIssue(key, 'inProgress');
    const older = hook.sent[0]!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    hook.control.held = true;
    const resolved = await companion.request('POST', `/api/v1/targets/${targetId}/findings/fp-order/resolve`, { token: exporter });
    expect(resolved.status).toBe(200);
    await world.jira.webhooksSettled();
    // Jira's retry of the older "In Progress" delivery arrives late, under a new identifier, before the newer one.
    const late = await hook.deliver({ body: older.body, headers: { ...older.headers, 'x-atlassian-webhook-identifier': 'late-retry' } });
    expect([late.status, late.json.outcome]).toEqual([200, 'stale']);
    expect((await statusOf('fp-order')).json.status).toMatchObject({ category: 'done' });
  });
});
