import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, createNodeResolver, createSafeFetch, type EgressPolicy } from '@webriskops/server/net';
import { oracleCoveredBy, oracleIsGlobalUnicast } from './support/address-oracle';
import { loadSsrfFixture } from './support/ssrf-fixtures';
import { startDnsServer, type TestDnsServer } from './support/dns-server';
import { startRecordingListener, type RecordingListener } from './support/recording-listener';
import { createStandIns, type StandIns } from './support/stand-ins';
import { createTestCertificates, type TestCertificates } from './support/test-ca';

interface RebindingCase {
  name: string;
  url: string;
  lookups: string[][];
  phase: string;
  expect: 'allowed-pinned' | 'blocked' | 'allowed-pinned-or-blocked';
  allowed_connect_to?: string[];
  must_not_connect_to: string[];
  allowlist?: string[];
}

const cases = loadSsrfFixture<RebindingCase[]>('rebinding-cases.json');

let dns: TestDnsServer;
let certs: TestCertificates;
beforeAll(async () => {
  dns = await startDnsServer();
  certs = await createTestCertificates({ dnsNames: [...new Set(cases.map((c) => new URL(c.url).hostname))] });
});
afterAll(async () => {
  await dns.close();
});

/** One case staged on loopback: DNS sequence of stand-ins, a listener per stand-in, one port. */
interface Stage {
  url: string;
  hostname: string;
  standIns: StandIns;
  listeners: Map<string, RecordingListener>;
  policy: EgressPolicy;
  connectionsTo(addresses: readonly string[]): number;
  close(): Promise<void>;
}

async function stage(c: RebindingCase): Promise<Stage> {
  dns.reset();
  const reachable = (address: string) =>
    (c.allowed_connect_to ?? []).includes(address) || oracleIsGlobalUnicast(address) || oracleCoveredBy(c.allowlist ?? [], address);
  const standIns = createStandIns(reachable);
  const steps = c.lookups.map((answers) => answers.map((address) => standIns.of(address)));
  for (const address of [...(c.allowed_connect_to ?? []), ...c.must_not_connect_to]) standIns.of(address);
  const url = new URL(c.url);
  dns.setSequence(url.hostname, steps, 0);

  const listeners = new Map<string, RecordingListener>();
  let port = 0;
  for (const standIn of standIns.assigned.values()) {
    const host = standIns.listenerHost(standIn);
    if (listeners.has(host)) continue;
    const listener = await startRecordingListener({ host, port, tls: certs });
    port = listener.port;
    listeners.set(host, listener);
  }
  url.port = String(port);
  const resolver = createNodeResolver({ servers: [dns.server], minTtlSeconds: 0, timeoutMs: 1000, tries: 1 });
  return {
    url: url.href,
    hostname: url.hostname,
    standIns,
    listeners,
    policy: { resolver, approvedEntries: standIns.approvedEntries, allowHttpForApproved: false, ownAddresses: [] },
    connectionsTo(addresses) {
      const hosts = new Set(addresses.map((address) => standIns.listenerHost(standIns.of(address))));
      return [...hosts].reduce((sum, host) => sum + (listeners.get(host)?.connections ?? 0), 0);
    },
    async close() {
      await Promise.all([...listeners.values()].map((listener) => listener.close()));
    },
  };
}

describe('rebinding-cases.json reproduced on loopback', () => {
  it.each(cases.map((c) => [`${c.name} (${c.phase}, expect ${c.expect})`, c] as const))('%s', async (_title, c) => {
    const s = await stage(c);
    try {
      const safeFetch = createSafeFetch({ policy: s.policy, ca: certs.ca });
      // One operation resolves once (in checkUrl) and dials only what that lookup returned. In the
      // keep-alive phase a second request follows: it must resolve again and be judged again.
      const operations = c.phase === 'keepalive-new-connection' ? 2 : 1;
      const outcomes: string[] = [];
      for (let i = 0; i < operations; i += 1) {
        const result = await safeFetch(s.url, { redirect: 'refuse', credentialHeaders: { authorization: 'Bearer t' } });
        outcomes.push(
          result.kind === 'response' ? `response ${result.status}` : result.kind === 'refused' ? `refused ${result.verdict.rule}` : `failed ${result.failure}`,
        );
      }
      if (c.expect === 'allowed-pinned') {
        expect(outcomes[0]).toBe('response 200');
        expect(s.connectionsTo(c.allowed_connect_to ?? [])).toBeGreaterThanOrEqual(1);
      }
      if (c.expect === 'blocked') expect(outcomes[0]).toMatch(/^refused /);
      if (c.expect === 'allowed-pinned-or-blocked') expect(outcomes[0]).toMatch(/^(response 200|refused )/);
      if (operations === 2) expect(outcomes[1]).toMatch(/^refused /);
      expect(s.connectionsTo(c.must_not_connect_to), outcomes.join(', ')).toBe(0);
      // The harness was armed: the next lookup really returns the next scripted (attack) answer.
      const next = c.lookups[operations];
      if (next) {
        const expected = next.map((address) => s.standIns.of(address));
        const answered = await s.policy.resolver.resolve(s.hostname).then(
          (r) => r.addresses,
          () => [],
        );
        expect(answered).toEqual(expected);
      }
    } finally {
      await s.close();
    }
  });

  it('control: a client that resolves again at connect time is caught by the same harness', async () => {
    const c = cases.find((candidate) => candidate.name === 'private-10');
    if (!c) throw new Error('fixture private-10 missing');
    const s = await stage(c);
    try {
      const verdict = await checkUrl(s.url, s.policy, { purpose: 'request' });
      expect(verdict.allowed).toBe(true);
      // The classic hole: validate, then let the HTTP client look the name up again.
      const naive = new Agent({
        connect: {
          ca: certs.ca,
          lookup: (hostname, _options, callback) => {
            s.policy.resolver.resolve(hostname).then(
              ({ addresses }) =>
                callback(
                  null,
                  addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
                ),
              (error: Error) => callback(error, []),
            );
          },
        },
      });
      await request(s.url, { dispatcher: naive }).then(
        (response) => response.body.dump(),
        () => undefined,
      );
      await naive.close();
      expect(s.connectionsTo(c.must_not_connect_to)).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});
