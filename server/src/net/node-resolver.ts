import { promises as dns } from 'node:dns';
import { cachedResolution, type Resolution } from './cached-resolution';
import { ResolveError, type HostResolver, type ResolveFailureKind } from './resolver';

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
 * configured servers), behind the shared cache (see cachedResolution), and fails closed: an
 * NXDOMAIN, a timeout or a failure of either query makes the whole name unresolvable.
 */
export function createNodeResolver(options: NodeResolverOptions = {}): NodeHostResolver {
  const resolver = new dns.Resolver({ timeout: options.timeoutMs ?? 1500, tries: options.tries ?? 2 });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
  const clock = options.clock;

  async function lookup(host: string): Promise<Resolution> {
    const [v4, v6] = await Promise.all([query(() => resolver.resolve4(host, { ttl: true })), query(() => resolver.resolve6(host, { ttl: true }))]);
    const benign = (kind: ResolveFailureKind) => kind === 'nxdomain' || kind === 'no-records';
    for (const outcome of [v4, v6]) if ('kind' in outcome && !benign(outcome.kind)) throw fail(outcome.kind, host);
    const records = [...('records' in v4 ? v4.records : []), ...('records' in v6 ? v6.records : [])];
    if (records.length === 0) {
      const nx = ('kind' in v4 && v4.kind === 'nxdomain') || ('kind' in v6 && v6.kind === 'nxdomain');
      throw fail(nx ? 'nxdomain' : 'no-records', host);
    }
    return { addresses: records.map((record) => record.address), ttlSeconds: Math.min(...records.map((record) => record.ttl)) };
  }

  const cached = cachedResolution(lookup, { ...options, now: clock ? () => clock.now() : () => Date.now() });
  return {
    resolve: (host) => cached.resolve(host),
    async resolveTxt(name: string): Promise<string[][]> {
      try {
        return await resolver.resolveTxt(name);
      } catch (error) {
        const kind = failureKind(error);
        if (kind === 'nxdomain' || kind === 'no-records') return [];
        throw fail(kind, name);
      }
    },
    clearCache: () => cached.clear(),
    get cacheSize() {
      return cached.size;
    },
  };
}
