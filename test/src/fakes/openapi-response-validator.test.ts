import { beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator, JIRA_DC_SPEC_DEFECTS, loadOpenApiDocument, type OpenApiDocument, type ResponseValidator } from './openapi-response-validator';

const SPECS = new URL('../../fixtures/atlassian-specs/', import.meta.url);

const tinySpec: OpenApiDocument = {
  openapi: '3.0.1',
  servers: [{ url: 'http://{host}/rest', variables: { host: { default: 'localhost' } } }],
  paths: {
    '/api/thing/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { description: 'no body declared' },
        },
      },
      put: { operationId: 'putThing', responses: { '204': { description: 'done' } } },
    },
    '/api/thing/special': { get: { operationId: 'getSpecial', responses: { '200': { content: { 'application/json': { schema: { type: 'string' } } } } } } },
    '/api/things': {
      get: { operationId: 'listThings', responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'kind'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          kind: { type: 'string', enum: ['a', 'b'] },
          note: { type: 'string', nullable: true },
          tags: { type: 'array', items: { type: 'string' } },
          owner: { allOf: [{ $ref: '#/components/schemas/Owner' }] },
          size: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
          free: { type: 'object', additionalProperties: { type: 'object' } },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    },
  },
};

describe('createResponseValidator on a small document', () => {
  const validator = createResponseValidator(tinySpec);
  const get = (body: unknown, status = 200) => validator.validate({ method: 'GET', path: '/rest/api/thing/7', status, body });

  it('accepts a body that fits and names the operation, stripping the server path and query', () => {
    const result = validator.validate({
      method: 'get',
      path: '/rest/api/thing/7?expand=x',
      status: 200,
      body: { id: 7, kind: 'a', note: null, tags: ['x'], owner: { name: 'o' }, size: 'L' },
    });
    expect(result).toMatchObject({ ok: true, errors: [], operation: { operationId: 'getThing', template: '/api/thing/{id}' } });
  });

  it('prefers the template with more literal segments', () => {
    expect(validator.findOperation('GET', '/api/thing/special')?.operationId).toBe('getSpecial');
  });

  it.each([
    ['a wrong primitive type', { id: '7', kind: 'a' }, 'body.id: expected integer, got string'],
    ['a missing required property', { id: 7 }, 'body: missing required property "kind"'],
    ['a value outside the enum', { id: 7, kind: 'c' }, 'body.kind: "c" is not one of ["a","b"]'],
    ['an undeclared property where additionalProperties is false', { id: 7, kind: 'a', extra: 1 }, 'body: property "extra" is not declared'],
    ['null where not nullable', { id: 7, kind: 'a', tags: null }, 'body.tags: null where the schema'],
    ['a wrong array item', { id: 7, kind: 'a', tags: ['x', 3] }, 'body.tags[1]: expected string, got number'],
    ['a wrong shape behind $ref and allOf', { id: 7, kind: 'a', owner: {} }, 'body.owner: missing required property "name"'],
    ['no oneOf alternative', { id: 7, kind: 'a', size: true }, 'body.size: matches none of oneOf'],
    ['a wrong additionalProperties value', { id: 7, kind: 'a', free: { x: 'text' } }, 'body.free.x: expected object, got string'],
    ['an array where an object is declared', [], 'body: expected object, got array'],
  ])('rejects %s', (_name, body, message) => {
    const result = get(body);
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toContain(message);
  });

  it('rejects an undeclared status, an unknown operation, a missing body and a 204 with a body', () => {
    expect(get({ id: 1, kind: 'a' }, 500).errors[0]).toContain('status 500 is not declared for getThing (declared: 200, 404)');
    expect(validator.validate({ method: 'DELETE', path: '/rest/api/thing/7', status: 204, body: undefined }).errors[0]).toContain('no operation DELETE');
    expect(get(undefined).errors[0]).toContain('declares a JSON body but the answer had none');
    expect(validator.validate({ method: 'PUT', path: '/api/thing/7', status: 204, body: { x: 1 } }).errors).toEqual(['204 answer carries a body']);
  });

  it('accepts any body for a status declared without content', () => {
    expect(get({ errorMessages: ['gone'] }, 404).ok).toBe(true);
  });

  it('checks a plain array item by item when told lists are declared as their item, and says so', () => {
    const listAware = createResponseValidator(tinySpec, { arraysDeclaredAsItems: true });
    expect(validator.validate({ method: 'GET', path: '/api/things', status: 200, body: [] }).errors).toEqual(['body: expected object, got array']);
    const good = listAware.validate({ method: 'GET', path: '/api/things', status: 200, body: [{ id: 1, kind: 'a' }] });
    expect(good).toMatchObject({ ok: true });
    expect(good.notes[0]).toContain('plain array checked item by item');
    const bad = listAware.validate({
      method: 'GET',
      path: '/api/things',
      status: 200,
      body: [
        { id: 1, kind: 'a' },
        { id: 'x', kind: 'a' },
      ],
    });
    expect(bad.errors).toEqual(['body[1].id: expected integer, got string']);
  });

  it('checks a page envelope item by item only when told its key, and checks the page fields', () => {
    const page = { startAt: 0, maxResults: '50', isLast: true, values: [{ id: 1 }] };
    expect(validator.validate({ method: 'GET', path: '/api/things', status: 200, body: page }).errors.join('\n')).toContain(
      'property "startAt" is not declared',
    );
    const envelopeAware = createResponseValidator(tinySpec, { pageEnvelopeKeys: ['values'] });
    const result = envelopeAware.validate({ method: 'GET', path: '/api/things', status: 200, body: page });
    expect(result.notes[0]).toContain('page envelope "values"');
    expect(result.errors).toEqual(['body.maxResults: expected integer, got string', 'body.values[0]: missing required property "kind"']);
  });

  it('skips schema locations listed as known defects', () => {
    const lenient = createResponseValidator(tinySpec, { ignoreSchemaPointers: ['#/components/schemas/Thing/properties/free/additionalProperties'] });
    expect(lenient.validate({ method: 'GET', path: '/api/thing/1', status: 200, body: { id: 1, kind: 'a', free: { x: 'text' } } }).ok).toBe(true);
  });
});

