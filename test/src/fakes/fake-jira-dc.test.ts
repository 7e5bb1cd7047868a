import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates } from '../support/test-ca';
import { type FakeJiraDc, startFakeJiraDc } from './fake-jira-dc';
import { type LoopbackResponse, requestOverLoopback } from './loopback-https';
import { createResponseValidator, JIRA_DC_SPEC_DEFECTS, loadOpenApiDocument, type ResponseValidator } from './openapi-response-validator';

const HOST = 'jira.acme.test';
const SPEC = new URL('../../fixtures/atlassian-specs/jira-dc-10.3-openapi.json', import.meta.url).pathname;

let fake: FakeJiraDc;
let spec: ResponseValidator;

beforeAll(async () => {
  spec = createResponseValidator(await loadOpenApiDocument(SPEC), JIRA_DC_SPEC_DEFECTS);
  fake = await startFakeJiraDc({ hostname: HOST, contextPath: '/jira', certificates: await createTestCertificates({ dnsNames: [HOST] }) });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

type Init = { method?: string; path: string; token?: string; body?: unknown; headers?: Record<string, string> };

const call = (init: Init) => requestOverLoopback(fake, init);

/** Calls the fake and checks the answer against the Data Center 10.3 OpenAPI document. */
async function conforming(init: Init): Promise<LoopbackResponse> {
  const response = await call(init);
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

const createBody = (overrides: Record<string, unknown> = {}) => ({
  fields: {
    project: { key: 'SEC' },
    issuetype: { id: '10002' },
    summary: '[WebRiskOps] Reflected XSS on /search (high)',
    description: 'h2. Finding\nReflected XSS.',
    priority: { id: '2' },
    labels: ['webriskops', 'webriskops-3f9a2c1d'],
    ...overrides,
  },
  properties: [{ key: 'webriskops', value: { fingerprint: '3f9a2c1d' } }],
});

describe('transport', () => {
  it('serves HTTPS for its hostname under the context path, trusted only through its CA', async () => {
    expect(fake.baseUrl).toBe(`https://${HOST}:${fake.port}/jira`);
    expect(fake.ca).toContain('BEGIN CERTIFICATE');
    const other = await createTestCertificates({ dnsNames: [HOST] });
    await expect(requestOverLoopback({ baseUrl: fake.baseUrl, ca: other.ca }, { path: api('serverInfo') })).rejects.toThrow(/certificate/i);
    await expect(requestOverLoopback({ baseUrl: `https://other.acme.test:${fake.port}/jira`, ca: fake.ca }, { path: api('serverInfo') })).rejects.toThrow(
      /altnames|certificate/i,
    );
  });

  it('answers 404 outside the context path and for unknown resources, 405 for a wrong method, and serves /rest/api/latest', async () => {
    const outside = await requestOverLoopback({ baseUrl: `https://${HOST}:${fake.port}`, ca: fake.ca }, { path: api('serverInfo') });
    expect(outside.status).toBe(404);
    expect((await call({ path: api('nothing-here') })).json).toMatchObject({ 'status-code': 404 });
    expect((await call({ method: 'DELETE', path: api('serverInfo') })).status).toBe(405);
    expect((await call({ path: '/rest/api/latest/serverInfo' })).status).toBe(200);
  });
});

describe('identity and server info', () => {
  it('answers serverInfo anonymously with its own base URL, DC 10.3 version numbers and deploymentType Server', async () => {
    const response = await conforming({ path: api('serverInfo') });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      baseUrl: fake.baseUrl,
      version: '10.3.4',
      versionNumbers: [10, 3, 4],
      deploymentType: 'Server',
      buildNumber: 10030004,
      serverTitle: 'Acme Jira',
    });
    expect(response.headers['x-ausername']).toBe('anonymous');
    expect(response.headers['x-seraph-loginreason']).toBeUndefined();
  });

  it('reports another baseUrl, deploymentType or version when told', async () => {
    fake.behave({ reportedBaseUrl: 'https://jira.elsewhere.test', deploymentType: 'DataCenter', version: '10.3.12' });
    expect((await conforming({ path: api('serverInfo') })).json).toMatchObject({
      baseUrl: 'https://jira.elsewhere.test',
      deploymentType: 'DataCenter',
      versionNumbers: [10, 3, 12],
    });
  });

  it('issues PATs shaped like Data Center ones and names their user on /myself', async () => {
    const pat = fake.issuePat({ user: 'risk-bot' });
    expect(pat).toMatch(/^[A-Za-z0-9+/]{44}$/);
    expect(Buffer.from(pat, 'base64').toString('latin1')).toMatch(/^\d{12}:/);
    expect(fake.issuePat()).not.toBe(pat);
    const response = await conforming({ path: api('myself'), token: pat });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ name: 'risk-bot', active: true, self: `${fake.baseUrl}/rest/api/2/user?username=risk-bot` });
    expect(response.headers).toMatchObject({ 'x-ausername': 'risk-bot', 'x-seraph-loginreason': 'OK' });
  });

  it('answers /myself 401 to an anonymous caller', async () => {
    const response = await conforming({ path: api('myself') });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
    expect(response.headers['x-seraph-loginreason']).toBeUndefined();
  });

  it('refuses an unknown, a revoked or (when told) any PAT with 401 everywhere, serverInfo included', async () => {
    const pat = fake.issuePat();
    expect((await call({ path: api('myself'), token: pat })).status).toBe(200);
    fake.revokePat(pat);
    for (const token of [pat, 'bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtMTIzNDU2Nzg5MA==']) {
      for (const resource of ['myself', 'serverInfo', 'mypermissions']) {
        const refused = await call({ path: api(resource), token });
        expect(refused.status, resource).toBe(401);
        expect(refused.json).toEqual({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
        expect(refused.headers).toMatchObject({ 'x-seraph-loginreason': 'AUTHENTICATED_FAILED', 'x-ausername': 'anonymous' });
        expect(refused.headers['www-authenticate']).toContain('OAuth realm=');
      }
    }
    const fresh = fake.issuePat();
    fake.behave({ refuseTokens: true });
    expect((await conforming({ path: api('myself'), token: fresh })).status).toBe(401);
    fake.behave({ refuseTokens: false });
    expect((await call({ path: api('myself'), token: fresh })).status).toBe(200);
  });

  it('answers anonymous-capable resources 200 as anonymous with the Seraph header when told, /myself still 401', async () => {
    const pat = fake.issuePat();
    fake.behave({ anonymousWithSeraph: true });
    const info = await conforming({ path: api('serverInfo'), token: pat });
    expect(info.status).toBe(200);
    expect(info.headers).toMatchObject({ 'x-seraph-loginreason': 'AUTHENTICATED_FAILED', 'x-ausername': 'anonymous' });
    const permissions = await conforming({ path: `${api('mypermissions')}?permissions=BROWSE_PROJECTS,CREATE_ISSUES,EDIT_ISSUES`, token: pat });
    expect(permissions.status).toBe(200);
    expect(permissions.headers['x-seraph-loginreason']).toBe('AUTHENTICATED_FAILED');
    expect(Object.values((permissions.json as { permissions: Record<string, { havePermission: boolean }> }).permissions).every((p) => !p.havePermission)).toBe(
      true,
    );
    const myself = await call({ path: api('myself'), token: pat });
    expect(myself.status).toBe(401);
    fake.behave({ anonymousWithSeraph: 'also-myself' });
    const cached = await conforming({ path: api('myself'), token: pat });
    expect(cached.status).toBe(200);
    expect(cached.headers).toMatchObject({ 'x-seraph-loginreason': 'AUTHENTICATED_FAILED', 'x-ausername': 'anonymous' });
    expect((await call({ path: api('myself') })).status).toBe(401);
  });

  it('treats bad Basic credentials as Seraph does: anonymous 200 with AUTHENTICATED_FAILED where anonymous may read', async () => {
    const basic = { authorization: `Basic ${Buffer.from('fred:wrong').toString('base64')}` };
    const info = await call({ path: api('serverInfo'), headers: basic });
    expect(info.status).toBe(200);
    expect(info.headers['x-seraph-loginreason']).toBe('AUTHENTICATED_FAILED');
    expect((await call({ path: api('myself'), headers: basic })).status).toBe(401);
  });

  it('demands a CAPTCHA from requests carrying credentials when told, leaving anonymous ones alone', async () => {
    const pat = fake.issuePat();
    fake.behave({ captcha: true });
    const denied = await call({ path: api('myself'), token: pat });
    expect(denied.status).toBe(403);
    expect(denied.headers['x-seraph-loginreason']).toBe('AUTHENTICATION_DENIED');
    expect(denied.headers['x-authentication-denied-reason']).toBe(`CAPTCHA_CHALLENGE; login-url=${fake.baseUrl}/login.jsp`);
    expect((await call({ path: api('serverInfo') })).status).toBe(200);
  });
});

describe('permissions', () => {
  type Permissions = { permissions: Record<string, { havePermission: boolean }> };
  const have = (response: LoopbackResponse) =>
    Object.fromEntries(Object.entries((response.json as Permissions).permissions).map(([key, value]) => [key, value.havePermission]));

  it('lists every permission in the Jira shape, per PAT', async () => {
    const pat = fake.issuePat({ permissions: { CREATE_ISSUES: false } });
    const response = await conforming({ path: `${api('mypermissions')}?projectKey=SEC&permissions=CREATE_ISSUES`, token: pat });
    const body = response.json as Permissions;
    expect(body.permissions.CREATE_ISSUES).toEqual({
      id: '11',
      key: 'CREATE_ISSUES',
      name: 'Create Issues',
      type: 'PROJECT',
      description: 'Ability to create issues.',
      havePermission: false,
    });
    expect(have(response)).toEqual({
      ADMINISTER: true,
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: false,
      EDIT_ISSUES: true,
      ADD_COMMENTS: true,
      TRANSITION_ISSUES: true,
    });
    expect((await conforming({ path: `${api('mypermissions')}?projectKey=NOPE`, token: pat })).status).toBe(404);
  });

  it('withholds a permission from every PAT when told', async () => {
    const pat = fake.issuePat();
    fake.behave({ permissions: { EDIT_ISSUES: false, ADMINISTER: false } });
    expect(have(await conforming({ path: api('mypermissions'), token: pat }))).toMatchObject({ EDIT_ISSUES: false, ADMINISTER: false, BROWSE_PROJECTS: true });
  });

  it('answers the issue resources according to the permissions', async () => {
    const full = fake.issuePat();
    const created = (await call({ method: 'POST', path: api('issue'), token: full, body: createBody() })).json as { key: string };

    const noBrowse = fake.issuePat({ permissions: { BROWSE_PROJECTS: false } });
    expect((await conforming({ path: api('project'), token: noBrowse })).json).toEqual([]);
    expect((await conforming({ path: api('issue/createmeta/SEC/issuetypes'), token: noBrowse })).status).toBe(400);
    expect((await conforming({ path: api(`issue/${created.key}`), token: noBrowse })).status).toBe(404);

    const noCreate = fake.issuePat({ permissions: { CREATE_ISSUES: false } });
    expect((await conforming({ path: api('issue/createmeta/SEC/issuetypes'), token: noCreate })).json).toMatchObject({ total: 0, values: [] });
    const refused = await conforming({ method: 'POST', path: api('issue'), token: noCreate, body: createBody() });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ errorMessages: [], errors: { project: 'You do not have permission to create issues in this project.' } });

    const noEdit = fake.issuePat({ permissions: { EDIT_ISSUES: false } });
    expect((await call({ method: 'PUT', path: api(`issue/${created.key}`), token: noEdit, body: { fields: { summary: 'x' } } })).status).toBe(403);
    expect((await conforming({ method: 'PUT', path: api(`issue/${created.key}/properties/webriskops`), token: noEdit, body: {} })).status).toBe(403);

    const noAdmin = fake.issuePat({ permissions: { ADMINISTER: false } });
    const silent = await conforming({
      method: 'PUT',
      path: `${api(`issue/${created.key}`)}?notifyUsers=false`,
      token: noAdmin,
      body: { fields: { summary: 'x' } },
    });
    expect(silent.status).toBe(403);
    expect(
      (await conforming({ method: 'PUT', path: `${api(`issue/${created.key}`)}?notifyUsers=false`, token: full, body: { fields: { summary: 'x' } } })).status,
    ).toBe(204);
  });
});

