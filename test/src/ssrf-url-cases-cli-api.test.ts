import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { startDnsServer, type TestDnsServer } from './support/dns-server';
import { loadSsrfFixture, type UrlCase } from './support/ssrf-fixtures';
import { runCompanionCli } from './support/processes';

const cases = loadSsrfFixture<UrlCase[]>('url-cases.json');

let dns: TestDnsServer;
let companion: Companion;

beforeAll(async () => {
  dns = await startDnsServer();
  companion = await startCompanion({ env: { DNS_SERVERS: dns.server } });
});
afterAll(async () => {
  companion.stop();
  await dns.close();
});

/** A workspace per case whose approved networks are the case's allowlist, approved by the operator CLI. */
async function workspaceFor(index: number, allowlist: string[] | undefined): Promise<{ name: string; token: string }> {
  const name = `case-${index}`;
  expect((await companion.cli(['workspace', 'create', name])).code).toBe(0);
  if (allowlist && allowlist.length > 0) {
    const all = await companion.cli(['network', 'approve', '--workspace', name, '--name', 'fixture', ...allowlist]);
    if (all.code !== 0) {
      // The CLI refuses garbage and never-open entries loudly; approve the acceptable ones alone.
      for (const entry of allowlist) await companion.cli(['network', 'approve', '--workspace', name, '--name', 'fixture', entry]);
    }
  }
  return { name, token: await companion.token(name, 'admin') };
}

function serveDns(dnsAnswers: UrlCase['dns']) {
  dns.reset();
  for (const [name, addresses] of Object.entries(dnsAnswers ?? {})) dns.setAnswers(name, addresses);
}

describe('url-cases.json through the CLI and the API, against a real DNS server on loopback', () => {
  it.each(cases.map((testCase, index) => [index, testCase.url, testCase] as const))('case %i %s', async (index, _url, testCase) => {
    serveDns(testCase.dns);
    const workspace = await workspaceFor(index, testCase.allowlist);

    const cli = await companion.cli(['check-url', '--workspace', workspace.name, testCase.url]);
    const cliVerdict = JSON.parse(cli.stdout.trim()) as { allowed: boolean; code: string | null; reason: string };
    expect(cli.code, `${testCase.url}: ${cliVerdict.reason}`).toBe(testCase.expect === 'allowed' ? 0 : 1);
    expect(cliVerdict.allowed).toBe(testCase.expect === 'allowed');

    const api = await companion.request('POST', '/api/v1/url-checks', { token: workspace.token, body: { url: testCase.url } });
    expect(api.status).toBe(200);
    expect(api.json.allowed, `${testCase.url}: ${api.json.reason}`).toBe(testCase.expect === 'allowed');
    if (testCase.expect === 'blocked') {
      expect(api.json.code).toBe('PROVIDER_BASE_URL_BLOCKED');
      expect(api.json.reason.length).toBeGreaterThan(10);
    } else {
      expect(api.json.path).toMatch(/^(direct|tunnel)$/);
    }
  });
});

describe('tenancy of approved networks', () => {
  it("one workspace's approved network does not open a private URL for another, and revoking takes effect at once", async () => {
    serveDns({ 'jira.tenancy-test.example': ['10.20.30.40'] });
    const owner = await workspaceFor(10_001, ['10.20.0.0/16']);
    const stranger = await workspaceFor(10_002, undefined);
    const ask = (token: string) => companion.request('POST', '/api/v1/url-checks', { token, body: { url: 'https://jira.tenancy-test.example/jira' } });
    expect((await ask(owner.token)).json).toMatchObject({ allowed: true, path: 'tunnel', addresses: ['10.20.30.40'] });
    expect((await ask(stranger.token)).json).toMatchObject({ allowed: false, code: 'PROVIDER_BASE_URL_BLOCKED' });

    const listed = await companion.cli(['network', 'list', '--workspace', owner.name]);
    const networkId = (JSON.parse(listed.stdout.trim()) as { id: string }).id;
    expect((await companion.cli(['network', 'revoke', networkId])).code).toBe(0);
    expect((await ask(owner.token)).json).toMatchObject({ allowed: false, code: 'PROVIDER_BASE_URL_BLOCKED' });
  });

  it('the API offers no way to approve a network', async () => {
    const workspace = await workspaceFor(10_003, undefined);
    for (const path of ['/api/v1/networks', '/api/v1/approved-networks', '/api/v1/url-checks/approve']) {
      const response = await companion.request('POST', path, { token: workspace.token, body: { entries: ['10.0.0.0/8'] } });
      expect(response.status).toBe(404);
    }
    const doc = await companion.request('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.json.paths).filter((path) => /network|approve/i.test(path))).toEqual([]);
  });

  it('an export token may not run URL checks', async () => {
    const workspace = await workspaceFor(10_004, undefined);
    const exportToken = await companion.token(workspace.name, 'export');
    expect((await companion.request('POST', '/api/v1/url-checks', { token: exportToken, body: { url: 'https://jira.example.com' } })).status).toBe(403);
  });
});

describe('check-url as a real process', () => {
  it('reads URLs from stdin, prints one JSON line each, exits 1 when any is refused and 2 on bad usage', async () => {
    const env = { DATA_DIR: companion.dataDir, DNS_SERVERS: dns.server };
    serveDns({ 'jira.example.com': ['93.184.216.34'] });
    const mixed = await runCompanionCli(['check-url'], env, 'https://jira.example.com/jira\nhttps://127.0.0.1/\n');
    const lines = mixed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { url: string; allowed: boolean; reason: string });
    expect(lines.map((line) => [line.url, line.allowed])).toEqual([
      ['https://jira.example.com/jira', true],
      ['https://127.0.0.1/', false],
    ]);
    expect(lines[1]!.reason).toMatch(/loopback/i);
    expect(mixed.code).toBe(1);
    expect((await runCompanionCli(['check-url', 'https://jira.example.com/'], env)).code).toBe(0);
    expect((await runCompanionCli(['check-url', '--nope'], env)).code).toBe(2);
  }, 30_000);
});
