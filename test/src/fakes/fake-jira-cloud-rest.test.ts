import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAtlassianCloud, type FakeAtlassianCloud } from './fake-atlassian-cloud';
import { checkJiraCloudAnswer } from './jira-cloud-spec-check';
import { requestOverLoopback, type LoopbackResponse } from './loopback-https';

let cloud: FakeAtlassianCloud;
let token: string;
let now = Date.UTC(2026, 7, 1, 12, 0, 0);

beforeAll(async () => {
  cloud = await startFakeAtlassianCloud({ now: () => now });
  cloud.addProject(cloud.defaults.site.cloudId, {
    key: 'REQ',
    name: 'Required things',
    issueTypes: [
      {
        id: '10010',
        name: 'Finding',
        extraFields: [
          {
            fieldId: 'customfield_10050',
            name: 'CVSS',
            required: true,
            kind: 'number',
            schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10050 },
            operations: ['set'],
          },
          {
            fieldId: 'customfield_10060',
            name: 'Environment tier',
            required: false,
            kind: 'option',
            schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10060 },
            operations: ['set'],
            allowedValues: [{ id: '10200', value: 'prod' }],
          },
        ],
      },
    ],
  });
  token = cloud.issueAccessToken({ accountId: cloud.defaults.member.accountId });
});
afterAll(() => cloud.close());

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const jira = (path: string) => `/ex/jira/${cloud.defaults.site.cloudId}/rest/api/3${path}`;

/** Calls the gateway as the member and checks the answer against the Cloud OpenAPI document. */
async function call(method: string, path: string, body?: unknown, options: { validate?: boolean; token?: string } = {}): Promise<LoopbackResponse> {
  const answer = await requestOverLoopback(
    { baseUrl: cloud.urls.api, ca: cloud.ca },
    { method, path: jira(path), token: options.token ?? token, ...(body !== undefined ? { body } : {}) },
  );
  if (options.validate !== false) {
    const result = await checkJiraCloudAnswer(method, jira(path), answer);
    expect(result.errors, `${method} ${path} -> ${answer.status}`).toEqual([]);
  }
  return answer;
}

async function createIssue(fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return call('POST', '/issue', { fields: { project: { key: 'SEC' }, issuetype: { id: '10004' }, summary: 'Reflected XSS on /search', ...fields }, ...extra });
}