describe('network behaviours', () => {
  it('redirects serverInfo only, or every request, when told', async () => {
    fake.behave({ redirect: { location: 'https://login.elsewhere.test/jira/rest/api/2/serverInfo' } });
    const moved = await call({ path: api('serverInfo') });
    expect(moved.status).toBe(302);
    expect(moved.headers.location).toBe('https://login.elsewhere.test/jira/rest/api/2/serverInfo');
    expect((await call({ path: api('mypermissions') })).status).toBe(200);
    fake.behave({ redirect: { location: '/sso/login', status: 307, scope: 'all' } });
    const everywhere = await call({ path: api('myself'), token: fake.issuePat() });
    expect(everywhere.status).toBe(307);
    expect(everywhere.headers.location).toBe('/sso/login');
  });

  it('is slow when told', async () => {
    fake.behave({ delayMs: 300 });
    const started = Date.now();
    expect((await call({ path: api('serverInfo') })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers 5xx, with Retry-After when given, for the next N requests or until changed', async () => {
    fake.behave({ status5xx: { status: 503, retryAfterSeconds: 7, count: 2 } });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const unavailable = await call({ path: api('serverInfo') });
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers['retry-after']).toBe('7');
    }
    expect((await call({ path: api('serverInfo') })).status).toBe(200);
    fake.behave({ status5xx: { status: 500 } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const broken = await call({ path: api('serverInfo') });
      expect(broken.status).toBe(500);
      expect(broken.headers['retry-after']).toBeUndefined();
    }
    fake.behave({ status5xx: null });
    expect((await call({ path: api('serverInfo') })).status).toBe(200);
  });

  it('rate-limits the next N requests with 429 and Retry-After', async () => {
    fake.behave({ rateLimit: { count: 2, retryAfterSeconds: 3 } });
    const pat = fake.issuePat();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const limited = await call({ method: 'POST', path: api('issue'), token: pat, body: createBody() });
      expect(limited.status).toBe(429);
      expect(limited.headers).toMatchObject({ 'retry-after': '3', 'x-ratelimit-remaining': '0' });
    }
    expect((await call({ method: 'POST', path: api('issue'), token: pat, body: createBody() })).status).toBe(201);
    expect(fake.issues).toHaveLength(1);
  });
});

