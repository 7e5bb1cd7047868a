import { ResolveError, type HostResolver, type ResolvedHost } from './resolver';

/** Options for DNS over HTTPS (RFC 8484 JSON form, as Cloudflare and Google serve it). */
export interface DohResolverOptions {
  /** e.g. `https://cloudflare-dns.com/dns-query`; operator-configured, so it is trusted. */
  endpoint: string;
  send?: typeof fetch;
  timeoutMs?: number;
  minTtlSeconds?: number;
  maxTtlSeconds?: number;
  now?: () => number;
}

interface DohAnswer {
  Status?: number;
  Answer?: { type: number; TTL: number; data: string }[];
}

const TYPE = { A: 1, AAAA: 28, TXT: 16 } as const;

/**
 * The resolver for Workers, where no UDP resolver exists: A and AAAA over DoH with the same
 * fail-closed rules as the Node resolver (NXDOMAIN, SERVFAIL, timeouts and empty answers throw)
 * and a TTL-respecting cache.
 */
export function createDohResolver(options: DohResolverOptions): HostResolver {
  const send = options.send ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => Date.now());
  const minTtl = options.minTtlSeconds ?? 5;
  const maxTtl = Math.max(minTtl, options.maxTtlSeconds ?? 300);
  const cache = new Map<string, { addresses: string[]; expiresAt: number }>();

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

  return {
    async resolve(host: string): Promise<ResolvedHost> {
      const key = host.toLowerCase().replace(/\.$/, '');
      const cached = cache.get(key);
      if (cached && cached.expiresAt > now()) return { addresses: cached.addresses };
      const [a, aaaa] = await Promise.all([query(key, 'A'), query(key, 'AAAA')]);
      const records = [...(a.Answer ?? []).filter((r) => r.type === TYPE.A), ...(aaaa.Answer ?? []).filter((r) => r.type === TYPE.AAAA)];
      if (records.length === 0) throw new ResolveError('no-records', key, `${key} has no A or AAAA records.`);
      const ttl = Math.min(maxTtl, Math.max(minTtl, Math.min(...records.map((r) => r.TTL))));
      const addresses = [...new Set(records.map((r) => r.data))];
      cache.set(key, { addresses, expiresAt: now() + ttl * 1000 });
      return { addresses };
    },
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
