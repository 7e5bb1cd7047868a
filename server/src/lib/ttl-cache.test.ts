import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache';

describe('createTtlCache', () => {
  it('shares one load between concurrent callers and expires after the TTL', async () => {
    let now = 0;
    let loads = 0;
    const cache = createTtlCache<number>({ ttlMs: 1000, maxEntries: 10, now: () => now });
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect([a.value, b.value, loads]).toEqual([1, 1, 1]);
    expect([a.hit, b.hit]).toEqual([false, true]);
    now = 999;
    expect(await cache.get('k', load)).toEqual({ value: 1, hit: true });
    now = 1000;
    expect(await cache.get('k', load)).toEqual({ value: 2, hit: false });
  });

  it('forgets failed loads and values `keep` refuses', async () => {
    const cache = createTtlCache<{ ok: boolean }>({ ttlMs: 1000, maxEntries: 10 });
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(
      (
        await cache.get(
          'k',
          async () => ({ ok: false }),
          (v) => v.ok,
        )
      ).hit,
    ).toBe(false);
    expect(
      (
        await cache.get(
          'k',
          async () => ({ ok: true }),
          (v) => v.ok,
        )
      ).hit,
    ).toBe(false);
    expect(
      (
        await cache.get(
          'k',
          async () => ({ ok: true }),
          (v) => v.ok,
        )
      ).hit,
    ).toBe(true);
  });

  it('drops the oldest entries beyond maxEntries', async () => {
    const cache = createTtlCache<string>({ ttlMs: 1000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => 'again')).value).toBe('again');
  });
});