describe('request log', () => {
  it('records every request with method, path, query, lower-cased headers, body, time and whether it carried a token', async () => {
    const pat = fake.issuePat();
    const before = Date.now();
    await call({ path: `${api('serverInfo')}?x=1` });
    await call({ method: 'POST', path: api('search'), token: pat, body: { jql: 'labels = "a"' }, headers: { 'X-Trace': 'abc' } });
    await requestOverLoopback({ baseUrl: `https://${HOST}:${fake.port}`, ca: fake.ca }, { path: '/elsewhere' });
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/jira/rest/api/2/serverInfo', query: { x: '1' }, body: '', hasToken: false });
    expect(fake.requests[1]).toMatchObject({ method: 'POST', path: '/jira/rest/api/2/search', body: '{"jql":"labels = \\"a\\""}', hasToken: true });
    expect(fake.requests[1]?.headers).toMatchObject({ authorization: `Bearer ${pat}`, 'x-trace': 'abc', host: `${HOST}:${fake.port}` });
    expect(fake.requests[2]?.path).toBe('/elsewhere');
    expect(fake.requests.every(({ time }) => time >= before)).toBe(true);
    expect(fake.requestsWithToken()).toEqual([fake.requests[1]]);
  });

  it('records requests it refuses or delays, and reset() forgets requests, issues and behaviours but keeps PATs', async () => {
    const pat = fake.issuePat();
    fake.behave({ status5xx: { status: 503 } });
    await call({ path: api('myself'), token: pat });
    expect(fake.requestsWithToken()).toHaveLength(1);
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect(fake.behaviour.status5xx).toBeNull();
    expect((await call({ method: 'POST', path: api('issue'), token: pat, body: createBody() })).status).toBe(201);
    fake.reset();
    expect(fake.issues).toHaveLength(0);
  });
});

