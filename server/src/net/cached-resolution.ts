import { domainKey, isValidDomainName } from './domain-name';
import { parseCanonicalIp } from './ip-literal';
import { ResolveError, type ResolvedHost } from './resolver';

/** One name's A and AAAA addresses as a DNS transport found them, with the smallest TTL among them. */
export interface Resolution {
  addresses: string[];
  ttlSeconds: number;
}

/** TTL clamps in seconds; `maxEntries` caps the names kept (oldest go first). */
export interface ResolutionCacheOptions {
  minTtlSeconds?: number;
  maxTtlSeconds?: number;
  maxEntries?: number;
  now: () => number;
}

/** `resolve` with the cache in front; `clear` and `size` for tests, benchmarks and operators. */
export interface CachedResolution {
  resolve(host: string): Promise<ResolvedHost>;
  clear(): void;
  readonly size: number;
}

/**
 * What every resolver does around its DNS transport (UDP on Node, DNS over HTTPS on Workers): an
 * IP literal is its own answer; a name that is not a valid DNS name fails closed before any query
 * leaves; concurrent lookups of one name share one query; answers are kept for their TTL clamped to
 * [min, max] (not at all for 0), in a cache of at most `maxEntries` names, so hostile input cannot
 * grow it without bound; every caller gets its own copy of the addresses.
 */
export function cachedResolution(lookup: (host: string) => Promise<Resolution>, options: ResolutionCacheOptions): CachedResolution {
  const minTtl = options.minTtlSeconds ?? 5;
  const maxTtl = Math.max(minTtl, options.maxTtlSeconds ?? 300);
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { addresses: string[]; expiresAt: number }>();
  const inFlight = new Map<string, Promise<string[]>>();

  async function lookupAndKeep(host: string, key: string): Promise<string[]> {
    const { addresses, ttlSeconds } = await lookup(host);
    const ttl = Math.min(maxTtl, Math.max(minTtl, ttlSeconds));
    if (ttl > 0) {
      cache.delete(key);
      cache.set(key, { addresses, expiresAt: options.now() + ttl * 1000 });
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    }
    return addresses;
  }

  return {
    async resolve(host) {
      if (parseCanonicalIp(host)) return { addresses: [host] };
      const key = domainKey(host);
      if (!isValidDomainName(key)) throw new ResolveError('invalid-name', host, `${host} is not a valid DNS name`);
      const cached = cache.get(key);
      if (cached && cached.expiresAt > options.now()) return { addresses: [...cached.addresses] };
      if (cached) cache.delete(key);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = lookupAndKeep(host, key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return { addresses: [...(await pending)] };
    },
    clear: () => cache.clear(),
    get size() {
      return cache.size;
    },
  };
}