describe('createResponseValidator on the real Jira documents', () => {
  let dc: ResponseValidator;
  let cloud: ResponseValidator;
  beforeAll(async () => {
    dc = createResponseValidator(await loadOpenApiDocument(new URL('jira-dc-10.3-openapi.json', SPECS).pathname), JIRA_DC_SPEC_DEFECTS);
    cloud = createResponseValidator(await loadOpenApiDocument(new URL('jira-cloud-platform-openapi.json', SPECS).pathname));
  });

  it('resolves Data Center paths under the /rest server prefix', () => {
    expect(dc.findOperation('GET', '/rest/api/2/mypermissions')?.operationId).toBe('getPermissions');
    expect(dc.findOperation('GET', '/rest/api/2/issue/createmeta/SEC/issuetypes/1')?.operationId).toBe('getCreateIssueMetaFields');
    expect(dc.findOperation('PUT', '/rest/api/2/issue/SEC-1/properties/webriskops')?.operationId).toBe('setProperty_2');
  });

  it('rejects a Data Center permissions body with a wrong shape', () => {
    const wrong = dc.validate({
      method: 'GET',
      path: '/rest/api/2/mypermissions',
      status: 200,
      body: { permissions: { CREATE_ISSUES: { id: 11, key: 'CREATE_ISSUES', type: 'USER', havePermission: false } } },
    });
    expect(wrong.errors).toEqual([
      'body.permissions.CREATE_ISSUES.id: expected string, got number',
      'body.permissions.CREATE_ISSUES.type: "USER" is not one of ["GLOBAL","PROJECT"]',
    ]);
  });

  it('rejects a Data Center project list whose items have the wrong types', () => {
    const result = dc.validate({ method: 'GET', path: '/rest/api/2/project', status: 200, body: [{ id: 10000, key: 'SEC', archived: 'no' }] });
    expect(result.errors).toEqual(['body[0].id: expected string, got number', 'body[0].archived: expected boolean, got string']);
  });

  it('rejects a Cloud serverInfo carrying a property the closed schema does not declare', () => {
    const body = { baseUrl: 'https://acme.atlassian.net', version: '1001.0.0', versionNumbers: [1001, 0, 0], deploymentType: 'Cloud', buildNumber: 100 };
    expect(cloud.validate({ method: 'GET', path: '/rest/api/3/serverInfo', status: 200, body }).ok).toBe(true);
    expect(cloud.validate({ method: 'GET', path: '/rest/api/3/serverInfo', status: 200, body: { ...body, flavour: 'x' } }).errors).toEqual([
      'body: property "flavour" is not declared and additionalProperties is false',
    ]);
    expect(cloud.validate({ method: 'GET', path: '/rest/api/3/serverInfo', status: 200, body: { ...body, buildNumber: '100' } }).ok).toBe(false);
  });
});
