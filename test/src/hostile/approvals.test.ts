import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../support/dns-server';
import { startRecordingListener, type RecordingListener } from '../support/recording-listener';
import { startAccessCompanion, startRefusedCompanion, tempDataDir, type RunningAccessCompanion } from './support/access-world';

const dirs: Array<{ remove(): void }> = [];
let dns: TestDnsServer;
let companion: RunningAccessCompanion;
let adminToken: string;
let other: RecordingListener;

beforeAll(async () => {
  dns = await startDnsServer();
  other = await startRecordingListener({ host: '127.0.0.1' });
  const dir = tempDataDir();
  dirs.push(dir);
  companion = await startAccessCompanion(dir.path, { DNS_SERVERS: dns.server });
  adminToken = (await companion.cli(['token', 'create', '--workspace', 'default', '--role', 'admin'])).stdout.trim();
  dns.setAnswers('companion.hostile.test', ['127.0.0.1']);
}, 60_000);
afterAll(async () => {
  await companion?.stop();
  await other?.close();
  await dns?.close();
  dirs.forEach((dir) => dir.remove());
});

async function urlCheck(url: string) {
  const response = await fetch(`${companion.base}/api/v1/url-checks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { allowed: boolean; rule: string | null; reason: string; path: string | null };
}

describe('hostile: approvals that open too much (CLI and APPROVED_NETWORKS, real process)', () => {
  it('the CLI refuses network approve of 0.0.0.0/0, 10.0.0.0/7, ::/0 and 2000::/3 with exit 1, saying why for each', async () => {
    const entries = ['0.0.0.0/0', '10.0.0.0/7', '::/0', '2000::/3', '10.20.0.0/16'];
    const result = await companion.cli(['network', 'approve', '--workspace', 'default', '--name', 'too wide', ...entries]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/0\.0\.0\.0\/0 covers the unspecified address 0\.0\.0\.0/);
    expect(result.stderr).toMatch(/10\.0\.0\.0\/7 is wider than a \/8/);
    expect(result.stderr).toMatch(/::\/0 covers the unspecified address ::/);
    expect(result.stderr).toMatch(/2000::\/3 is wider than a \/32 of IPv6/);
    const listed = await companion.cli(['network', 'list', '--workspace', 'default']);
    expect(listed.code).toBe(0);
    expect(listed.stdout, 'nothing of the refused command was saved').not.toContain('too wide');
  }, 30_000);

  it('the server refuses to start with APPROVED_NETWORKS wider than a /8 or covering the unspecified address, naming the key', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const refused = await startRefusedCompanion(dir.path, { APPROVED_NETWORKS: '0.0.0.0/0, 10.0.0.0/7, ::/0, 10.20.0.0/16' });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/APPROVED_NETWORKS entry "0\.0\.0\.0\/0" covers the unspecified address/);
    expect(refused.output).toMatch(/APPROVED_NETWORKS entry "10\.0\.0\.0\/7" is wider than a \/8/);
    expect(refused.output).toMatch(/APPROVED_NETWORKS entry "::\/0" covers the unspecified address ::/);
    expect(refused.output).not.toMatch(/10\.20\.0\.0\/16/);
    expect(refused.output).not.toMatch(/companion listening/);
  }, 30_000);

  it("with 127.0.0.0/8 approved (allowed width-wise), the companion's own port stays blocked; other loopback ports open", async () => {
    const approved = await companion.cli(['network', 'approve', '--workspace', 'default', '--name', 'loopback lab', '127.0.0.0/8', 'companion.hostile.test']);
    expect(approved.code).toBe(0);

    const own = await urlCheck(`https://127.0.0.1:${companion.port}`);
    expect(own).toMatchObject({ allowed: false, rule: 'own-socket' });
    expect(own.reason).toMatch(/own listening socket/);
    const ownByName = await urlCheck(`https://companion.hostile.test:${companion.port}`);
    expect(ownByName, 'a name approval resolving to loopback does not reach the own port').toMatchObject({ allowed: false, rule: 'own-socket' });
    const mapped = await urlCheck(`https://[::ffff:127.0.0.1]:${companion.port}`);
    expect(mapped.allowed).toBe(false);

    const elsewhere = await urlCheck(`https://127.0.0.1:${other.port}`);
    expect(elsewhere).toMatchObject({ allowed: true, path: 'tunnel' });

    const cli = await companion.cli(['check-url', '--workspace', 'default', `https://127.0.0.1:${companion.port}/jira`]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/"rule":"own-socket"/);

    const target = (await (
      await fetch(`${companion.base}/api/v1/targets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: '{"provider_key":"jira_data_center","name":"Own socket"}',
      })
    ).json()) as { id: string };
    const patched = await fetch(`${companion.base}/api/v1/targets/${target.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        attestations: { owns_site: true, issue_api_reachable: true, scan_export_authorized: true },
        base_url: `https://companion.hostile.test:${companion.port}`,
      }),
    });
    expect(patched.status).toBe(409);
    const body = (await patched.json()) as { error: { code: string; message: string; next_action: string } };
    expect(body.error.code).toBe('PROVIDER_BASE_URL_BLOCKED');
    expect(body.error.message).toMatch(/own listening socket/);
    expect(body.error.next_action).toBeTruthy();
  }, 60_000);
});
