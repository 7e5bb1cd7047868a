import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCompanion, type Companion } from './companion-harness';
import { prepareFirstRunForTest } from './first-run';
import { startDnsServer, type TestDnsServer } from './dns-server';
import { createTestCertificates } from './test-ca';
import { startFakeJiraDc, type FakeJiraDc } from '../fakes/fake-jira-dc';
import { targetName } from './target-names';

/**
 * The Data Center world as production sees it: Jira hostnames resolved by a real DNS server on
 * loopback, fake Jiras over HTTPS with a test CA given through EXTRA_CA_FILE, and 127.0.0.0/24
 * approved by the operator CLI as the workspace's tunnel network.
 */
export interface DataCenterWorld {
  dns: TestDnsServer;
  jira: FakeJiraDc;
  otherJira: FakeJiraDc;
  caFile: string;
  close(): Promise<void>;
}

export async function startDataCenterWorld(options: { otherHostname?: string } = {}): Promise<DataCenterWorld> {
  const otherHostname = options.otherHostname ?? 'jira2.acme.test';
  const dns = await startDnsServer();
  const certificates = await createTestCertificates({ dnsNames: ['jira.acme.test', otherHostname], ipAddresses: ['127.0.0.1'] });
  const caFile = join(mkdtempSync(join(tmpdir(), 'wro-ca-')), 'ca.pem');
  writeFileSync(caFile, certificates.ca);
  const jira = await startFakeJiraDc({ hostname: 'jira.acme.test', contextPath: '/jira', certificates });
  const otherJira = await startFakeJiraDc({ hostname: otherHostname, certificates });
  return {
    dns,
    jira,
    otherJira,
    caFile,
    async close() {
      // A test may have switched the second Jira off already.
      await Promise.all([jira.close(), otherJira.close().catch(() => undefined), dns.close()]);
    },
  };
}

/** A companion wired to the world, with an admin token and the loopback tunnel approved. */
export async function startWorldCompanion(
  world: DataCenterWorld,
  env: Record<string, string> = {},
  options: { traceSql?: boolean } = {},
): Promise<{ companion: Companion; admin: string }> {
  const companion = await startCompanion({
    env: { DNS_SERVERS: world.dns.server, EXTRA_CA_FILE: world.caFile, RECHECK_INTERVAL_MINUTES: '0', ...env },
    ...options,
  });
  await prepareFirstRunForTest(companion);
  const approved = await companion.cli(['network', 'approve', '--workspace', 'default', '--name', 'loopback tunnel', '127.0.0.0/24']);
  if (approved.code !== 0) throw new Error(`network approve failed: ${approved.stderr}`);
  return { companion, admin: await companion.token('default', 'admin') };
}

/** Drives the API from nothing to a saved, ready Data Center target; returns its id and PAT. */
export async function connectReadyDataCenterTarget(
  world: DataCenterWorld,
  companion: Pick<Companion, 'request'>,
  admin: string,
  jira: FakeJiraDc = world.jira,
) {
  const host = new URL(jira.baseUrl).hostname;
  world.dns.setAnswers(host, ['127.0.0.1']);
  const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
  const id = created.json.id as string;
  const patched = await companion.request('PATCH', `/api/v1/targets/${id}`, {
    token: admin,
    body: { base_url: jira.baseUrl, attestations: { owns_site: true, issue_api_reachable: true, scan_export_authorized: true } },
  });
  if (patched.status !== 200) throw new Error(`PATCH failed: ${patched.text}`);
  const challenge = patched.json.ownership.dns_challenge as { name: string; value: string };
  world.dns.setTxt(challenge.name, [[challenge.value]]);
  const checks = await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
  if (checks.status !== 200) throw new Error(`checks failed: ${checks.text}`);
  const pat = jira.issuePat();
  const stored = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, { token: admin, body: { pat } });
  if (stored.status !== 200) throw new Error(`credentials failed: ${stored.text}`);
  const activated = await companion.request('POST', `/api/v1/targets/${id}/activate`, { token: admin });
  if (activated.status !== 200) throw new Error(`activate failed: ${activated.text}`);
  return { id, pat, challenge };
}

/**
 * A fresh companion on the world with an export token and a ready Data Center target, Jira's request
 * log cleared, so a test sees only what its own export sends.
 */
export async function startReadyDataCenterExport(world: DataCenterWorld) {
  world.dns.reset();
  world.jira.reset();
  const { companion, admin } = await startWorldCompanion(world);
  const exporter = await companion.token('default', 'export');
  const target = await connectReadyDataCenterTarget(world, companion, admin);
  world.jira.reset();
  return { companion, admin, exporter, target };
}
