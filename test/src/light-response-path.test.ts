import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';
import { targetName } from './support/target-names';

/**
 * @hono/node-server answers a `Response` it made itself straight from the string it was given; once
 * a middleware edits the finished response's headers, hono rebuilds the response around a stream and
 * node-server takes its slow path (a full Response, Headers, a stream pump) for every request.
 */
function lightweightBodyOf(response: Response): { kind: string } {
  const cache = Object.getOwnPropertySymbols(response).find((symbol) => symbol.description === 'cache');
  if (!cache) return { kind: 'none: a rebuilt Response' };
  return { kind: typeof (response as unknown as Record<symbol, unknown[]>)[cache]![1] };
}

/**
 * How the headers were handed over: a plain record is written as it is; a `Headers` object (what
 * `c.header()` and `c.json()` build) is copied into one first, on every request.
 */
function lightweightHeadersOf(response: Response): string {
  const cache = Object.getOwnPropertySymbols(response).find((symbol) => symbol.description === 'cache');
  const headers = cache ? (response as unknown as Record<symbol, unknown[]>)[cache]![2] : undefined;
  if (headers instanceof Headers) return 'a Headers object';
  return headers !== null && typeof headers === 'object' ? 'a plain record' : 'none';
}

let companion: Companion;
let origin: string;
let server: ReturnType<typeof serve>;
const handed = new Map<string, Response>();

beforeAll(async () => {
  companion = await startCompanion();
  await prepareFirstRunForTest(companion);
  const port = await new Promise<number>((resolve) => {
    server = serve(
      {
        hostname: '127.0.0.1',
        port: 0,
        fetch: async (request: Request) => {
          const response = await companion.app.fetch(request);
          handed.set(`${request.method} ${new URL(request.url).pathname}`, response);
          return response;
        },
      },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  companion.stop();
});

describe("answers keep the base headers and node-server's lightweight path", () => {
  it('health, API JSON, errors and pages are handed over as strings, each with its security headers', async () => {
    const admin = await companion.token('default', 'admin');
    const exporter = await companion.token('default', 'export');
    const target = (await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } }))
      .json as { id: string };
    const cases: { path: string; token?: string; status: number; referrer: string }[] = [
      { path: '/healthz', status: 200, referrer: 'no-referrer' },
      { path: `/api/v1/targets/${target.id}/readiness`, token: exporter, status: 200, referrer: 'no-referrer' },
      { path: '/api/v1/targets', status: 401, referrer: 'no-referrer' },
      { path: '/no-such-route', status: 404, referrer: 'same-origin' }, // the pages' middleware covers every path below /
      { path: '/login', status: 200, referrer: 'same-origin' },
    ];
    for (const { path, token, status, referrer } of cases) {
      const response = await fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      await response.arrayBuffer();
      expect(response.status, path).toBe(status);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe(referrer);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(lightweightBodyOf(handed.get(`GET ${path}`)!), path).toEqual({ kind: 'string' });
    }
    const page = await fetch(`${origin}/login`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('health and readiness hand over their headers as a plain record (no Headers object built per request)', async () => {
    const admin = await companion.token('default', 'admin');
    const exporter = await companion.token('default', 'export');
    const target = (await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } }))
      .json as { id: string };
    for (const path of ['/healthz', `/api/v1/targets/${target.id}/readiness`]) {
      const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${exporter}` } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('application/json');
      await response.json();
      expect(lightweightHeadersOf(handed.get(`GET ${path}`)!), path).toBe('a plain record');
    }
  });

  it("readiness's refusals are the API's: error envelope, status, base headers (401, 400 query, 400 path, 404, HEAD)", async () => {
    const exporter = await companion.token('default', 'export');
    const cases: { path: string; token?: string; status: number; code: string }[] = [
      { path: '/api/v1/targets/tgt_whatever/readiness', status: 401, code: 'UNAUTHENTICATED' },
      { path: '/api/v1/targets/tgt_whatever/readiness', token: 'wro_not_a_real_token', status: 401, code: 'UNAUTHENTICATED' },
      { path: '/api/v1/targets/tgt_whatever/readiness?refresh=maybe', token: exporter, status: 400, code: 'VALIDATION_FAILED' },
      { path: `/api/v1/targets/${'x'.repeat(65)}/readiness`, token: exporter, status: 400, code: 'VALIDATION_FAILED' },
      { path: '/api/v1/targets/tgt_nosuchtarget23456/readiness', token: exporter, status: 404, code: 'NOT_FOUND' },
    ];
    for (const { path, token, status, code } of cases) {
      const response = await fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const body = (await response.json()) as { error: { code: string; message: string; next_action: string } };
      expect([response.status, body.error.code], path).toEqual([status, code]);
      expect(body.error.message.length > 0 && body.error.next_action.length > 0, path).toBe(true);
      expect(response.headers.get('content-type'), path).toBe('application/json');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    const head = await fetch(`${origin}/api/v1/targets/tgt_nosuchtarget23456/readiness`, { method: 'HEAD', headers: { authorization: `Bearer ${exporter}` } });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
    expect(head.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("the API's routes fit hono's RegExpRouter (one regular expression per method, not a trie walk per request)", async () => {
    await fetch(`${origin}/healthz`);
    expect((companion.app as unknown as { router: { name: string } }).router.name).toBe('SmartRouter + RegExpRouter');
  });

  it('a route that makes its own Response (the portable export stream) carries the base headers too', async () => {
    const exporter = await companion.token('default', 'export');
    const response = await fetch(`${origin}/api/v1/exports/portable?format=csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${exporter}`, 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ fingerprint: 'fp-1', title: 'T', description: 'D', severity: 'low', url: 'https://app.example.com/', evidence: 'E' })}\n`,
    });
    expect(response.status).toBe(200);
    await response.text();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
