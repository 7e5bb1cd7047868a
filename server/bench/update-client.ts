/**
 * The export job's side of the update figure, in a process of its own (as a job is): the same issue
 * update sent straight to the fake Jira (through the egress client the companion uses) and sent
 * through the companion (`npm start`, HTTP on loopback), interleaved one at a time, with the same
 * POST sent to a bare Hono route (the HTTP hop alone, no work behind it). No side shares a process
 * with the fake Jira or the companion, so each pays the process hops a real job would. Prints one
 * JSON line: the milliseconds of every measured call of each side.
 * Run by export.bench.ts: node --import tsx server/bench/update-client.ts '<settings as JSON>'
 */
import { interleavedLatencies } from './bench-processes';
import { directIssuePut, type DirectIssueTarget } from './direct-issue-put';

export interface UpdateClientSettings extends DirectIssueTarget {
  /** The companion's export URL (POST) and an export token. */
  companionUrl: string;
  exportToken: string;
  /** The bare Hono route's POST /issues. */
  bareUrl: string;
  finding: string;
  warmup: number;
  rounds: number;
}

const settings = JSON.parse(process.argv[2] ?? '') as UpdateClientSettings;
const direct = directIssuePut(settings);
// fetch sends the Content-Length of a string body itself.
const headers = { authorization: `Bearer ${settings.exportToken}`, 'content-type': 'application/json' };
const throughCompanion = async () => {
  const response = await fetch(settings.companionUrl, { method: 'POST', headers, body: settings.finding });
  if (response.status !== 200 && response.status !== 201) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
};
const toBareRoute = async () => {
  const response = await fetch(settings.bareUrl, { method: 'POST', headers, body: settings.finding });
  if (response.status !== 201) throw new Error(`the bare route answered ${response.status}`);
  await response.arrayBuffer();
};
const sides = await interleavedLatencies({ direct, companion: throughCompanion, bare: toBareRoute }, settings.warmup, settings.rounds);
process.stdout.write(`${JSON.stringify(sides)}\n`);
process.exit(0);