describe('fake Jira Cloud: metadata', () => {
  it('GET /project/search lists visible projects as a PageBeanProject', async () => {
    const page = await call('GET', '/project/search?action=create');
    expect(page.json).toMatchObject({
      startAt: 0,
      maxResults: 50,
      total: 2,
      isLast: true,
      values: [{ key: 'REQ' }, { key: 'SEC', name: 'Security', self: expect.stringContaining(`/ex/jira/${cloud.defaults.site.cloudId}/rest/api/3/project/`) }],
    });
    expect((await call('GET', '/project/search?keys=SEC')).json).toMatchObject({ total: 1, values: [{ key: 'SEC' }] });
    const paged = await call('GET', '/project/search?maxResults=1');
    expect(paged.json).toMatchObject({ isLast: false, nextPage: expect.stringContaining('startAt=1') });
  });

  it('GET /issue/createmeta/{p}/issuetypes and /issuetypes/{id}: issue types, fields and allowed priorities', async () => {
    const types = await call('GET', '/issue/createmeta/SEC/issuetypes');
    expect(types.json).toMatchObject({
      startAt: 0,
      total: 2,
      issueTypes: [
        { id: '10004', name: 'Bug', subtask: false },
        { id: '10002', name: 'Task' },
      ],
    });
    const fields = await call('GET', '/issue/createmeta/SEC/issuetypes/10004');
    const byId = Object.fromEntries((fields.json as { fields: { fieldId: string }[] }).fields.map((field) => [field.fieldId, field]));
    expect(Object.keys(byId)).toEqual(['project', 'issuetype', 'summary', 'description', 'priority', 'labels', 'components']);
    expect(byId.summary).toMatchObject({ required: true, hasDefaultValue: false, operations: ['set'] });
    expect(byId.priority).toMatchObject({ hasDefaultValue: true, defaultValue: { id: '3', name: 'Medium' } });
    expect((byId.priority as unknown as { allowedValues: { id: string; name: string }[] }).allowedValues.map((value) => `${value.id}:${value.name}`)).toEqual([
      '1:Highest',
      '2:High',
      '3:Medium',
      '4:Low',
      '5:Lowest',
    ]);
    const custom = await call('GET', '/issue/createmeta/REQ/issuetypes/10010');
    expect((custom.json as { fields: { fieldId: string; required: boolean }[] }).fields.find((field) => field.fieldId === 'customfield_10050')).toMatchObject({
      required: true,
      schema: { type: 'number', customId: 10050 },
    });
  });

  it('createmeta refuses unknown projects, unknown issue types and maxResults over 200 with 400', async () => {
    expect((await call('GET', '/issue/createmeta/NOPE/issuetypes')).json).toEqual({
      errorMessages: ["No project could be found with key 'NOPE'."],
      errors: {},
    });
    expect((await call('GET', '/issue/createmeta/SEC/issuetypes/999')).status).toBe(400);
    expect((await call('GET', '/issue/createmeta/SEC/issuetypes?maxResults=201')).status).toBe(400);
  });

  it('a user without CREATE_ISSUES sees no issue types', async () => {
    const reader = cloud.addUser({ email: 'reader@acme.test', projectPermissions: ['BROWSE_PROJECTS'] });
    const readerToken = cloud.issueAccessToken({ accountId: reader.accountId });
    expect((await call('GET', '/issue/createmeta/SEC/issuetypes', undefined, { token: readerToken })).json).toMatchObject({ issueTypes: [], total: 0 });
    expect((await call('GET', '/project/search?action=create', undefined, { token: readerToken })).json).toMatchObject({ total: 0 });
  });

  it('GET /mypermissions: 400 without permissions or with an unknown key, 404 for an unknown project', async () => {
    expect((await call('GET', '/mypermissions')).status).toBe(400);
    expect((await call('GET', '/mypermissions?permissions=BROWSE')).status).toBe(400);
    expect((await call('GET', '/mypermissions?permissions=BROWSE_PROJECTS&projectKey=NOPE')).status).toBe(404);
    const ok = await call('GET', '/mypermissions?permissions=BROWSE_PROJECTS,CREATE_ISSUES,EDIT_ISSUES&projectKey=SEC');
    expect(ok.json).toEqual({
      permissions: {
        BROWSE_PROJECTS: {
          id: '10',
          key: 'BROWSE_PROJECTS',
          name: 'Browse Projects',
          type: 'PROJECT',
          description: 'Ability to browse projects and the issues within them.',
          havePermission: true,
        },
        CREATE_ISSUES: {
          id: '11',
          key: 'CREATE_ISSUES',
          name: 'Create Issues',
          type: 'PROJECT',
          description: 'Ability to create issues.',
          havePermission: true,
        },
        EDIT_ISSUES: { id: '12', key: 'EDIT_ISSUES', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.', havePermission: true },
      },
    });
  });

  it('GET /serverInfo answers Cloud with the site URL', async () => {
    expect((await call('GET', '/serverInfo')).json).toMatchObject({ deploymentType: 'Cloud', baseUrl: cloud.siteUrl(cloud.defaults.site.cloudId) });
  });
});

describe('fake Jira Cloud: create, read and edit issues', () => {
  it('POST /issue with an ADF description answers 201 {id, key, self} and applies the default priority', async () => {
    const created = await createIssue(
      { description: adf('Found by WebRiskOps'), labels: ['webriskops', 'webriskops-3f9a2c1d'], priority: { id: '2' } },
      { properties: [{ key: 'webriskops', value: { findingId: 'F-1' } }] },
    );
    expect(created.status).toBe(201);
    const { id, key, self } = created.json as { id: string; key: string; self: string };
    expect(key).toMatch(/^SEC-\d+$/);
    expect(self).toBe(`${cloud.urls.api}/ex/jira/${cloud.defaults.site.cloudId}/rest/api/3/issue/${id}`);
    const read = await call('GET', `/issue/${key}?fields=summary,priority,labels,status,description&properties=webriskops`);
    expect(read.json).toMatchObject({
      id,
      key,
      fields: {
        summary: 'Reflected XSS on /search',
        priority: { id: '2', name: 'High' },
        labels: ['webriskops', 'webriskops-3f9a2c1d'],
        status: { statusCategory: { key: 'new' } },
        description: adf('Found by WebRiskOps'),
      },
      properties: { webriskops: { findingId: 'F-1' } },
    });
    const defaulted = await createIssue({});
    const defaultedKey = (defaulted.json as { key: string }).key;
    expect((await call('GET', `/issue/${defaultedKey}?fields=priority`)).json).toMatchObject({ fields: { priority: { id: '3', name: 'Medium' } } });
  });

  it('a plain-string description is refused with the ADF error body, exactly', async () => {
    const answer = await createIssue({ description: 'plain text' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { description: 'Operation value must be an Atlassian Document' } });
  });

  it('names missing required fields, invalid priorities, fields not on the screen and bad labels', async () => {
    const missing = await call('POST', '/issue', { fields: { project: { key: 'REQ' }, issuetype: { id: '10010' } } });
    expect(missing.json).toEqual({
      errorMessages: [],
      errors: { summary: 'You must specify a summary of the issue.', customfield_10050: 'CVSS is required.' },
    });
    expect((await createIssue({ priority: { id: '99' } })).json).toEqual({
      errorMessages: [],
      errors: { priority: "Specify a valid 'id' or 'name' for Priority" },
    });
    expect((await createIssue({ customfield_99999: 'x' })).json).toEqual({
      errorMessages: [],
      errors: { customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown." },
    });
    expect((await createIssue({ labels: ['has space'] })).status).toBe(400);
    expect((await createIssue({}, {})).status).toBe(201);
    expect((await call('POST', '/issue', { fields: { project: { key: 'NOPE' }, issuetype: { id: '10004' }, summary: 'x' } })).json).toEqual({
      errorMessages: [],
      errors: { project: 'valid project is required' },
    });
    expect((await call('POST', '/issue', { fields: { project: { key: 'SEC' }, issuetype: { id: '1' }, summary: 'x' } })).json).toEqual({
      errorMessages: [],
      errors: { issuetype: 'The issue type selected is invalid.' },
    });
    const options = await call('POST', '/issue', {
      fields: { project: { key: 'REQ' }, issuetype: { id: '10010' }, summary: 'x', customfield_10050: 7.4, customfield_10060: { value: 'prod' } },
    });
    expect(options.status).toBe(201);
  });

  it('PUT /issue/{key} edits fields and labels (204), refuses a string description, 404 for unknown issues', async () => {
    const { key } = (await createIssue({ labels: ['a'] })).json as { key: string };
    const edit = await call(
      'PUT',
      `/issue/${key}`,
      { fields: { priority: { id: '1' }, description: adf('updated') }, update: { labels: [{ add: 'b' }, { remove: 'a' }] } },
      { validate: false },
    );
    expect(edit).toMatchObject({ status: 204, text: '' });
    expect((await call('GET', `/issue/${key}?fields=priority,labels`)).json).toMatchObject({ fields: { priority: { id: '1' }, labels: ['b'] } });
    expect((await call('PUT', `/issue/${key}`, { fields: { description: 'plain' } })).json).toEqual({
      errors: { description: 'Operation value must be an Atlassian Document' },
    });
    expect((await call('PUT', `/issue/${key}?returnIssue=true`, { fields: { summary: 'renamed' } })).json).toMatchObject({
      key,
      fields: { summary: 'renamed' },
    });
    expect((await call('GET', '/issue/SEC-99999')).json).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
    expect((await call('PUT', '/issue/SEC-99999', { fields: {} })).status).toBe(404);
  });

  it('issue properties: 201 created, 200 updated, read back, listed, deleted', async () => {
    const { key } = (await createIssue({})).json as { key: string };
    // The spec declares a JSON body for these 200/201 answers; Jira sends none, so they are not body-checked.
    expect((await call('PUT', `/issue/${key}/properties/webriskops`, { fingerprint: 'abc' }, { validate: false })).status).toBe(201);
    expect((await call('PUT', `/issue/${key}/properties/webriskops`, { fingerprint: 'def' }, { validate: false })).status).toBe(200);
    expect((await call('GET', `/issue/${key}/properties/webriskops`)).json).toEqual({ key: 'webriskops', value: { fingerprint: 'def' } });
    expect((await call('GET', `/issue/${key}/properties`)).json).toMatchObject({ keys: [{ key: 'webriskops' }] });
    expect((await call('DELETE', `/issue/${key}/properties/webriskops`, undefined, { validate: false })).status).toBe(204);
    expect((await call('GET', `/issue/${key}/properties/webriskops`)).status).toBe(404);
  });

  it('anonymous callers on the site cannot create (401) and see nothing', async () => {
    const siteUrl = cloud.siteUrl(cloud.defaults.site.cloudId);
    const create = await requestOverLoopback({ baseUrl: siteUrl, ca: cloud.ca }, { method: 'POST', path: '/rest/api/3/issue', body: { fields: {} } });
    expect(create.status).toBe(401);
    const search = await requestOverLoopback(
      { baseUrl: siteUrl, ca: cloud.ca },
      { method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'project = SEC' } },
    );
    expect(search.json).toEqual({ issues: [], isLast: true });
  });

  it('concurrent creates get distinct ids and keys', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => createIssue({ summary: `parallel ${index}` })));
    const keys = answers.map((answer) => (answer.json as { key: string }).key);
    expect(new Set(keys).size).toBe(40);
  });
});

