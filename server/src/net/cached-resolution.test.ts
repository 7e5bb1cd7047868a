import { describe, expect, it } from 'vitest';
import { cachedResolution, type Resolution } from './cached-resolution';
import { ResolveError } from './resolver';

/** A DNS transport that answers from a table and counts what it was asked. */
function transport(answers: Record<string, Resolution | Error>) {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const answer = answers[host.toLowerCase().replace(/\.$/, '')];
    if (!answer) throw new ResolveError('nxdomain', host, `${host} does not exist`);
    if (answer instanceof Error) throw answer;
    return { addresses: [...answer.addresses], ttlSeconds: answer.ttlSeconds };
  };
  return { asked, lookup };
}

describe('cachedResolution', () => {
  it('keeps an answer for its TTL clamped to [min, max], and not at all for a TTL clamped to 0', async () => {
    let now = 0;
    const dns = transport({ 'a.example': { addresses: ['192.0.2.1'], ttlSeconds: 1 }, 'b.example': { addresses: ['192.0.2.2'], ttlSeconds: 9999 } });
    const cache = cachedResolution(dns.lookup, { minTtlSeconds: 5, maxTtlSeconds: 60, now: () => now });
    await cache.resolve('a.example');
    await cache.resolve('b.example');
    now = 4_999;
    await Promise.all([cache.resolve('a.example'), cache.resolve('b.example')]);
    expect(dns.asked).toEqual(['a.example', 'b.example']);
    now = 5_000;
    await cache.resolve('a.example');
    now = 60_000;
    await cache.resolve('b.example');
    expect(dns.asked).toEqual(['a.example', 'b.example', 'a.example', 'b.example']);

    const uncached = cachedResolution(dns.lookup, { minTtlSeconds: 0, maxTtlSeconds: 0, now: () => now });
    await uncached.resolve('a.example');
    await uncached.resolve('a.example');
    expect(uncached.size).toBe(0);
  });

  it('forgets a failure at once: the next lookup asks again', async () => {
    const dns = transport({ 'flaky.example': new ResolveError('timeout', 'flaky.example', 'timed out') });
    const cache = cachedResolution(dns.lookup, { now: () => 0 });
    for (let i = 0; i < 2; i++) await expect(cache.resolve('flaky.example')).rejects.toMatchObject({ kind: 'timeout' });
    expect(dns.asked).toEqual(['flaky.example', 'flaky.example']);
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries names, dropping the oldest first', async () => {
    const names = ['a', 'b', 'c', 'd'].map((label) => `${label}.example`);
    const dns = transport(Object.fromEntries(names.map((name) => [name, { addresses: ['192.0.2.9'], ttlSeconds: 300 }])));
    const cache = cachedResolution(dns.lookup, { maxEntries: 3, now: () => 0 });
    for (const name of names) await cache.resolve(name);
    expect(cache.size).toBe(3);
    await cache.resolve('d.example');
    await cache.resolve('b.example');
    expect(dns.asked).toEqual(names);
    await cache.resolve('a.example');
    expect(dns.asked).toEqual([...names, 'a.example']);
  });
});
