import { cachedResolution } from './cached-resolution';
import { domainKey } from './domain-name';
import { ResolveError, type HostResolver } from './resolver';

/** Options for DNS over HTTPS (RFC 8484 JSON form, as Cloudflare and Google serve it). */
export interface DohResolverOptions {
  /** e.g. `https://cloudflare-dns.com/dns-query`; operator-configured, so it is trusted. */
  endpoint: string;
  send?: typeof fetch;
  timeoutMs?: number;
  minTtlSeconds?: number;
  maxTtlSeconds?: number;
  /** Names kept in the cache at most (oldest go first). */
  maxEntries?: number;
  now?: () => number;
}

interface DohAnswer {
  Status?: number;
  Answer?: { type: number; TTL: number; data: string }[];
}

const TYPE = { A: 1, AAAA: 28, TXT: 16 } as const;

/**
 * The resolver for Workers, where no UDP resolver exists: A and AAAA over DoH with the same
 * fail-closed rules as the Node resolver (NXDOMAIN, SERVFAIL, timeouts and empty answers throw),
 * behind the same cache (see cachedResolution).
 */
export function createDohResolver(options: DohResolverOptions): HostResolver {
  const send = options.send ?? ((input, init) => fetch(input, init));

  async function query(name: string, type: keyof typeof TYPE): Promise<DohAnswer> {
    const url = `${options.endpoint}?name=${encodeURIComponent(name)}&type=${type}`;
    let response: Response;
    try {
      response = await send(url, { headers: { accept: 'application/dns-json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 3000), redirect: 'error' });
    } catch {
      throw new ResolveError('timeout', name, `The DNS-over-HTTPS lookup of ${name} failed or timed out.`);
    }
    if (!response.ok) throw new ResolveError('server-failure', name, `The DNS-over-HTTPS server answered HTTP ${response.status} for ${name}.`);
    const body = (await response.json().catch(() => null)) as DohAnswer | null;
    if (!body || typeof body.Status !== 'number') throw new ResolveError('server-failure', name, `The DNS-over-HTTPS answer for ${name} is not DNS JSON.`);
    if (body.Status === 3) throw new ResolveError('nxdomain', name, `${name} does not exist (NXDOMAIN).`);
    if (body.Status !== 0) throw new ResolveError('server-failure', name, `The DNS server failed for ${name} (rcode ${body.Status}).`);
    return body;
  }

  const cached = cachedResolution(
    async (host) => {
      const name = domainKey(host);
      const [a, aaaa] = await Promise.all([query(name, 'A'), query(name, 'AAAA')]);
      const records = [...(a.Answer ?? []).filter((r) => r.type === TYPE.A), ...(aaaa.Answer ?? []).filter((r) => r.type === TYPE.AAAA)];
      if (records.length === 0) throw new ResolveError('no-records', name, `${name} has no A or AAAA records.`);
      return { addresses: [...new Set(records.map((r) => r.data))], ttlSeconds: Math.min(...records.map((r) => r.TTL)) };
    },
    { ...options, now: options.now ?? (() => Date.now()) },
  );

  return {
    resolve: (host) => cached.resolve(host),
    async resolveTxt(name: string): Promise<string[][]> {
      let answer: DohAnswer;
      try {
        answer = await query(name, 'TXT');
      } catch (error) {
        if (error instanceof ResolveError && error.kind === 'nxdomain') return [];
        throw error;
      }
      return (answer.Answer ?? []).filter((r) => r.type === TYPE.TXT).map((r) => txtChunks(r.data));
    },
  };
}

/** TXT data as DoH servers write it: quoted chunks (`"a" "b"`), or the bare text. */
function txtChunks(data: string): string[] {
  const quoted = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!.replace(/\\(.)/g, '$1'));
  return quoted.length > 0 ? quoted : [data];
}
