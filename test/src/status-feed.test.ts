import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { exportFindingIssues, workspaces } from '@webriskops/server/schema';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';
import { webhookDelivery } from './fakes/fake-jira-workflow';

let companion: Companion;
let admin: string;
let exporter: string;
let targetId: string;
let webhookPath: string;
let secret: string;

const FINDINGS = 10;
const CATEGORIES = [
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'Done', category: 'done' },
] as const;

beforeEach(async () => {
  companion = await startCompanion();
  await prepareFirstRunForTest(companion);
  admin = await companion.token('default', 'admin');
  exporter = await companion.token('default', 'export');
  const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: 'Feed Jira' } });
  targetId = created.json.id as string;
  const hook = await companion.request('POST', `/api/v1/targets/${targetId}/status-webhook/secret`, { token: admin });
  webhookPath = new URL(hook.json.url as string).pathname;
  secret = hook.json.secret as string;
  // The finding-to-issue map as exports leave it: finding fp-i is issue SEC-i (id 2000i).
  const [workspace] = await companion.deps.store.db.select().from(workspaces).where(eq(workspaces.name, 'default'));
  const at = new Date().toISOString();
  await companion.deps.store.db.insert(exportFindingIssues).values(
    Array.from({ length: FINDINGS }, (_, i) => ({
      workspaceId: workspace!.id,
      targetId,
      fingerprint: `fp-${i}`,
      projectKey: 'SEC',
      state: 'linked' as const,
      issueId: String(20000 + i),
      issueKey: `SEC-${i}`,
      createdAt: at,
      updatedAt: at,
    })),
  );
});
afterEach(() => companion.stop());

let change = 0;
const steps = new Map<number, number>();

/** Finding `i`'s issue in the status of its `step`-th change, as Jira's webhook JSON carries it. */
function issueAt(i: number, step: number, updated: number | null) {
  const status = CATEGORIES[step % CATEGORIES.length]!;
  return {
    id: String(20000 + i),
    key: `SEC-${i}`,
    fields: {
      status: { id: status.id, name: status.name, statusCategory: { key: status.category } },
      resolution: status.category === 'done' ? { id: '10000', name: 'Done' } : null,
      ...(updated === null ? {} : { updated: new Date(Date.UTC(2026, 10, 30, 0, 0, 0, updated)).toISOString().replace('Z', '+0000') }),
    },
  };
}

/** One signed Jira webhook that moves finding `i` to its next status category (always a change). */
async function changeStatus(i: number) {
  change += 1;
  const step = (steps.get(i) ?? 0) + 1;
  steps.set(i, step);
  const issue = issueAt(i, step, change);
  const delivery = webhookDelivery('jira:issue_updated', issue, secret, new Date());
  const answer = await companion.request('POST', webhookPath, { rawBody: delivery.body, headers: delivery.headers });
  expect(answer.json.outcome).toBe('changed');
}

describe('the issue events feed', () => {
  it('pages 1,000 status events without loss or repetition, including events appended while paging', async () => {
    for (let n = 0; n < 900; n += 1) await changeStatus(n % FINDINGS);
    const seen: number[] = [];
    let cursor = 0;
    let appended = 0;
    for (let page = 0; page < 100; page += 1) {
      const answer = await companion.request('GET', `/api/v1/targets/${targetId}/issue-events?after=${cursor}&limit=97`, { token: exporter });
      expect(answer.status).toBe(200);
      const events = answer.json.events as { cursor: number; fingerprint: string }[];
      seen.push(...events.map((event) => event.cursor));
      cursor = answer.json.next_cursor as number;
      // While the job pages, Jira keeps talking: 25 more changes after each of the first four pages.
      if (page < 4) for (let k = 0; k < 25; k += 1, appended += 1) await changeStatus(k % FINDINGS);
      if (events.length === 0) break;
    }
    expect(appended).toBe(100);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    // Nothing new: the same cursor comes back and no event repeats.
    const idle = await companion.request('GET', `/api/v1/targets/${targetId}/issue-events?after=${cursor}`, { token: exporter });
    expect(idle.json).toMatchObject({ events: [], next_cursor: cursor });
  });

  it('keeps one event per change, not per delivery, and scopes the feed to the workspace', async () => {
    await changeStatus(0);
    const before = (await companion.request('GET', `/api/v1/targets/${targetId}/issue-events`, { token: exporter })).json.events.length;
    // The same status told again by another delivery (a new identifier) is no new event.
    const again = webhookDelivery('jira:issue_updated', issueAt(0, steps.get(0)!, null), secret, new Date());
    const answer = await companion.request('POST', webhookPath, { rawBody: again.body, headers: again.headers });
    expect(answer.json.outcome).toBe('unchanged');
    expect((await companion.request('GET', `/api/v1/targets/${targetId}/issue-events`, { token: exporter })).json.events).toHaveLength(before);

    await companion.cli(['workspace', 'create', 'other']);
    const stranger = await companion.token('other', 'export');
    expect((await companion.request('GET', `/api/v1/targets/${targetId}/issue-events`, { token: stranger })).status).toBe(404);
    expect((await companion.request('GET', `/api/v1/targets/${targetId}/findings/fp-0`, { token: stranger })).status).toBe(404);
  });
});
