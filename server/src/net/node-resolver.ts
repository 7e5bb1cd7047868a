import { promises as dns } from 'node:dns';
import { domainKey, isValidDomainName } from './domain-name';
import { parseCanonicalIp } from './ip-literal';
import { ResolveError, type HostResolver, type ResolveFailureKind, type ResolvedHost } from './resolver';

/** Options of the Node resolver; times in milliseconds, TTL clamps in seconds. */
export interface NodeResolverOptions {
  /** `Resolver#setServers` entries (see parseDnsServers); empty means the system's servers. */
  servers?: readonly string[];
  timeoutMs?: number;
  tries?: number;
  minTtlSeconds?: number;
  maxTtlSeconds?: number;
  maxEntries?: number;
  clock?: { now(): number };
}

/** A HostResolver whose cache can be inspected and emptied (tests, benchmarks, operators). */
export interface NodeHostResolver extends HostResolver {
  clearCache(): void;
  readonly cacheSize: number;
}

interface CacheEntry {
  addresses: string[];
  expiresAt: number;
}

interface RecordWithTtl {
  address: string;
  ttl: number;
}

function failureKind(error: unknown): ResolveFailureKind {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOTFOUND') return 'nxdomain';
  if (code === 'ENODATA') return 'no-records';
  if (code === 'ETIMEOUT') return 'timeout';
  if (code === 'EBADNAME' || code === 'EBADQUERY' || code === 'EBADFAMILY') return 'invalid-name';
  return 'server-failure';
}

const FAILURE_TEXT: Record<ResolveFailureKind, string> = {
  nxdomain: 'does not exist (NXDOMAIN)',
  'no-records': 'has no A or AAAA records',
  timeout: 'did not answer in time (DNS timeout)',
  'invalid-name': 'is not a valid DNS name',
  'server-failure': 'could not be resolved (DNS server failure)',
};

function fail(kind: ResolveFailureKind, host: string): ResolveError {
  return new ResolveError(kind, host, `${host} ${FAILURE_TEXT[kind]}`);
}

type Outcome = { records: RecordWithTtl[] } | { kind: ResolveFailureKind };

async function query(run: () => Promise<RecordWithTtl[]>): Promise<Outcome> {
  try {
    return { records: await run() };
  } catch (error) {
    return { kind: failureKind(error) };
  }
}

/**
 * Resolves A and AAAA through `dns.promises.Resolver` (never `dns.lookup`, which ignores the
 * configured servers), caches answers for their TTL within [min, max], and fails closed: an
 * NXDOMAIN, a timeout or a failure of either query makes the whole name unresolvable.
 */
export function createNodeResolver(options: NodeResolverOptions = {}): NodeHostResolver {
  const resolver = new dns.Resolver({ timeout: options.timeoutMs ?? 1500, tries: options.tries ?? 2 });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
  const minTtl = options.minTtlSeconds ?? 5;
  const maxTtl = Math.max(minTtl, options.maxTtlSeconds ?? 300);
  const maxEntries = options.maxEntries ?? 10_000;
  const clock = options.clock;
  const now = clock ? () => clock.now() : () => Date.now();
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<CacheEntry>>();

  async function lookup(host: string, key: string): Promise<CacheEntry> {
    const [v4, v6] = await Promise.all([query(() => resolver.resolve4(host, { ttl: true })), query(() => resolver.resolve6(host, { ttl: true }))]);
    const benign = (kind: ResolveFailureKind) => kind === 'nxdomain' || kind === 'no-records';
    for (const outcome of [v4, v6]) if ('kind' in outcome && !benign(outcome.kind)) throw fail(outcome.kind, host);
    const records = [...('records' in v4 ? v4.records : []), ...('records' in v6 ? v6.records : [])];
    if (records.length === 0) {
      const nx = ('kind' in v4 && v4.kind === 'nxdomain') || ('kind' in v6 && v6.kind === 'nxdomain');
      throw fail(nx ? 'nxdomain' : 'no-records', host);
    }
    const ttl = Math.min(maxTtl, Math.max(minTtl, Math.min(...records.map((record) => record.ttl))));
    const entry = { addresses: records.map((record) => record.address), expiresAt: now() + ttl * 1000 };
    if (ttl > 0) {
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    }
    return entry;
  }

  return {
    async resolve(host: string): Promise<ResolvedHost> {
      if (parseCanonicalIp(host)) return { addresses: [host] };
      const key = domainKey(host);
      if (!isValidDomainName(key)) throw fail('invalid-name', host);
      const cached = cache.get(key);
      if (cached && cached.expiresAt > now()) return { addresses: [...cached.addresses] };
      if (cached) cache.delete(key);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = lookup(host, key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const entry = await pending;
      return { addresses: [...entry.addresses] };
    },
    async resolveTxt(name: string): Promise<string[][]> {
      try {
        return await resolver.resolveTxt(name);
      } catch (error) {
        const kind = failureKind(error);
        if (kind === 'nxdomain' || kind === 'no-records') return [];
        throw fail(kind, name);
      }
    },
    clearCache() {
      cache.clear();
    },
    get cacheSize() {
      return cache.size;
    },
  };
}
