import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeResolver, ResolveError, type NodeResolverOptions } from '@webriskops/server/net';
import { startDnsServer, type TestDnsServer } from './support/dns-server';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({ defaultTtl: 60 });
});
afterAll(async () => {
  await dns.close();
});
beforeEach(() => dns.reset());

function resolverWith(options: Partial<NodeResolverOptions> = {}) {
  let now = 1_000_000;
  const clock = { now: () => now };
  const resolver = createNodeResolver({ servers: [dns.server], timeoutMs: 300, tries: 1, clock, ...options });
  return { resolver, advance: (ms: number) => (now += ms) };
}

async function failure(promise: Promise<unknown>): Promise<ResolveError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ResolveError);
  return error as ResolveError;
}

describe('createNodeResolver against a real DNS server on loopback', () => {
  it('asks A and AAAA and returns both', async () => {
    dns.setAnswers('dual.example.com', ['93.184.216.34', '2606:2800:220:1::1', '::ffff:127.0.0.1']);
    const { resolver } = resolverWith();
    const { addresses } = await resolver.resolve('Dual.Example.com.');
    expect(addresses).toEqual(['93.184.216.34', '2606:2800:220:1::1', '::ffff:127.0.0.1']);
    expect(dns.queryCount('dual.example.com', 'A')).toBe(1);
    expect(dns.queryCount('dual.example.com', 'AAAA')).toBe(1);
  });

  it('caches for the TTL, clamped to the configured minimum and maximum', async () => {
    dns.setAnswers('ttl.example.com', ['93.184.216.34'], 30);
    const { resolver, advance } = resolverWith({ minTtlSeconds: 5, maxTtlSeconds: 20 });
    await resolver.resolve('ttl.example.com');
    advance(19_000);
    await resolver.resolve('ttl.example.com');
    expect(dns.queryCount('ttl.example.com', 'A')).toBe(1);
    advance(2_000);
    await resolver.resolve('ttl.example.com');
    expect(dns.queryCount('ttl.example.com', 'A')).toBe(2);

    dns.setAnswers('short.example.com', ['93.184.216.34'], 1);
    await resolver.resolve('short.example.com');
    advance(4_000);
    await resolver.resolve('short.example.com');
    expect(dns.queryCount('short.example.com', 'A')).toBe(1);
    advance(2_000);
    await resolver.resolve('short.example.com');
    expect(dns.queryCount('short.example.com', 'A')).toBe(2);
  });

  it('does not cache a zero TTL when the minimum is zero (every check sees the current answer)', async () => {
    dns.setSequence('rebind.example.com', [['93.184.216.34'], ['127.0.0.1']], 0);
    const { resolver } = resolverWith({ minTtlSeconds: 0 });
    expect((await resolver.resolve('rebind.example.com')).addresses).toEqual(['93.184.216.34']);
    expect((await resolver.resolve('rebind.example.com')).addresses).toEqual(['127.0.0.1']);
  });

  it('shares one lookup between concurrent callers and hands out copies', async () => {
    dns.setAnswers('busy.example.com', ['93.184.216.34']);
    const { resolver } = resolverWith();
    const results = await Promise.all([1, 2, 3].map(() => resolver.resolve('busy.example.com')));
    expect(dns.queryCount('busy.example.com', 'A')).toBe(1);
    results[0]?.addresses.push('127.0.0.1');
    expect((await resolver.resolve('busy.example.com')).addresses).toEqual(['93.184.216.34']);
  });

  it('evicts the oldest entry past maxEntries', async () => {
    for (const name of ['a.example.com', 'b.example.com', 'c.example.com']) dns.setAnswers(name, ['93.184.216.34']);
    const { resolver } = resolverWith({ maxEntries: 2 });
    for (const name of ['a.example.com', 'b.example.com', 'c.example.com']) await resolver.resolve(name);
    expect(resolver.cacheSize).toBe(2);
    await resolver.resolve('a.example.com');
    expect(dns.queryCount('a.example.com', 'A')).toBe(2);
    resolver.clearCache();
    expect(resolver.cacheSize).toBe(0);
  });

  const arrangements: Array<[ResolveError['kind'], (name: string) => void]> = [
    ['nxdomain', () => undefined],
    ['no-records', (name) => dns.setAnswers(name, [])],
    ['server-failure', (name) => dns.setServerFailure(name)],
  ];
  it.each(arrangements)('fails closed with %s', async (kind, arrange) => {
    arrange('broken.example.com');
    const error = await failure(resolverWith().resolver.resolve('broken.example.com'));
    expect(error.kind).toBe(kind);
  });

  it('fails closed when only one of A and AAAA fails', async () => {
    dns.setAnswers('half.example.com', ['93.184.216.34', '2606:2800:220:1::1']);
    dns.setServerFailure('half.example.com', ['AAAA']);
    expect((await failure(resolverWith().resolver.resolve('half.example.com'))).kind).toBe('server-failure');
  });

  it('fails closed on a timeout, within the configured time', async () => {
    dns.setSilent('slow.example.com');
    const started = Date.now();
    const error = await failure(resolverWith({ timeoutMs: 200, tries: 1 }).resolver.resolve('slow.example.com'));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses names that are not DNS names without asking', async () => {
    const { resolver } = resolverWith();
    expect((await failure(resolver.resolve(`${'a'.repeat(300)}.com`))).kind).toBe('invalid-name');
    expect((await failure(resolver.resolve('bad name.example'))).kind).toBe('invalid-name');
    expect(dns.queries).toHaveLength(0);
  });

  it('reads TXT records as chunk lists, and an absent name as none', async () => {
    dns.setTxt('_webriskops-challenge.jira.example.com', [['webriskops-verification=', 'abc'], ['other']]);
    const { resolver } = resolverWith();
    expect(await resolver.resolveTxt('_webriskops-challenge.jira.example.com')).toEqual([['webriskops-verification=', 'abc'], ['other']]);
    expect(await resolver.resolveTxt('_webriskops-challenge.none.example.com')).toEqual([]);
    dns.setSilent('_webriskops-challenge.slow.example.com');
    await failure(resolverWith({ timeoutMs: 150 }).resolver.resolveTxt('_webriskops-challenge.slow.example.com'));
  });
});