describe('projects and create metadata', () => {
  it('lists visible projects as a plain array and shows one project with its issue types', async () => {
    const pat = fake.issuePat();
    const projects = await conforming({ path: api('project'), token: pat });
    expect((projects.json as { key: string }[]).map(({ key }) => key)).toEqual(['SEC', 'OPS']);
    expect((await conforming({ path: api('project'), token: undefined })).json).toEqual([]);
    const project = await call({ path: api('project/SEC'), token: pat });
    expect(project.json).toMatchObject({
      key: 'SEC',
      issueTypes: [
        { id: '10002', name: 'Task' },
        { id: '1', name: 'Bug' },
      ],
    });
  });

  it('pages issue types in the values/isLast envelope and refuses an unknown project with 400', async () => {
    const pat = fake.issuePat();
    const page = await conforming({ path: `${api('issue/createmeta/SEC/issuetypes')}?startAt=1&maxResults=1`, token: pat });
    expect(page.json).toEqual({
      startAt: 1,
      maxResults: 1,
      total: 2,
      isLast: true,
      values: [expect.objectContaining({ id: '1', name: 'Bug', subtask: false, self: `${fake.baseUrl}/rest/api/2/issuetype/1` })],
    });
    const unknown = await conforming({ path: api('issue/createmeta/NOPE/issuetypes'), token: pat });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ errorMessages: ["No project could be found with key 'NOPE'."] });
  });

  it('describes fields with required flags and per-project priority allowedValues', async () => {
    const pat = fake.issuePat();
    type Fields = { values: { fieldId: string; required: boolean; allowedValues?: { id: string }[]; hasDefaultValue: boolean }[] };
    const bug = (await conforming({ path: api('issue/createmeta/SEC/issuetypes/1'), token: pat })).json as Fields;
    const field = (fields: Fields, id: string) => fields.values.find(({ fieldId }) => fieldId === id);
    expect(field(bug, 'priority')).toMatchObject({
      required: false,
      hasDefaultValue: true,
      allowedValues: ['1', '2', '3', '4', '5'].map((id) => expect.objectContaining({ id })),
    });
    expect(field(bug, 'customfield_10100')).toMatchObject({
      required: true,
      allowedValues: [expect.objectContaining({ id: '10200', value: 'prod' }), expect.anything()],
    });
    expect(bug.values.filter(({ required }) => required).map(({ fieldId }) => fieldId)).toEqual(['summary', 'issuetype', 'project', 'customfield_10100']);
    const ops = (await conforming({ path: api('issue/createmeta/OPS/issuetypes/10002'), token: pat })).json as Fields;
    expect(field(ops, 'priority')?.allowedValues?.map(({ id }) => id)).toEqual(['2', '3']);
    expect(field(ops, 'components')).toMatchObject({ required: true });
  });
});

