import { isIP } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, createNodeResolver, createSafeFetch, type EgressPolicy } from '@webriskops/server/net';
import { oracleCoveredBy, oracleIsGlobalUnicast } from './support/address-oracle';
import { loadSsrfFixture } from './support/ssrf-fixtures';
import { startDnsServer, type TestDnsServer } from './support/dns-server';
import { startRecordingListener, type RecordingListener } from './support/recording-listener';
import { createStandIns, type StandIns } from './support/stand-ins';
import { createTestCertificates, type TestCertificates } from './support/test-ca';

interface RedirectCase {
  name: string;
  url: string;
  dns: Record<string, string[]>;
  hops: Array<{ status: number; location: string }>;
  expect: 'allowed' | 'blocked';
  allowlist?: string[];
  policy?: string;
}

const cases = loadSsrfFixture<RedirectCase[]>('redirect-cases.json');

const SECRET = 'Bearer redirect-test-secret';

let dns: TestDnsServer;
let certs: TestCertificates;
beforeAll(async () => {
  dns = await startDnsServer();
  const names = cases.flatMap((c) => Object.keys(c.dns));
  certs = await createTestCertificates({ dnsNames: [...new Set(names)] });
});
afterAll(async () => {
  await dns.close();
});

const bare = (host: string) => host.replace(/^\[|\]$/g, '');

/** The hop target's host, when the Location names one (absolute or protocol-relative). */
function locationHost(location: string): string | null {
  if (!/^([a-z][a-z0-9+.-]*:)?\/\//i.test(location)) return null;
  return bare(new URL(location, 'https://placeholder.invalid').hostname);
}

/** Points an absolute Location at the stand-in port (and an IP literal at its stand-in). */
function rewriteLocation(location: string, port: number, standIns: StandIns): string {
  const host = locationHost(location);
  if (host === null) return location;
  const parsed = new URL(location, 'https://placeholder.invalid');
  const target = isIP(host) ? standIns.of(host) : host;
  const hostText = target.includes(':') ? `[${target}]` : target;
  const userinfo = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  const prefix = location.startsWith('//') ? '//' : `${parsed.protocol}//`;
  return `${prefix}${userinfo}${hostText}:${port}${parsed.pathname}${parsed.search}`;
}

interface Stage {
  url: string;
  policy: EgressPolicy;
  listeners: Map<string, RecordingListener>;
  /** Requests in arrival order: listener host, Host header, path, Authorization header. */
  log: Array<{ host: string; authority: string; path: string; authorization: string | undefined }>;
  /** Location headers as sent (pointed at the stand-in port). */
  sentLocations: string[];
  /** Listener hosts the hop at `index` points to. */
  hopTargetHosts(index: number): string[];
  close(): Promise<void>;
}

async function stage(c: RedirectCase): Promise<Stage> {
  dns.reset();
  const reachable = (address: string) => oracleIsGlobalUnicast(address) || oracleCoveredBy(c.allowlist ?? [], address);
  const standIns = createStandIns(reachable);
  for (const [name, addresses] of Object.entries(c.dns))
    dns.setAnswers(
      name,
      addresses.map((address) => standIns.of(address)),
      0,
    );
  for (const hop of c.hops) {
    const host = locationHost(hop.location);
    if (host && isIP(host)) standIns.of(host);
  }
  const log: Stage['log'] = [];
  const sentLocations: string[] = [];
  let served = 0;
  const listeners = new Map<string, RecordingListener>();
  let port = 0;
  for (const standIn of standIns.assigned.values()) {
    const host = standIns.listenerHost(standIn);
    if (listeners.has(host)) continue;
    const listener = await startRecordingListener({
      host,
      port,
      tls: certs,
      handler: (request, response) => {
        log.push({ host, authority: request.headers.host ?? '', path: request.url ?? '', authorization: request.headers.authorization });
        const hop = c.hops[served];
        served += 1;
        if (hop) {
          const location = rewriteLocation(hop.location, port, standIns);
          sentLocations.push(location);
          response.writeHead(hop.status, { location }).end();
        } else response.writeHead(200, { 'content-type': 'text/plain' }).end('final');
      },
    });
    port = listener.port;
    listeners.set(host, listener);
  }
  const url = new URL(c.url);
  url.port = String(port);
  // IP/CIDR entries are replaced by the stand-ins they cover; domain entries keep their meaning.
  const domainEntries = (c.allowlist ?? []).filter((entry) => !isIP(entry.split('/')[0] ?? ''));
  const resolver = createNodeResolver({ servers: [dns.server], minTtlSeconds: 0, timeoutMs: 1000, tries: 1 });
  return {
    url: url.href,
    policy: { resolver, approvedEntries: [...standIns.approvedEntries, ...domainEntries], allowHttpForApproved: false, ownAddresses: [] },
    listeners,
    log,
    sentLocations,
    hopTargetHosts(index) {
      const hop = c.hops[index];
      const host = hop ? locationHost(hop.location) : null;
      if (host === null) return [];
      const addresses = isIP(host) ? [host] : (c.dns[host] ?? []);
      return addresses.map((address) => standIns.listenerHost(standIns.of(address)));
    },
    close: () => Promise.all([...listeners.values()].map((listener) => listener.close())).then(() => undefined),
  };
}

const title = (c: RedirectCase) => `${c.name}: expect ${c.expect}${c.policy ? ` [policy: ${c.policy}]` : ''}`;

describe('redirect-cases.json reproduced on loopback (probe following up to 3 hops)', () => {
  it.each(cases.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
    const s = await stage(c);
    try {
      const safeFetch = createSafeFetch({ policy: s.policy, ca: certs.ca });
      const result = await safeFetch(s.url, { redirect: { follow: 3 }, credentialHeaders: { authorization: SECRET } });
      if (c.expect === 'allowed') {
        expect(result, JSON.stringify(result)).toMatchObject({ kind: 'response', status: 200 });
        expect(s.log).toHaveLength(c.hops.length + 1);
      } else {
        expect(result, JSON.stringify(result)).toMatchObject({ kind: 'refused', verdict: { allowed: false, code: 'PROVIDER_BASE_URL_BLOCKED' } });
        // The hop that was refused never reached its target: only the hops before it were asked.
        const refusedHop = s.log.length - 1;
        expect(refusedHop).toBeLessThanOrEqual(3);
        const untouched = s.hopTargetHosts(refusedHop).filter((host) => !s.log.some((entry) => entry.host === host));
        for (const host of untouched) expect(s.listeners.get(host)?.connections ?? 0).toBe(0);
      }
      // Credentials travel only while every hop so far stayed on the first origin.
      let sameOrigin = true;
      s.log.forEach((entry, index) => {
        if (index > 0 && entry.authority !== s.log[0]?.authority) sameOrigin = false;
        expect(entry.authorization, `request ${index} to ${entry.host}${entry.path}`).toBe(sameOrigin ? SECRET : undefined);
      });
    } finally {
      await s.close();
    }
  });

  it('counts every hop: the fourth redirect of too-many-hops is never requested', async () => {
    const c = cases.find((candidate) => candidate.name === 'too-many-hops');
    if (!c) throw new Error('fixture too-many-hops missing');
    const s = await stage(c);
    try {
      const result = await createSafeFetch({ policy: s.policy, ca: certs.ca })(s.url, { redirect: { follow: 3 } });
      expect(result).toMatchObject({ kind: 'refused', verdict: { rule: 'redirect' } });
      expect(s.log.map((entry) => entry.path)).toEqual(['/', '/1', '/2', '/3']);
    } finally {
      await s.close();
    }
  });
});

