/**
 * The export job's side of the update figure, in a process of its own (as a job is): the same issue
 * update sent straight to the fake Jira (through the egress client the companion uses) and sent
 * through the companion (`npm start`, HTTP on loopback), interleaved one at a time. Neither side
 * shares a process with the fake Jira or the companion, so both pay the same process hops a real
 * job would. Prints one JSON line: the milliseconds of every measured call of each side.
 * Run by export.bench.ts: node --import tsx server/bench/update-client.ts '<settings as JSON>'
 */
import { createNodeResolver, createPinnedAgentPool, createSafeFetch } from '../src/net/index';
import { interleavedLatencies } from './bench-processes';

export interface UpdateClientSettings {
  /** The fake Jira's issue URL (PUT), its CA (PEM) and the loopback DNS server that names it. */
  issueUrl: string;
  ca: string;
  dnsServer: string;
  pat: string;
  /** The companion's export URL (POST) and an export token. */
  companionUrl: string;
  exportToken: string;
  finding: string;
  warmup: number;
  rounds: number;
}

const settings = JSON.parse(process.argv[2] ?? '') as UpdateClientSettings;
const send = createSafeFetch({
  policy: { resolver: createNodeResolver({ servers: [settings.dnsServer] }), approvedEntries: ['127.0.0.0/24'], allowHttpForApproved: false, ownAddresses: [] },
  ca: settings.ca,
  agents: createPinnedAgentPool({ ca: settings.ca }),
});
const direct = async () => {
  const result = await send(settings.issueUrl, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { summary: 'Bench finding' } }),
    credentialHeaders: { authorization: `Bearer ${settings.pat}` },
    redirect: 'refuse',
  });
  if (result.kind !== 'response' || result.status !== 204) throw new Error(`direct PUT failed: ${result.kind}`);
};
// fetch sends the Content-Length of a string body itself.
const headers = { authorization: `Bearer ${settings.exportToken}`, 'content-type': 'application/json' };
const throughCompanion = async () => {
  const response = await fetch(settings.companionUrl, { method: 'POST', headers, body: settings.finding });
  if (response.status !== 200 && response.status !== 201) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
};
const sides = await interleavedLatencies({ direct, companion: throughCompanion }, settings.warmup, settings.rounds);
process.stdout.write(`${JSON.stringify(sides)}\n`);
process.exit(0);