describe('issues', () => {
  it('creates an issue (201 id/key/self), keeps it, and reads it back with fields and properties', async () => {
    const pat = fake.issuePat();
    const created = await conforming({ method: 'POST', path: api('issue'), token: pat, body: createBody() });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: '10000', key: 'SEC-1', self: `${fake.baseUrl}/rest/api/2/issue/10000` });
    expect(fake.issues[0]).toMatchObject({
      key: 'SEC-1',
      projectKey: 'SEC',
      issueTypeId: '10002',
      createdBy: 'webriskops-bot',
      fields: { priority: { id: '2' } },
      properties: { webriskops: { fingerprint: '3f9a2c1d' } },
    });
    const read = await conforming({ path: `${api('issue/SEC-1')}?fields=status,priority,labels&properties=webriskops`, token: pat });
    expect(read.json).toMatchObject({
      key: 'SEC-1',
      fields: { priority: { id: '2', name: 'High' }, labels: ['webriskops', 'webriskops-3f9a2c1d'], status: { statusCategory: { key: 'new' } } },
      properties: { webriskops: { fingerprint: '3f9a2c1d' } },
    });
    expect(Object.keys((read.json as { fields: object }).fields).sort()).toEqual(['labels', 'priority', 'status']);
    expect((await conforming({ path: api('issue/SEC-99'), token: pat })).json).toEqual({ errorMessages: ['Issue Does Not Exist'], errors: {} });
  });

  it.each([
    [
      'a missing required field',
      { fields: { project: { key: 'SEC' }, issuetype: { id: '1' }, summary: 's' } },
      { customfield_10100: 'Environment tier is required.' },
    ],
    ['a missing summary', { fields: { project: { key: 'SEC' }, issuetype: { id: '10002' } } }, { summary: 'You must specify a summary of the issue.' }],
    [
      'a priority outside the project scheme',
      createBody({ project: { key: 'OPS' }, priority: { id: '1' }, components: [{ id: '10000' }] }),
      { priority: 'The priority selected is invalid.' },
    ],
    ['a priority object without id or name', createBody({ priority: '2' }), { priority: "Could not find valid 'id' or 'name' in priority object." }],
    [
      'a field not on the screen',
      createBody({ components: [{ id: '10000' }] }),
      { components: "Field 'components' cannot be set. It is not on the appropriate screen, or unknown." },
    ],
    ['an unknown option', createBody({ issuetype: { id: '1' }, customfield_10100: { id: '999' } }), { customfield_10100: "Option id '999' is not valid" }],
    [
      'an ADF description sent to v2',
      createBody({ description: { type: 'doc', version: 1, content: [] } }),
      { description: 'Operation value must be a string' },
    ],
    ['a label with a space', createBody({ labels: ['two words'] }), { labels: "The label 'two words' contains spaces which is invalid." }],
    ['an unknown project', createBody({ project: { key: 'NOPE' } }), { project: 'valid project is required' }],
    ['an unknown issue type', createBody({ issuetype: { id: '42' } }), { issuetype: 'The issue type selected is invalid.' }],
  ])('refuses %s with 400 naming the field, creating nothing', async (_name, body, errors) => {
    const response = await conforming({ method: 'POST', path: api('issue'), token: fake.issuePat(), body });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ errorMessages: [], errors });
    expect(fake.issues).toHaveLength(0);
  });

  it('refuses a body that is not JSON with 400', async () => {
    expect((await conforming({ method: 'POST', path: api('issue'), token: fake.issuePat(), body: '{not json' })).status).toBe(400);
  });

  it('updates fields and labels with 204, and refuses a bad value with 400', async () => {
    const pat = fake.issuePat();
    await call({ method: 'POST', path: api('issue'), token: pat, body: createBody() });
    const updated = await conforming({
      method: 'PUT',
      path: api('issue/SEC-1'),
      token: pat,
      body: {
        fields: { summary: 'Updated', priority: { name: 'Low' } },
        update: { labels: [{ add: 'seen-again' }], comment: [{ add: { body: 'Seen again.' } }] },
      },
    });
    expect(updated.status).toBe(204);
    expect(updated.text).toBe('');
    expect(fake.issues[0]?.fields).toMatchObject({ summary: 'Updated', priority: { id: '4' }, labels: ['webriskops', 'webriskops-3f9a2c1d', 'seen-again'] });
    expect(fake.issues[0]?.comments).toEqual(['Seen again.']);
    const bad = await conforming({ method: 'PUT', path: api('issue/SEC-1'), token: pat, body: { fields: { priority: { id: '77' } } } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ errorMessages: [], errors: { priority: 'The priority selected is invalid.' } });
  });

  it('sets (201) and replaces (200) an issue property and reads it back', async () => {
    const pat = fake.issuePat();
    await call({ method: 'POST', path: api('issue'), token: pat, body: createBody({}) });
    const path = api('issue/SEC-1/properties/webriskops-export');
    expect((await conforming({ method: 'PUT', path, token: pat, body: { targetId: 't-1' } })).status).toBe(201);
    expect((await conforming({ method: 'PUT', path, token: pat, body: { targetId: 't-2' } })).status).toBe(200);
    expect((await conforming({ path, token: pat })).json).toEqual({ key: 'webriskops-export', value: { targetId: 't-2' } });
    expect((await conforming({ path: api('issue/SEC-1/properties/none'), token: pat })).status).toBe(404);
    expect((await call({ method: 'PUT', path, body: { targetId: 't-3' } })).status).toBe(401);
  });
});

