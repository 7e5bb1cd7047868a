import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates } from '../support/test-ca';
import { type FakeJiraDc, startFakeJiraDc } from './fake-jira-dc';
import { type LoopbackResponse, requestOverLoopback } from './loopback-https';
import { createResponseValidator, JIRA_DC_SPEC_DEFECTS, loadOpenApiDocument, type ResponseValidator } from './openapi-response-validator';
import type { FakeWebhookDelivery } from './fake-jira-workflow';

const HOST = 'jira.acme.test';
const SPEC = new URL('../../fixtures/atlassian-specs/jira-dc-10.3-openapi.json', import.meta.url).pathname;

let fake: FakeJiraDc;
let spec: ResponseValidator;
let token: string;

beforeAll(async () => {
  spec = createResponseValidator(await loadOpenApiDocument(SPEC), JIRA_DC_SPEC_DEFECTS);
  fake = await startFakeJiraDc({ hostname: HOST, contextPath: '/jira', certificates: await createTestCertificates({ dnsNames: [HOST] }) });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

type Init = { method?: string; path: string; body?: unknown };

/** Calls the fake with a PAT and checks the answer against the Data Center 10.3 OpenAPI document. */
async function conforming(init: Init): Promise<LoopbackResponse> {
  const response = await requestOverLoopback(fake, { ...init, token });
  const verdict = spec.validate({
    method: init.method ?? 'GET',
    path: init.path,
    status: response.status,
    body: response.json ?? (response.text === '' ? undefined : response.text),
  });
  expect(verdict.errors, `${init.method ?? 'GET'} ${init.path} → ${response.status}`).toEqual([]);
  return response;
}

const api = (resource: string) => `/rest/api/2/${resource}`;

// Tests read answers loosely and assert their shape, as the companion harness does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const body = (response: LoopbackResponse) => response.json as Record<string, any>;

async function createIssue(): Promise<string> {
  token = fake.issuePat();
  const created = await conforming({
    method: 'POST',
    path: api('issue'),
    body: { fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'A finding', labels: ['webriskops-fp1'] } },
  });
  return body(created).key as string;
}

describe('workflow and transitions (Data Center 10.3)', () => {
  it('lists the transitions from the current status with their screens, as the OpenAPI document describes them', async () => {
    const key = await createIssue();
    const listed = await conforming({ path: api(`issue/${key}/transitions?expand=transitions.fields`) });
    expect(body(listed).transitions.map((t: { name: string; to: { statusCategory: { key: string } } }) => `${t.name}:${t.to.statusCategory.key}`)).toEqual([
      'Start Progress:indeterminate',
      'Done:done',
    ]);
    expect(body(listed).transitions[1].fields.resolution).toMatchObject({ required: true, hasDefaultValue: false });
  });

  it('moves an issue through a transition, sets the resolution on done and clears it on reopen', async () => {
    const key = await createIssue();
    const refused = await conforming({ method: 'POST', path: api(`issue/${key}/transitions`), body: { transition: { id: '31' } } });
    expect(refused.status).toBe(400);
    expect(body(refused).errors).toEqual({ resolution: 'Resolution is required.' });
    const moved = await conforming({
      method: 'POST',
      path: api(`issue/${key}/transitions`),
      body: { transition: { id: '31' }, fields: { resolution: { id: '10001' } } },
    });
    expect(moved.status).toBe(204);
    const issue = await conforming({ path: api(`issue/${key}?fields=status,resolution`) });
    expect(body(issue).fields).toMatchObject({ status: { name: 'Done', statusCategory: { key: 'done' } }, resolution: { name: "Won't Do" } });
    await conforming({ method: 'POST', path: api(`issue/${key}/transitions`), body: { transition: { id: '41' } } });
    expect(body(await conforming({ path: api(`issue/${key}?fields=status,resolution`) })).fields).toMatchObject({
      status: { name: 'To Do' },
      resolution: null,
    });
  });

  it('offers no transition to done in the no-done workflow, and none at all without Transition Issues', async () => {
    const key = await createIssue();
    fake.useWorkflow('no-done');
    expect(body(await conforming({ path: api(`issue/${key}/transitions`) })).transitions.map((t: { name: string }) => t.name)).toEqual(['Start Progress']);
    token = fake.issuePat({ permissions: { TRANSITION_ISSUES: false } });
    expect(body(await conforming({ path: api(`issue/${key}/transitions`) })).transitions).toEqual([]);
  });

  it('searches by updated >= a relative time', async () => {
    await createIssue();
    const recent = await conforming({ path: api(`search?jql=${encodeURIComponent('labels in ("webriskops-fp1") AND updated >= "-5m"')}&fields=status`) });
    expect(body(recent).total).toBe(1);
    expect(body(recent).issues[0].fields.status.statusCategory.key).toBe('new');
  });
});

describe('admin webhooks', () => {
  it('delivers jira:issue_updated and jira:issue_deleted, signed as Jira signs them, each with its own identifier', async () => {
    const key = await createIssue();
    const received: FakeWebhookDelivery[] = [];
    fake.registerWebhook({ secret: 'the-secret', deliver: async (delivery) => received.push(delivery) });
    fake.registerWebhook({ secret: null, deliver: async (delivery) => received.push(delivery) });
    await fake.transitionIssue(key, 'done');
    await fake.deleteIssue(key);
    expect(received.map((delivery) => JSON.parse(delivery.body).webhookEvent)).toEqual([
      'jira:issue_updated',
      'jira:issue_updated',
      'jira:issue_deleted',
      'jira:issue_deleted',
    ]);
    const [signed, unsigned] = received;
    expect(signed!.headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', 'the-secret').update(signed!.body).digest('hex')}`);
    expect(unsigned!.headers['x-hub-signature']).toBeUndefined();
    expect(new Set(received.map((delivery) => delivery.headers['x-atlassian-webhook-identifier'])).size).toBe(4);
    expect(JSON.parse(signed!.body).issue).toMatchObject({ key, fields: { status: { statusCategory: { key: 'done' } }, resolution: { name: 'Done' } } });
  });
});
