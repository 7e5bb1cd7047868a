// An export job against the companion, through the typed client (@webriskops/client):
// readiness, then mapping metadata, then one idempotent create-or-update per finding, waiting out
// Retry-After; the portable CSV when the target is blocked. Run from the repository root:
//
//   WRO_URL=http://127.0.0.1:8787 WRO_TOKEN=wro_… node --import tsx examples/export-job.ts \
//     --target tgt_… --findings findings.json --project SEC [--issue-type Task] [--label webriskops]
//     [--field customfield_10100=10200] [--out .] [--max-wait 60]
//
// findings.json: a JSON array of findings, or NDJSON (one per line). Exit 0 when every finding is
// in Jira or in the portable file, 1 when some were refused or deferred, 2 on bad usage.
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createCompanionClient, type components } from '@webriskops/client';

type Finding = components['schemas']['Finding'];
type Mapping = components['schemas']['IssueMapping'];

const PRIORITY_NAMES: Record<Finding['severity'], string> = { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low', info: 'Lowest' };
const MAX_ATTEMPTS = 5;

const say = (what: string, text: string) => process.stdout.write(`${what.padEnd(10)} ${text}\n`);
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: process.env.WRO_TARGET },
    findings: { type: 'string' },
    project: { type: 'string' },
    'issue-type': { type: 'string' },
    label: { type: 'string', multiple: true, default: ['webriskops'] },
    field: { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: '.' },
    'max-wait': { type: 'string', default: '60' },
  },
});
const baseUrl = process.env.WRO_URL ?? 'http://127.0.0.1:8787';
const token = process.env.WRO_TOKEN ?? fail('Set WRO_TOKEN to an export token (npm run companion -- token create --role export).');
const targetId = args.target ?? fail('Pass --target tgt_… (or set WRO_TARGET).');
const projectKey = args.project ?? fail('Pass --project KEY.');
const maxWaitSeconds = Number(args['max-wait']);
const text = readFileSync(args.findings ?? fail('Pass --findings file.json (a JSON array or NDJSON).'), 'utf8').trim();
const findings = (
  text.startsWith('[')
    ? JSON.parse(text)
    : text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
) as Finding[];

const api = createCompanionClient({ baseUrl, token });
const tally = { created: 0, updated: 0, replayed: 0, refused: 0, deferred: 0, portable: 0, waits: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `call` again after each Retry-After the companion gives (503 when Jira is busy), up to a limit. */
async function withRetryAfter<T extends { response: Response }>(label: string, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await call();
    const header = result.response.headers.get('retry-after');
    const wait = header !== null && /^\d+$/.test(header) ? Number(header) : null;
    if (wait === null || attempt >= MAX_ATTEMPTS || wait > maxWaitSeconds) return result;
    tally.waits += 1;
    say('waited', `${wait} s (Retry-After) before sending ${label} again`);
    await sleep(wait * 1000);
  }
}

/** The portable fallback: the findings as a Jira CSV import file, written where --out says. */
async function writePortable(rest: Finding[]): Promise<void> {
  const { response } = await api.POST('/exports/portable', {
    params: { query: { format: 'csv', labels: args.label.join(',') } },
    body: rest,
    parseAs: 'stream',
  });
  if (!response.ok || !response.body) fail(`The portable export answered HTTP ${response.status}.`);
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'webriskops-findings.csv';
  await pipeline(Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]), createWriteStream(join(args.out, filename)));
  tally.portable += rest.length;
  say('portable', `${rest.length} finding(s) -> ${filename} (import it with Jira's CSV importer)`);
}

function printSummary(): void {
  say(
    'summary',
    `${findings.length} findings: ${tally.created} created, ${tally.updated} updated, ${tally.replayed} replayed, ${tally.refused} refused, ${tally.deferred} deferred, ${tally.portable} in the portable file; ${tally.waits} wait(s) for Retry-After`,
  );
  process.exit(tally.refused + tally.deferred > 0 ? 1 : 0);
}