describe('JQL search', () => {
  async function seed(pat: string) {
    await call({ method: 'POST', path: api('issue'), token: pat, body: createBody() });
    await call({ method: 'POST', path: api('issue'), token: pat, body: createBody({ labels: ['webriskops', 'webriskops-aaaa'] }) });
    await call({
      method: 'POST',
      path: api('issue'),
      token: pat,
      body: createBody({ project: { key: 'OPS' }, priority: { id: '3' }, components: [{ id: '10000' }], labels: ['webriskops-3f9a2c1d'] }),
    });
  }
  const keys = (response: LoopbackResponse) => (response.json as { issues: { key: string }[] }).issues.map(({ key }) => key);

  it('finds issues by label, label list and project, over GET and POST, in the SearchResultsBean shape', async () => {
    const pat = fake.issuePat();
    await seed(pat);
    const byLabel = await conforming({ path: `${api('search')}?jql=${encodeURIComponent('labels = "webriskops-3f9a2c1d"')}&fields=key,status`, token: pat });
    expect(byLabel.json).toMatchObject({ startAt: 0, maxResults: 50, total: 2 });
    expect(keys(byLabel)).toEqual(['SEC-1', 'OPS-1']);
    const bounded = await conforming({
      method: 'POST',
      path: api('search'),
      token: pat,
      body: { jql: 'project = SEC AND labels = "webriskops-3f9a2c1d" ORDER BY created DESC', fields: ['summary'] },
    });
    expect(keys(bounded)).toEqual(['SEC-1']);
    const list = await conforming({
      method: 'POST',
      path: api('search'),
      token: pat,
      body: { jql: "labels in ('webriskops-aaaa', webriskops-zzzz)", maxResults: 1 },
    });
    expect(keys(list)).toEqual(['SEC-2']);
    const page = await conforming({ path: `${api('search')}?jql=${encodeURIComponent('labels = webriskops')}&startAt=1&maxResults=1`, token: pat });
    expect(page.json).toMatchObject({ startAt: 1, maxResults: 1, total: 2 });
    expect(keys(page)).toEqual(['SEC-2']);
  });

  it('refuses bad JQL and an unknown project with 400, and answers anonymous callers 200 with nothing', async () => {
    const pat = fake.issuePat();
    await seed(pat);
    const unknown = await conforming({ method: 'POST', path: api('search'), token: pat, body: { jql: 'project = NOPE' } });
    expect(unknown.json).toEqual({ errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} });
    expect((await conforming({ method: 'POST', path: api('search'), token: pat, body: { jql: 'labels = "a" OR labels = "b"' } })).status).toBe(400);
    expect((await conforming({ method: 'POST', path: api('search'), token: pat, body: { jql: 'colour = red' } })).status).toBe(400);
    const anonymous = await conforming({ method: 'POST', path: api('search'), body: { jql: 'labels = "webriskops-3f9a2c1d"' } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.json).toMatchObject({ total: 0, issues: [] });
  });
});
