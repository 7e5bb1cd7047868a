import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, createNodeResolver } from '@webriskops/server/net';
import { startDnsServer, type TestDnsServer } from './support/dns-server';
import { loadSsrfFixture, type UrlCase } from './support/ssrf-fixtures';

const cases = loadSsrfFixture<UrlCase[]>('url-cases.json');

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(async () => {
  await dns.close();
});

const title = (c: UrlCase) => `${c.category}: ${JSON.stringify(c.url).slice(0, 90)}${c.policy ? ` [policy: ${c.policy}]` : ''}`;

describe('url-cases.json through checkUrl against a loopback DNS server', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  // `policy` on a case names the policy decision its expectation encodes (https-only, hard-deny,
  // ports...): it is documentation, not a switch. Every case runs under the one policy, with http
  // for approved networks both off and on: neither setting may change a fixture's verdict.
  describe.each([false, true])('allowHttpForApproved=%s', (allowHttpForApproved) => {
    it.each(cases.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
      dns.reset();
      for (const [name, addresses] of Object.entries(c.dns ?? {})) dns.setAnswers(name, addresses, 30);
      const resolver = createNodeResolver({ servers: [dns.server], timeoutMs: 1000, tries: 1 });
      const verdict = await checkUrl(c.url, {
        resolver,
        approvedEntries: c.allowlist ?? [],
        allowHttpForApproved,
        ownAddresses: [],
      });

      expect(verdict.allowed ? 'allowed' : 'blocked', verdict.reason).toBe(c.expect);
      expect(verdict.url).toBe(c.url);
      if (verdict.allowed) {
        expect(verdict).toMatchObject({ code: null, rule: null, path: c.allowlist ? 'tunnel' : 'direct' });
        expect(verdict.addresses.length).toBeGreaterThan(0);
        // A domain that passed must really have been asked of the DNS server.
        if (c.dns && Object.keys(c.dns).length > 0 && !c.whatwg_host?.startsWith('[')) {
          expect(dns.queries.length).toBeGreaterThan(0);
        }
      } else {
        expect(verdict.code).toBe('PROVIDER_BASE_URL_BLOCKED');
        expect(verdict.rule).toEqual(expect.any(String));
        expect(verdict.path).toBeNull();
        expect(verdict.reason.length).toBeGreaterThan(15);
      }
    });
  });
});
