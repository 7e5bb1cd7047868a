import { describe, expect, it } from 'vitest';
import { checkUrl, type EgressPolicy } from './check-url';
import { ResolveError, type HostResolver } from './resolver';

function fakeResolver(answers: Record<string, string[] | ResolveError>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async resolve(host) {
      asked.push(host);
      const answer = answers[host.toLowerCase()];
      if (answer === undefined) throw new ResolveError('nxdomain', host, `${host} does not exist (NXDOMAIN)`);
      if (answer instanceof ResolveError) throw answer;
      return { addresses: [...answer] };
    },
    async resolveTxt() {
      return [];
    },
  };
}

function policy(answers: Record<string, string[] | ResolveError>, extra: Partial<EgressPolicy> = {}): EgressPolicy {
  return { resolver: fakeResolver(answers), approvedEntries: [], allowHttpForApproved: false, ownAddresses: [], ...extra };
}

describe('checkUrl', () => {
  it('allows a public host directly and reports what it judged', async () => {
    const verdict = await checkUrl('https://Jira.Example.com/jira/', policy({ 'jira.example.com': ['93.184.216.34', '2606:2800:220:1::1'] }));
    expect(verdict).toEqual({
      url: 'https://Jira.Example.com/jira/',
      allowed: true,
      code: null,
      rule: null,
      reason: expect.stringContaining('directly'),
      addresses: ['93.184.216.34', '2606:2800:220:1::1'],
      path: 'direct',
      normalized_url: 'https://jira.example.com/jira',
    });
  });

  it('blocks the host when any one answer is bad', async () => {
    const verdict = await checkUrl('https://mixed.example.com/', policy({ 'mixed.example.com': ['93.184.216.34', '::ffff:127.0.0.1'] }));
    expect(verdict).toMatchObject({ allowed: false, code: 'PROVIDER_BASE_URL_BLOCKED', rule: 'loopback', path: null });
    expect(verdict.reason).toContain('::ffff:127.0.0.1');
  });

  it.each([
    ['nxdomain', 'does not exist'],
    ['timeout', 'timed out'],
    ['no-records', 'no A or AAAA'],
  ] as const)('fails closed on %s', async (kind, text) => {
    const error = new ResolveError(kind, 'x.example.com', kind === 'timeout' ? 'x.example.com timed out' : `x.example.com ${text}`);
    const verdict = await checkUrl('https://x.example.com/', policy({ 'x.example.com': error }));
    expect(verdict).toMatchObject({ allowed: false, rule: 'unresolvable' });
    expect(verdict.reason).toContain(text);
  });

  it('fails closed when a resolver returns nothing or throws something unexpected', async () => {
    expect(await checkUrl('https://empty.example.com/', policy({ 'empty.example.com': [] }))).toMatchObject({ rule: 'unresolvable' });
    const broken: HostResolver = { resolve: () => Promise.reject(new Error('boom')), resolveTxt: async () => [] };
    const verdict = await checkUrl('https://x.example.com/', { ...policy({}), resolver: broken });
    expect(verdict).toMatchObject({ allowed: false, rule: 'unresolvable' });
  });

  it('does not resolve IP literals or URLs refused by syntax', async () => {
    const p = policy({});
    await checkUrl('https://8.8.8.8/', p);
    await checkUrl('https://[2606:4700:4700::1111]/', p);
    await checkUrl('ftp://jira.example.com/', p);
    expect((p.resolver as ReturnType<typeof fakeResolver>).asked).toEqual([]);
    expect(await checkUrl('https://[2606:4700:4700::1111]:8443/', p)).toMatchObject({ allowed: true, addresses: ['2606:4700:4700::1111'] });
  });

  it('opens approved networks as a tunnel, per answer and per port', async () => {
    const answers = { 'jira.corp.example': ['10.1.2.3'], 'split.corp.example': ['10.1.2.3', '192.168.0.5'] };
    const approved = policy(answers, { approvedEntries: ['10.0.0.0/8'] });
    expect(await checkUrl('https://jira.corp.example/', approved)).toMatchObject({ allowed: true, path: 'tunnel' });
    expect(await checkUrl('https://split.corp.example/', approved)).toMatchObject({ allowed: false, rule: 'private-network' });
    const portOnly = policy(answers, { approvedEntries: ['10.1.2.3:8443'] });
    expect(await checkUrl('https://jira.corp.example:8443/', portOnly)).toMatchObject({ allowed: true, path: 'tunnel' });
    const wrongPort = await checkUrl('https://jira.corp.example/', portOnly);
    expect(wrongPort).toMatchObject({ allowed: false, rule: 'not-approved' });
    expect(wrongPort.reason).toContain('8443');
  });

  it('keeps the hard-deny set closed for approved names and networks', async () => {
    const answers = { 'jira.internal.example': ['169.254.169.254'] };
    const verdict = await checkUrl('https://jira.internal.example/', policy(answers, { approvedEntries: ['jira.internal.example', '0.0.0.0/0'] }));
    expect(verdict).toMatchObject({ allowed: false, rule: 'link-local-metadata' });
    expect(verdict.reason).toContain('even inside an approved network');
  });

  it("never lets anything reach the server's own addresses", async () => {
    const p = policy({ 'self.example.com': ['203.0.113.7'] }, { ownAddresses: ['203.0.113.7'], approvedEntries: ['203.0.113.0/24'] });
    expect(await checkUrl('https://self.example.com/', p)).toMatchObject({ allowed: false, rule: 'own-address' });
    expect(await checkUrl('https://[::ffff:203.0.113.7]/', p)).toMatchObject({ allowed: false, rule: 'own-address' });
  });

  it('allows http only when every address is in an approved network', async () => {
    const answers = { 'jira.corp.example': ['10.1.2.3'], 'public.example.com': ['93.184.216.34'], 'half.corp.example': ['10.1.2.3', '93.184.216.34'] };
    const withHttp = policy(answers, { approvedEntries: ['10.0.0.0/8'], allowHttpForApproved: true });
    expect(await checkUrl('http://jira.corp.example:8080/', withHttp)).toMatchObject({ allowed: true, path: 'tunnel' });
    expect(await checkUrl('http://public.example.com:8080/', withHttp)).toMatchObject({ allowed: false, rule: 'scheme' });
    expect(await checkUrl('http://half.corp.example:8080/', withHttp)).toMatchObject({ allowed: false, rule: 'scheme' });
    expect(await checkUrl('https://half.corp.example/', withHttp)).toMatchObject({ allowed: true, path: 'tunnel' });
    const withoutHttp = policy(answers, { approvedEntries: ['10.0.0.0/8'] });
    expect(await checkUrl('http://jira.corp.example:8080/', withoutHttp)).toMatchObject({ allowed: false, rule: 'scheme' });
  });

  it('keeps a query only for request URLs', async () => {
    const p = policy({ 'jira.example.com': ['93.184.216.34'] });
    expect(await checkUrl('https://jira.example.com/rest?x=1', p)).toMatchObject({ allowed: false, rule: 'query' });
    expect(await checkUrl('https://jira.example.com/rest?x=1', p, { purpose: 'request' })).toMatchObject({
      allowed: true,
      normalized_url: 'https://jira.example.com/rest?x=1',
    });
  });
});
