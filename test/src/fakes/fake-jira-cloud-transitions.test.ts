import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAtlassianCloud, type FakeAtlassianCloud } from './fake-atlassian-cloud';
import { useCloudWorkflow } from './fake-jira-cloud-transitions';
import { checkJiraCloudAnswer } from './jira-cloud-spec-check';
import { requestOverLoopback, type LoopbackResponse } from './loopback-https';

let cloud: FakeAtlassianCloud;
let token: string;

beforeAll(async () => {
  cloud = await startFakeAtlassianCloud();
  token = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId });
});
afterAll(() => cloud.close());

const jira = (path: string) => `/ex/jira/${cloud.defaults.site.cloudId}/rest/api/3${path}`;

// Tests read answers loosely and assert their shape, as the companion harness does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const body = (response: LoopbackResponse) => response.json as Record<string, any>;

/** Calls the gateway as the member and checks the answer against the Cloud OpenAPI document. */
async function call(method: string, path: string, payload?: unknown): Promise<LoopbackResponse> {
  const answer = await requestOverLoopback(
    { baseUrl: cloud.urls.api, ca: cloud.ca },
    { method, path: jira(path), token, ...(payload !== undefined ? { body: payload } : {}) },
  );
  // The document declares a JSON body for doTransition's 204; Jira sends none, so that answer is not body-checked.
  if (answer.status === 204) return answer;
  const result = await checkJiraCloudAnswer(method, jira(path), answer);
  expect(result.errors, `${method} ${path} -> ${answer.status}`).toEqual([]);
  return answer;
}

describe('workflow and transitions (Cloud REST v3)', () => {
  it('lists transitions with their screens, moves an issue to Done with a resolution and back', async () => {
    const created = await call('POST', '/issue', { fields: { project: { key: 'SEC' }, issuetype: { id: '10004' }, summary: 'A finding' } });
    const key = body(created).key as string;
    const listed = await call('GET', `/issue/${key}/transitions?expand=transitions.fields`);
    expect(body(listed).transitions.map((t: { name: string }) => t.name)).toEqual(['Start Progress', 'Done']);
    expect(body(listed).transitions[1].fields.resolution).toMatchObject({ required: true, hasDefaultValue: false, key: 'resolution' });
    const refused = await call('POST', `/issue/${key}/transitions`, { transition: { id: '31' } });
    expect([refused.status, body(refused).errors]).toEqual([400, { resolution: 'Resolution is required.' }]);
    expect((await call('POST', `/issue/${key}/transitions`, { transition: { id: '31' }, fields: { resolution: { id: '10000' } } })).status).toBe(204);
    const done = await call('GET', `/issue/${key}?fields=status,resolution`);
    expect(body(done).fields).toMatchObject({ status: { name: 'Done', statusCategory: { key: 'done' } }, resolution: { name: 'Done' } });
    await call('POST', `/issue/${key}/transitions`, { transition: { id: '41' } });
    expect(body(await call('GET', `/issue/${key}?fields=status,resolution`)).fields).toMatchObject({ status: { name: 'To Do' } });
    expect(body(await call('GET', `/issue/${key}?fields=resolution`)).fields.resolution).toBeUndefined();
    useCloudWorkflow(cloud.defaults.site, 'no-done');
    expect(body(await call('GET', `/issue/${key}/transitions`)).transitions.map((t: { name: string }) => t.name)).toEqual(['Start Progress']);
    useCloudWorkflow(cloud.defaults.site, 'standard');
  });
});
