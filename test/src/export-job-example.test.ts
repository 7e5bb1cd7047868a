import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveCompanion } from './browser/support/served-companion';
import type { Companion } from './support/companion-harness';
import { connectReadyDataCenterTarget, startDataCenterWorld, startWorldCompanion, type DataCenterWorld } from './support/data-center-world';
import { finding, parseCsv } from './support/export-fixtures';
import { REPO_ROOT } from './support/processes';

let world: DataCenterWorld;
let companion: Companion;
let served: Awaited<ReturnType<typeof serveCompanion>>;
let exporter: string;
let target: { id: string; pat: string };
let workDir: string;

beforeAll(async () => {
  world = await startDataCenterWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  world.dns.reset();
  world.jira.reset();
  let admin: string;
  ({ companion, admin } = await startWorldCompanion(world));
  exporter = await companion.token('default', 'export');
  target = await connectReadyDataCenterTarget(world, companion, admin);
  served = await serveCompanion(companion);
  workDir = mkdtempSync(join(tmpdir(), 'wro-export-job-'));
  writeFileSync(
    join(workDir, 'findings.ndjson'),
    ['fp-login', 'fp-search', 'fp-upload'].map((fp, i) => JSON.stringify(finding(fp, { severity: ['critical', 'high', 'low'][i] }))).join('\n'),
  );
});
afterEach(async () => {
  await served.close();
  companion.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** `node --import tsx examples/export-job.ts …` as a user runs it, against the served companion. */
function runExample(extraArgs: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const args = [
      '--import',
      'tsx',
      'examples/export-job.ts',
      '--target',
      target.id,
      '--findings',
      join(workDir, 'findings.ndjson'),
      '--project',
      'SEC',
      '--issue-type',
      'Task',
      '--out',
      workDir,
      ...extraArgs,
    ];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', WRO_URL: served.origin, WRO_TOKEN: exporter },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/export-job.ts', () => {
  it('creates the issues with idempotency keys, waits out Retry-After, and a second run replays without calling Jira', async () => {
    // Four 429s in a row outlast the companion's own attempts: it answers 503 with Retry-After 1, the job waits and sends again.
    world.jira.behave({ rateLimit: { count: 4, retryAfterSeconds: 1 } });
    const first = await runExample();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^readiness +tgt_\w+: ready$/m);
    expect(first.stdout).toContain('metadata   SEC: Task (10002), priorities Highest, High, Medium, Low, Lowest');
    expect(first.stdout).toMatch(/^waited +1 s \(Retry-After\) before sending metadata again$/m);
    expect(first.stdout).toMatch(/^created +SEC-1 +fp-login$/m);
    expect(first.stdout).toMatch(/^created +SEC-3 +fp-upload$/m);
    expect(first.stdout).toContain(
      'summary    3 findings: 3 created, 0 updated, 0 replayed, 0 refused, 0 deferred, 0 in the portable file; 1 wait(s) for Retry-After',
    );
    expect(world.jira.issues.map((issue) => issue.fields.priority)).toEqual([{ id: '1' }, { id: '2' }, { id: '4' }]);

    const seen = world.jira.requests.length;
    const second = await runExample();
    expect(second.stdout).toContain(
      'summary    3 findings: 0 created, 0 updated, 3 replayed, 0 refused, 0 deferred, 0 in the portable file; 0 wait(s) for Retry-After',
    );
    expect(world.jira.requests).toHaveLength(seen); // metadata from the companion's cache, issues from stored answers
    expect(world.jira.issues).toHaveLength(3);
  }, 60_000);

  it('updates an issue whose finding changed, then falls back to the portable file when the target is blocked mid-run', async () => {
    expect((await runExample()).code).toBe(0);
    const writeFindings = (...lines: object[]) => writeFileSync(join(workDir, 'findings.ndjson'), lines.map((line) => JSON.stringify(line)).join('\n'));
    writeFindings(finding('fp-login', { title: 'Stored XSS on /login' }), finding('fp-new'));
    const changed = await runExample();
    expect(changed.stdout).toMatch(/^updated +SEC-1 +fp-login$/m);
    expect(changed.stdout).toMatch(/^created +SEC-4 +fp-new$/m);
    expect(changed.stdout).toContain('summary    2 findings: 1 created, 1 updated, 0 replayed');
    expect(world.jira.issues.find((issue) => issue.key === 'SEC-1')!.fields.summary).toBe('Stored XSS on /login');

    // Readiness still says ready (it calls no one); the first issue call meets Jira's 401 and the answer is 409 with the fallback.
    world.jira.revokePat(target.pat);
    writeFindings(finding('fp-csrf', { title: 'Missing CSRF token on /settings' }), finding('fp-idor'));
    const blocked = await runExample();
    expect(blocked.code).toBe(0);
    expect(blocked.stdout).toMatch(/^readiness +tgt_\w+: ready$/m);
    expect(blocked.stdout).toMatch(/^blocked +PROVIDER_AUTH_REQUIRED: /m);
    expect(blocked.stdout).toMatch(/^portable +2 finding\(s\) -> webriskops-findings-\d{8}T\d{6}Z\.csv/m);
    expect(blocked.stdout).toContain('summary    2 findings: 0 created, 0 updated, 0 replayed, 0 refused, 0 deferred, 2 in the portable file');
    const csv = parseCsv(
      readFileSync(
        join(
          workDir,
          readdirSync(workDir).find((name) => name.endsWith('.csv'))!,
        ),
        'utf8',
      ),
    );
    expect(csv.slice(1).map((row) => row[0])).toEqual(['Missing CSRF token on /settings', 'Reflected XSS on /search (fp-idor)']);

    // Readiness now says blocked: the next run goes to the portable file without asking for metadata.
    const requests = world.jira.requests.length;
    const again = await runExample();
    expect(again.stdout).toMatch(/^blocked +PROVIDER_AUTH_REQUIRED: /m);
    expect(again.stdout).not.toContain('metadata');
    expect(world.jira.requests).toHaveLength(requests);
  }, 60_000);
});
