import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EgressPolicy } from './check-url';
import { ResolveError, type HostResolver } from './resolver';
import { createSafeFetch } from './safe-fetch';

interface Listener {
  url: string;
  port: number;
  connections: number;
  requests: Array<{ method: string; path: string; authorization?: string; cookie?: string; body: string }>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function listen(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void, port = 0): Promise<Listener> {
  const listener: Listener = { url: '', port: 0, connections: 0, requests: [] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      listener.requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, cookie: req.headers.cookie, body });
      handler(req, res);
    });
  });
  server.on('connection', () => (listener.connections += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  listener.port = (server.address() as AddressInfo).port;
  listener.url = `http://${host}:${listener.port}`;
  return listener;
}

const ok = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end('fine');

function sequenceResolver(steps: string[][]): HostResolver {
  let index = 0;
  return {
    async resolve(host) {
      const step = steps[Math.min(index, steps.length - 1)] ?? [];
      index += 1;
      if (step.length === 0) throw new ResolveError('nxdomain', host, `${host} does not exist`);
      return { addresses: step };
    },
    resolveTxt: async () => [],
  };
}

function policyFor(approvedEntries: string[], resolver: HostResolver = sequenceResolver([])): EgressPolicy {
  return { resolver, approvedEntries, allowHttpForApproved: true, ownAddresses: [] };
}

describe('safeFetch', () => {
  it('fetches from an approved loopback address and refuses an unapproved one without connecting', async () => {
    const target = await listen('127.0.0.1', ok);
    const approved = await createSafeFetch({ policy: policyFor(['127.0.0.1']) })(`${target.url}/x`, { redirect: 'refuse' });
    expect(approved).toMatchObject({ kind: 'response', status: 200, verdict: { path: 'tunnel' } });
    if (approved.kind === 'response') expect(approved.text()).toBe('fine');

    const refused = await createSafeFetch({ policy: policyFor(['127.0.0.2']) })(`${target.url}/x`, { redirect: 'refuse' });
    expect(refused).toMatchObject({ kind: 'refused', verdict: { rule: 'loopback', code: 'PROVIDER_BASE_URL_BLOCKED' } });
    expect(target.connections).toBe(1);
  });

  it('fetches an IPv6 literal URL from an approved address', async () => {
    const target = await listen('::1', ok);
    const result = await createSafeFetch({ policy: policyFor(['::1']) })(`http://[::1]:${target.port}/v6`, { redirect: 'refuse' });
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(await createSafeFetch({ policy: policyFor([]) })(`http://[::1]:${target.port}/v6`, { redirect: 'refuse' })).toMatchObject({ kind: 'refused' });
    expect(target.connections).toBe(1);
  });

  it('dials only the address it checked, whatever DNS says next', async () => {
    const checked = await listen('127.0.0.1', ok);
    const rebound = await listen('127.0.0.2', ok, checked.port);
    const resolver = sequenceResolver([['127.0.0.1'], ['127.0.0.2']]);
    const safeFetch = createSafeFetch({ policy: policyFor(['127.0.0.1'], resolver) });
    const first = await safeFetch(`http://pinned.test:${checked.port}/`, { redirect: 'refuse' });
    expect(first.kind).toBe('response');
    const second = await safeFetch(`http://pinned.test:${checked.port}/`, { redirect: 'refuse' });
    expect(second).toMatchObject({ kind: 'refused', verdict: { rule: 'loopback' } });
    expect(checked.connections).toBe(1);
    expect(rebound.connections).toBe(0);
  });

  it('refuses redirects for API calls and names the Location', async () => {
    const next = await listen('127.0.0.2', ok);
    const start = await listen('127.0.0.1', (_req, res) => res.writeHead(302, { location: `${next.url}/elsewhere` }).end());
    const result = await createSafeFetch({ policy: policyFor(['127.0.0.0/8']) })(`${start.url}/`, { redirect: 'refuse' });
    expect(result).toMatchObject({ kind: 'refused', verdict: { rule: 'redirect', allowed: false } });
    if (result.kind === 'refused') expect(result.verdict.reason).toContain(`${next.url}/elsewhere`);
    expect(next.connections).toBe(0);
  });

  it('drops credentials once a redirect leaves the first origin, and never sends them back', async () => {
    let origin = '';
    const other = await listen('127.0.0.2', (_req, res) => res.writeHead(302, { location: `${origin}/back` }).end());
    const start = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/same' }).end();
      else if (req.url === '/same') res.writeHead(307, { location: `${other.url}/other` }).end();
      else ok(req, res);
    });
    origin = start.url;
    const result = await createSafeFetch({ policy: policyFor(['127.0.0.0/8']) })(`${start.url}/start`, {
      redirect: { follow: 3 },
      headers: { accept: 'application/json', Cookie: 'session=also-secret' },
      credentialHeaders: { authorization: 'Bearer top-secret' },
    });
    expect(result).toMatchObject({ kind: 'response', status: 200, redirects: [`${start.url}/same`, `${other.url}/other`, `${start.url}/back`] });
    expect(start.requests.map((r) => [r.path, r.authorization])).toEqual([
      ['/start', 'Bearer top-secret'],
      ['/same', 'Bearer top-secret'],
      ['/back', undefined],
    ]);
    expect(other.requests.map((r) => [r.authorization, r.cookie])).toEqual([[undefined, undefined]]);
    expect(start.requests.map((r) => r.cookie)).toEqual(['session=also-secret', 'session=also-secret', undefined]);
  });

  it('turns POST into GET on 303 and keeps method and body on 307', async () => {
    const target = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/see-other') res.writeHead(303, { location: '/done' }).end();
      else if (req.url === '/temporary') res.writeHead(307, { location: '/done' }).end();
      else ok(req, res);
    });
    const safeFetch = createSafeFetch({ policy: policyFor(['127.0.0.1']) });
    const init = { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' }, redirect: { follow: 1 } };
    await safeFetch(`${target.url}/see-other`, init);
    await safeFetch(`${target.url}/temporary`, init);
    expect(target.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/see-other', '{"a":1}'],
      ['GET', '/done', ''],
      ['POST', '/temporary', '{"a":1}'],
      ['POST', '/done', '{"a":1}'],
    ]);
  });

  it('stops after the allowed number of hops', async () => {
    const target = await listen('127.0.0.1', (req, res) => res.writeHead(302, { location: `/hop${(req.url ?? '').length}` }).end());
    const result = await createSafeFetch({ policy: policyFor(['127.0.0.1']) })(`${target.url}/`, { redirect: { follow: 2 } });
    expect(result).toMatchObject({ kind: 'refused', verdict: { rule: 'redirect' } });
    expect(target.requests).toHaveLength(3);
    await expect(createSafeFetch({ policy: policyFor([]) })(target.url, { redirect: { follow: 4 } })).rejects.toThrow(RangeError);
  });

  it('aborts a body past the cap, declared or streamed', async () => {
    const big = 'x'.repeat(64 * 1024);
    const target = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/declared') return void res.writeHead(200, { 'content-length': String(big.length * 4) }).end(big.repeat(4));
      res.writeHead(200);
      for (let i = 0; i < 64; i += 1) res.write(big);
      res.end();
    });
    const safeFetch = createSafeFetch({ policy: policyFor(['127.0.0.1']), maxResponseBytes: 100_000 });
    expect(await safeFetch(`${target.url}/declared`, { redirect: 'refuse' })).toMatchObject({ kind: 'failed', failure: 'too-large' });
    expect(await safeFetch(`${target.url}/streamed`, { redirect: 'refuse' })).toMatchObject({ kind: 'failed', failure: 'too-large' });
    expect(
      await createSafeFetch({ policy: policyFor(['127.0.0.1']), maxResponseBytes: 100_000_000 })(`${target.url}/streamed`, { redirect: 'refuse' }),
    ).toMatchObject({
      kind: 'response',
    });
  });

  it('gives up after the total timeout', async () => {
    const silent = await listen('127.0.0.1', () => undefined);
    const started = Date.now();
    const result = await createSafeFetch({ policy: policyFor(['127.0.0.1']), totalTimeoutMs: 300 })(silent.url, { redirect: 'refuse' });
    expect(result).toMatchObject({ kind: 'failed', failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('ignores HTTP_PROXY and HTTPS_PROXY', async () => {
    const proxy = await listen('127.0.0.3', ok);
    const target = await listen('127.0.0.1', ok);
    const saved = { http: process.env.HTTP_PROXY, https: process.env.HTTPS_PROXY, lower: process.env.http_proxy };
    process.env.HTTP_PROXY = proxy.url;
    process.env.HTTPS_PROXY = proxy.url;
    process.env.http_proxy = proxy.url;
    try {
      const result = await createSafeFetch({ policy: policyFor(['127.0.0.1']) })(target.url, { redirect: 'refuse' });
      expect(result.kind).toBe('response');
    } finally {
      for (const [name, value] of [
        ['HTTP_PROXY', saved.http],
        ['HTTPS_PROXY', saved.https],
        ['http_proxy', saved.lower],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(proxy.connections).toBe(0);
    expect(target.connections).toBe(1);
  });

  it('reports a refused connection as a failure, not a refusal', async () => {
    const gone = await listen('127.0.0.1', ok);
    const url = gone.url;
    await new Promise<void>((resolve) => {
      const server = servers.pop();
      server?.close(() => resolve());
    });
    expect(await createSafeFetch({ policy: policyFor(['127.0.0.1']) })(url, { redirect: 'refuse' })).toMatchObject({ kind: 'failed', failure: 'connect' });
  });
});