// 1. Readiness: one database read on the companion, no call to Jira.
const readiness = await withRetryAfter('readiness', () => api.GET('/targets/{id}/readiness', { params: { path: { id: targetId } } }));
if (!readiness.data) fail(`Readiness answered HTTP ${readiness.response.status}: ${readiness.error?.error.message ?? ''}`);
if (!readiness.data.ready) {
  say('blocked', `${readiness.data.code ?? readiness.data.state}: ${readiness.data.reason ?? ''}`);
  await writePortable(findings);
  printSummary();
}
say('readiness', `${targetId}: ready`);

// 2. Metadata: the issue type, its allowed priorities and its required fields.
const metadata = await withRetryAfter('metadata', () =>
  api.GET('/targets/{id}/metadata', { params: { path: { id: targetId }, query: { project_key: projectKey } } }),
);
if (!metadata.data?.project)
  fail(`Metadata for ${projectKey} answered HTTP ${metadata.response.status}: ${metadata.error?.error.message ?? 'no such project'}`);
const issueType =
  metadata.data.project.issue_types.find((type) => (args['issue-type'] ? type.name === args['issue-type'] : !type.subtask)) ??
  fail(`No issue type ${args['issue-type'] ?? ''} in ${projectKey}.`);
const extraFields = Object.fromEntries(args.field.map((entry) => [entry.split('=')[0]!, { id: entry.slice(entry.indexOf('=') + 1) }]));
const unfilled = issueType.required_fields.filter((field) => field.filled_by === 'mapping' && !(field.id in extraFields));
if (unfilled.length)
  fail(`${issueType.name} in ${projectKey} requires ${unfilled.map((field) => `${field.id} (${field.name})`).join(', ')}: pass --field id=valueId.`);
const severityPriorityIds = Object.fromEntries(
  Object.entries(PRIORITY_NAMES).flatMap(([severity, name]) =>
    issueType.priorities.filter((priority) => priority.name === name).map((priority) => [severity, priority.id]),
  ),
);
const mapping: Mapping = {
  project_key: projectKey,
  issue_type_id: issueType.id,
  severity_priority_ids: severityPriorityIds,
  labels: args.label,
  extra_fields: extraFields,
};
say('metadata', `${projectKey}: ${issueType.name} (${issueType.id}), priorities ${issueType.priorities.map((priority) => priority.name).join(', ')}`);

// 3. One create-or-update per finding. The Idempotency-Key is a hash of target and body: running
//    the job again with the same findings replays the stored answers and sends nothing to Jira.
for (const [index, finding] of findings.entries()) {
  const body = { finding, mapping };
  const key = `wro-${createHash('sha256')
    .update(`${targetId}\n${JSON.stringify(body)}`)
    .digest('hex')
    .slice(0, 32)}`;
  const answer = await withRetryAfter(finding.fingerprint, () =>
    api.POST('/targets/{id}/issues', { params: { path: { id: targetId }, header: { 'idempotency-key': key } }, body }),
  );
  if (answer.data) {
    const replayed = answer.response.headers.get('idempotent-replayed') === 'true';
    if (replayed) tally.replayed += 1;
    else tally[answer.data.action] += 1;
    say(replayed ? 'replayed' : answer.data.action, `${answer.data.issue.key.padEnd(8)} ${finding.fingerprint}`);
    continue;
  }
  const error = answer.error?.error;
  if (answer.response.status === 409 && error && 'fallback' in error && error.fallback) {
    say('blocked', `${error.code}: ${error.message}`);
    await writePortable(findings.slice(index));
    break;
  }
  if (answer.response.status === 503 || answer.response.status === 502) tally.deferred += 1;
  else tally.refused += 1;
  say(
    answer.response.status >= 500 ? 'deferred' : 'refused',
    `${finding.fingerprint}: HTTP ${answer.response.status} ${error?.code ?? ''} ${error?.message ?? ''}`,
  );
}
printSummary();
