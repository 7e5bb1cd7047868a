import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDohResolver } from './doh-resolver';
import { ResolveError } from './resolver';

/** A DNS-over-HTTPS JSON server on loopback with scripted answers (what Cloudflare's endpoint returns). */
const zone: Record<string, Record<string, { Status: number; Answer?: { name: string; type: number; TTL: number; data: string }[] } | 'http-500'>> = {
  'jira.example.com': {
    A: { Status: 0, Answer: [{ name: 'jira.example.com', type: 1, TTL: 60, data: '93.184.216.34' }] },
    AAAA: { Status: 0, Answer: [{ name: 'jira.example.com', type: 28, TTL: 30, data: '2606:2800:220:1::1' }] },
  },
  'cname.example.com': {
    A: {
      Status: 0,
      Answer: [
        { name: 'cname.example.com', type: 5, TTL: 60, data: 'jira.example.com.' },
        { name: 'jira.example.com', type: 1, TTL: 60, data: '10.0.0.5' },
      ],
    },
    AAAA: { Status: 0 },
  },
  'empty.example.com': { A: { Status: 0 }, AAAA: { Status: 0 } },
  'broken.example.com': { A: 'http-500', AAAA: { Status: 0 } },
  'servfail.example.com': { A: { Status: 2 }, AAAA: { Status: 0 } },
  '_webriskops-challenge.jira.example.com': {
    TXT: { Status: 0, Answer: [{ name: '_webriskops-challenge.jira.example.com', type: 16, TTL: 60, data: '"webriskops-verification=" "abc123"' }] },
  },
};
let server: Server;
let endpoint = '';
let queries = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    queries += 1;
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const name = url.searchParams.get('name') ?? '';
    const type = url.searchParams.get('type') ?? '';
    // Any name under many.example.com has one A record and no AAAA (the cache tests need many names).
    const many = name.endsWith('.many.example.com')
      ? type === 'A'
        ? { Status: 0, Answer: [{ name, type: 1, TTL: 300, data: '93.184.216.34' }] }
        : { Status: 0 }
      : undefined;
    const answer = many ?? zone[name]?.[type];
    if (answer === 'http-500') return response.writeHead(500).end();
    response.writeHead(200, { 'content-type': 'application/dns-json' }).end(JSON.stringify(answer ?? { Status: 3 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/dns-query`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createDohResolver', () => {
  it('merges A and AAAA, keeping only address records', async () => {
    const resolver = createDohResolver({ endpoint });
    expect((await resolver.resolve('JIRA.example.com.')).addresses).toEqual(['93.184.216.34', '2606:2800:220:1::1']);
    expect((await resolver.resolve('cname.example.com')).addresses).toEqual(['10.0.0.5']);
  });

  it('caches for the smallest TTL (clamped) and asks again after it', async () => {
    let now = 1_000_000;
    const resolver = createDohResolver({ endpoint, now: () => now, minTtlSeconds: 5 });
    await resolver.resolve('jira.example.com');
    const asked = queries;
    await resolver.resolve('jira.example.com');
    expect(queries).toBe(asked);
    now += 31_000;
    await resolver.resolve('jira.example.com');
    expect(queries).toBe(asked + 2);
  });

  it.each([
    ['nxdomain.example.com', 'nxdomain'],
    ['empty.example.com', 'no-records'],
    ['broken.example.com', 'server-failure'],
    ['servfail.example.com', 'server-failure'],
  ])('fails closed for %s (%s)', async (name, kind) => {
    const error = await createDohResolver({ endpoint })
      .resolve(name)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResolveError);
    expect((error as ResolveError).kind).toBe(kind);
  });

  it('fails closed when the endpoint does not answer', async () => {
    const error = await createDohResolver({ endpoint: 'http://127.0.0.1:9/dns-query', timeoutMs: 500 })
      .resolve('jira.example.com')
      .catch((caught: unknown) => caught);
    expect((error as ResolveError).kind).toBe('timeout');
  });

  it('reads TXT chunks and answers [] for a name without records', async () => {
    const resolver = createDohResolver({ endpoint });
    expect(await resolver.resolveTxt('_webriskops-challenge.jira.example.com')).toEqual([['webriskops-verification=', 'abc123']]);
    expect(await resolver.resolveTxt('_webriskops-challenge.nothing.example.com')).toEqual([]);
  });

  it('keeps at most maxEntries names: the oldest is asked again, the newest is not', async () => {
    const resolver = createDohResolver({ endpoint, maxEntries: 2 });
    for (const name of ['a', 'b', 'c']) await resolver.resolve(`${name}.many.example.com`);
    const asked = queries;
    await resolver.resolve('c.many.example.com');
    expect(queries).toBe(asked);
    await resolver.resolve('a.many.example.com');
    expect(queries).toBe(asked + 2);
  });

  it('asks once for concurrent lookups of one name, and hands each caller its own addresses', async () => {
    const resolver = createDohResolver({ endpoint });
    const asked = queries;
    const [first, second] = await Promise.all([resolver.resolve('shared.many.example.com'), resolver.resolve('SHARED.many.example.com.')]);
    expect(queries).toBe(asked + 2);
    first.addresses.push('127.0.0.1');
    expect(second.addresses).toEqual(['93.184.216.34']);
    expect((await resolver.resolve('shared.many.example.com')).addresses).toEqual(['93.184.216.34']);
  });

  it('sends no query for an IP literal or a name that is not a DNS name', async () => {
    const resolver = createDohResolver({ endpoint });
    const asked = queries;
    expect((await resolver.resolve('93.184.216.34')).addresses).toEqual(['93.184.216.34']);
    for (const name of ['a'.repeat(300) + '.example.com', 'bad name.example.com', 'x.example.com/..']) {
      const error = await resolver.resolve(name).catch((caught: unknown) => caught);
      expect((error as ResolveError).kind).toBe('invalid-name');
    }
    expect(queries).toBe(asked);
  });
});