describe('fake Jira Cloud: JQL search', () => {
  it('POST and GET /search/jql find issues by label and project, with requested fields and properties', async () => {
    const label = `webriskops-${Date.now().toString(16)}`;
    const { key } = (await createIssue({ labels: [label] }, { properties: [{ key: 'webriskops', value: { fingerprint: label } }] })).json as { key: string };
    const post = await call('POST', '/search/jql', {
      jql: `project = SEC AND labels = "${label}" ORDER BY created DESC`,
      fields: ['key', 'status', 'labels'],
      properties: ['webriskops'],
      maxResults: 10,
    });
    expect(post.json).toMatchObject({
      isLast: true,
      issues: [{ key, fields: { labels: [label], status: { name: 'To Do' } }, properties: { webriskops: { fingerprint: label } } }],
    });
    expect(post.json).not.toHaveProperty('total');
    const get = await call('GET', `/search/jql?jql=${encodeURIComponent(`labels in ("${label}", other) AND project = SEC`)}&fields=summary`);
    expect((get.json as { issues: { key: string }[] }).issues.map((issue) => issue.key)).toEqual([key]);
  });

  it('refuses unbounded JQL and unknown fields with 400, and the removed /search with 410', async () => {
    expect((await call('POST', '/search/jql', { jql: 'ORDER BY created DESC' })).json).toEqual({
      errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      errors: {},
    });
    expect((await call('POST', '/search/jql', {})).status).toBe(400);
    expect((await call('POST', '/search/jql', { jql: 'foo = bar' })).json).toEqual({
      errorMessages: ["Field 'foo' does not exist or you do not have permission to view it."],
      errors: {},
    });
    const removed = await call('POST', '/search', { jql: 'project = SEC' }, { validate: false });
    expect(removed.status).toBe(410);
  });

  it('pages with nextPageToken', async () => {
    const label = `paged-${Date.now().toString(16)}`;
    for (let index = 0; index < 3; index += 1) await createIssue({ labels: [label] });
    const first = (await call('POST', '/search/jql', { jql: `labels = ${label}`, maxResults: 2 })).json as {
      issues: unknown[];
      isLast: boolean;
      nextPageToken: string;
    };
    expect(first.issues).toHaveLength(2);
    expect(first.isLast).toBe(false);
    const second = (await call('GET', `/search/jql?jql=labels%20%3D%20${label}&maxResults=2&nextPageToken=${first.nextPageToken}`)).json as {
      issues: unknown[];
      isLast: boolean;
    };
    expect(second).toMatchObject({ isLast: true });
    expect(second.issues).toHaveLength(1);
  });

  it('honours the configured index lag unless the issue is reconciled', async () => {
    cloud.state.searchLagMs = 5_000;
    const label = `lagging-${Date.now().toString(16)}`;
    const { id } = (await createIssue({ labels: [label] })).json as { id: string };
    expect((await call('POST', '/search/jql', { jql: `labels = ${label}` })).json).toMatchObject({ issues: [] });
    expect((await call('POST', '/search/jql', { jql: `labels = ${label}`, reconcileIssues: [Number(id)] })).json).toMatchObject({ issues: [{ id }] });
    now += 5_000;
    expect((await call('POST', '/search/jql', { jql: `labels = ${label}` })).json).toMatchObject({ issues: [{ id }] });
    cloud.state.searchLagMs = 0;
  });
});
