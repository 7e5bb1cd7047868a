import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { loadRedoclyOpenApiCore, TOOLS_INSTALL_TIMEOUT_MS, type RedoclyOpenApiCore } from './support/tools';

type Operation = {
  operationId?: string;
  tags?: string[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Document = {
  info: { license?: { name: string; identifier?: string; url?: string } };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { headers?: Record<string, unknown>; schemas: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }> };
};

let companion: Companion;
let served: { text: string; document: Document };
let redocly: RedoclyOpenApiCore;

beforeAll(async () => {
  redocly = await loadRedoclyOpenApiCore();
}, TOOLS_INSTALL_TIMEOUT_MS);

beforeAll(async () => {
  companion = await startCompanion();
  const answer = await companion.request('GET', '/api/v1/openapi.json');
  expect(answer.status).toBe(200);
  served = { text: answer.text, document: answer.json as Document };
});
afterAll(() => companion.stop());

const operations = () =>
  Object.entries(served.document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
const operation = (method: string, path: string) => served.document.paths[path]![method]!;

describe('the served OpenAPI document', () => {
  it("passes Redocly's recommended ruleset with zero errors and zero warnings", async () => {
    const config = await redocly.createConfig({ extends: ['recommended'] });
    const problems = await redocly.lintFromString({ source: served.text, absoluteRef: 'openapi.json', config });
    expect(problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`)).toEqual([]);
  });

  it('names its server, its licence and the tag of every operation, and gives each a unique operationId', () => {
    expect(served.document.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    expect(served.document.info.license).toMatchObject({ name: expect.any(String), identifier: expect.any(String) });
    const declaredTags = new Set((served.document.tags ?? []).filter((tag) => tag.description).map((tag) => tag.name));
    const ids = operations().map(({ name, operation }) => {
      expect(operation.tags, name).toHaveLength(1);
      expect(declaredTags.has(operation.tags![0]!), `${name} uses an undeclared tag`).toBe(true);
      expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      return operation.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares the Idempotency-Key request header and the Retry-After, Idempotent-Replayed and Content-Disposition response headers', () => {
    const issues = operation('post', '/targets/{id}/issues');
    expect(issues.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
    expect(issues.responses['201']!.headers).toEqual({ 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } });
    expect(issues.responses['200']!.headers).toEqual({ 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } });
    for (const path of ['/targets/{id}/issues', '/targets/{id}/metadata']) {
      expect(operation(path === '/targets/{id}/issues' ? 'post' : 'get', path).responses['503']!.headers).toEqual({
        'Retry-After': { $ref: '#/components/headers/RetryAfter' },
      });
    }
    expect(operation('post', '/exports/portable').responses['200']!.headers).toEqual({
      'Content-Disposition': { $ref: '#/components/headers/ContentDisposition' },
    });
    expect(Object.keys(served.document.components.headers ?? {}).sort()).toEqual(['ContentDisposition', 'IdempotentReplayed', 'RetryAfter']);
  });

  it('answers every 409 with the error envelope that carries the portable fallback', () => {
    const conflicts = operations().filter(({ operation }) => operation.responses['409']);
    expect(conflicts.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['GET /targets/{id}/metadata', 'POST /targets/{id}/issues', 'POST /targets/{id}/activate']),
    );
    for (const { name, operation } of conflicts) {
      expect(operation.responses['409']!.content?.['application/json']?.schema, name).toEqual({ $ref: '#/components/schemas/BlockedError' });
    }
    expect(Object.keys(served.document.components.schemas.BlockedError!.properties!.error!.properties!)).toEqual([
      'code',
      'message',
      'next_action',
      'fallback',
    ]);
  });
});