describe('redirect-cases.json for API calls (redirects refused)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: the first redirect is refused and names its Location', async (_name, c) => {
    const s = await stage(c);
    try {
      const result = await createSafeFetch({ policy: s.policy, ca: certs.ca })(s.url, { redirect: 'refuse', credentialHeaders: { authorization: SECRET } });
      expect(result).toMatchObject({ kind: 'refused', verdict: { rule: 'redirect', code: 'PROVIDER_BASE_URL_BLOCKED' } });
      expect(s.sentLocations).toHaveLength(1);
      if (result.kind === 'refused') expect(result.verdict.reason).toContain(s.sentLocations[0]);
      expect(s.log).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});

describe('redirect-cases.json hops judged with their real answers (no connection)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    dns.reset();
    for (const [name, addresses] of Object.entries(c.dns)) dns.setAnswers(name, addresses, 0);
    const policy: EgressPolicy = {
      resolver: createNodeResolver({ servers: [dns.server], minTtlSeconds: 0, timeoutMs: 1000, tries: 1 }),
      approvedEntries: c.allowlist ?? [],
      allowHttpForApproved: false,
      ownAddresses: [],
    };
    let current = new URL(c.url);
    const verdicts = [await checkUrl(current.href, policy, { purpose: 'request' })];
    for (const hop of c.hops.slice(0, 3)) {
      const host = locationHost(hop.location);
      const raw = host === null ? new URL(hop.location, current).href : hop.location.startsWith('//') ? `${current.protocol}${hop.location}` : hop.location;
      const verdict = await checkUrl(raw, policy, { purpose: 'request' });
      verdicts.push(verdict);
      if (!verdict.allowed) break;
      current = new URL(raw);
    }
    const allowedChain = verdicts.every((verdict) => verdict.allowed) && c.hops.length <= 3;
    expect(allowedChain ? 'allowed' : 'blocked', JSON.stringify(verdicts.map((v) => v.reason))).toBe(c.expect);
  });
});
