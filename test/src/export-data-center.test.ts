import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportFindingIssues } from '@webriskops/server/schema';
import type { Companion } from './support/companion-harness';
import { connectReadyDataCenterTarget, startDataCenterWorld, startWorldCompanion, type DataCenterWorld } from './support/data-center-world';
import { exportIssue, finding } from './support/export-fixtures';

let world: DataCenterWorld;
let companion: Companion;
let admin: string;
let exporter: string;
let target: { id: string; pat: string };

beforeAll(async () => {
  world = await startDataCenterWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  world.dns.reset();
  world.jira.reset();
  ({ companion, admin } = await startWorldCompanion(world, {}, { traceSql: true }));
  exporter = await companion.token('default', 'export');
  target = await connectReadyDataCenterTarget(world, companion, admin);
  world.jira.reset();
});
afterEach(() => companion.stop());

const task = { project_key: 'SEC', issue_type_id: '10002' };
const issueCreates = () => world.jira.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/2/issue'));
const movePast = (ms: number) => {
  companion.deps.clock.now = () => new Date(Date.now() + ms);
};

describe('readiness for export jobs', () => {
  it('answers from memory while nothing changed, from one read of the target after a change, and never calls Jira', async () => {
    const ask = () => companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    // The change check (SQLite's data_version and this connection's total_changes(), so a change by any
    // process is seen at once) reads no table.
    const executedSince = (before: number) => companion.statements.slice(before).filter((q) => !/data_version|total_changes\(\)/.test(q));
    const count = (executed: string[]) => ({
      select: executed.filter((q) => /^\s*select/i.test(q)).length,
      insert: executed.filter((q) => /^\s*insert/i.test(q)).length,
      update: executed.filter((q) => /^\s*update/i.test(q)).length,
    });
    await ask(); // the token's check and the target are cached from here until the database changes
    let before = companion.statements.length;
    const answer = await ask();
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ target_id: target.id, ready: true, state: 'ready' });
    expect(answer.json.fallback).toBeUndefined();
    expect(count(executedSince(before))).toEqual({ select: 0, insert: 0, update: 0 });

    // Any commit empties both caches: then one select checks the token and one reads the target with its credential.
    await companion.token('default', 'export');
    before = companion.statements.length;
    expect((await ask()).json).toMatchObject({ ready: true, state: 'ready' });
    const executed = executedSince(before);
    expect(count(executed)).toEqual({ select: 2, insert: 0, update: 0 });
    expect(executed.filter((q) => /from "api_tokens"/.test(q))).toHaveLength(1);
    expect(executed.filter((q) => /from "targets"/.test(q))).toHaveLength(1);
    expect(world.jira.requests).toHaveLength(0);
  });

  it('names the portable fallback when blocked', async () => {
    movePast(25 * 3_600_000);
    const answer = await companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    expect(answer.json).toMatchObject({ ready: false, code: 'PROVIDER_BASE_URL_BLOCKED', fallback: '/api/v1/exports/portable' });
    expect(answer.json.reason).toMatch(/older than 24 hours/);
    expect(world.jira.requests).toHaveLength(0);
  });

  it('reruns the Data Center checks on refresh=true, audited, and limits how often', async () => {
    movePast(25 * 3_600_000);
    const refreshed = await companion.request('GET', `/api/v1/targets/${target.id}/readiness?refresh=true`, { token: exporter });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ ready: true, refreshed: true });
    expect(world.jira.requestsWithToken().map((request) => request.path)).toEqual(expect.arrayContaining(['/jira/rest/api/2/myself']));
    const audit = await companion.request('GET', `/api/v1/targets/${target.id}/audit`, { token: admin });
    expect(audit.json.events.at(-1)).toMatchObject({ action: 'checks.run', actor: expect.stringMatching(/^token:wro_/) });
    const answers = [];
    for (let i = 0; i < 5; i += 1)
      answers.push((await companion.request('GET', `/api/v1/targets/${target.id}/readiness?refresh=true`, { token: exporter })).status);
    expect(answers.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(answers[4]).toBe(429);
    const plain = await companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    expect(plain.status).toBe(200);
  });
});

describe('mapping metadata', () => {
  it('gives per-project priorities from create metadata and required fields with types, cached', async () => {
    const ops = await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=ops`, { token: exporter });
    expect(ops.status).toBe(200);
    expect(ops.json).toMatchObject({ api: 'data_center_v2', provider_key: 'jira_data_center', cached: false });
    expect(ops.json.projects.map((project: { key: string }) => project.key)).toEqual(['SEC', 'OPS']);
    const [opsTask] = ops.json.project.issue_types;
    expect(opsTask.priorities).toEqual([
      { id: '2', name: 'High' },
      { id: '3', name: 'Medium' },
    ]);
    expect(opsTask.required_fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'components',
          type: 'array',
          items: 'component',
          filled_by: 'mapping',
          allowed_values: [{ id: '10000', name: 'Web', value: null }],
        }),
      ]),
    );
    expect(world.jira.requests.some((request) => /\/priority$/.test(request.path))).toBe(false);

    const sec = await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`, { token: exporter });
    const bug = sec.json.project.issue_types.find((type: { name: string }) => type.name === 'Bug');
    expect(bug.required_fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'customfield_10100', name: 'Environment tier', type: 'option', custom: expect.stringContaining('select') }),
      ]),
    );

    const seen = world.jira.requests.length;
    const again = await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=OPS`, { token: exporter });
    expect(again.json).toMatchObject({ cached: true, project: ops.json.project });
    expect(world.jira.requests).toHaveLength(seen);

    const unknown = await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=NOPE`, { token: exporter });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toMatch(/NOPE/);
  });
});

describe('creating and updating issues', () => {
  it('creates, then updates the same issue on the second export', async () => {
    const first = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-one'),
      mapping: { ...task, severity_priority_ids: { high: '2', critical: '1' }, labels: ['webriskops'] },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      action: 'created',
      found_by: 'new',
      fingerprint: 'fp-one',
      issue: { key: 'SEC-1', url: `${world.jira.baseUrl}/browse/SEC-1` },
    });
    const [issue] = world.jira.issues;
    expect(issue!.fields).toMatchObject({ summary: 'Reflected XSS on /search (fp-one)', priority: { id: '2' }, labels: ['webriskops', 'webriskops-fp-one'] });
    expect(issue!.properties['webriskops.finding']).toEqual({
      fingerprint: 'fp-one',
      target_id: target.id,
      severity: 'high',
      proof: expect.stringMatching(/^v1\.[0-9a-f]{12}\.[\w-]{43}$/),
    });
    expect(typeof issue!.fields.description).toBe('string');

    const second = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-one', { title: 'Stored XSS on /search', severity: 'critical' }),
      mapping: { ...task, severity_priority_ids: { high: '2', critical: '1' } },
    });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ action: 'updated', found_by: 'finding_map', issue: { id: first.json.issue.id, key: 'SEC-1' } });
    expect(world.jira.issues).toHaveLength(1);
    expect(issue!.fields).toMatchObject({ summary: 'Stored XSS on /search', priority: { id: '1' } });
    expect(issue!.fields.labels).toEqual(['webriskops', 'webriskops-fp-one']);
    expect(issueCreates()).toHaveLength(1);
  });

  it('escapes user text in the wiki markup: no links, mentions, images, macros or headings come out of it', async () => {
    const hostile = finding('fp-wiki', {
      description:
        'Ping [~admin] and [click here|https://evil.test/login] !https://evil.test/pixel.png! {color:red}x{color}\nh1. Big\n|| a || b ||\nC:\\path\\\\',
      evidence: 'before\n{noformat}\n[~admin]\n{NOFORMAT}',
    });
    expect((await exportIssue(companion, exporter, target.id, { finding: hostile, mapping: task })).status).toBe(201);
    const description = world.jira.issues[0]!.fields.description as string;
    expect(description).toContain('\\[\\~admin\\]');
    expect(description).toContain('\\[click here\\|https://evil.test/login\\]');
    expect(description).toContain('\\!https://evil.test/pixel.png\\!');
    expect(description).toContain('\\{color:red\\}');
    expect(description).toContain('\n&#104;1. Big');
    expect(description).toContain('\\|\\| a \\|\\| b \\|\\|');
    expect(description).toContain('C:&#92;path&#92;&#92;');
    expect(description.match(/\{noformat\}/gi)).toHaveLength(2);
    const prose = description.slice(description.indexOf('Ping'), description.indexOf('h3. Evidence'));
    expect(prose).not.toMatch(/(^|[^\\])[[!{|]/);
  });

  it('finds the existing issue by its label when the local map is empty, and ignores a label without the property', async () => {
    expect((await exportIssue(companion, exporter, target.id, { finding: finding('fp-map'), mapping: task })).status).toBe(201);
    await companion.deps.store.db.delete(exportFindingIssues);
    const found = await exportIssue(companion, exporter, target.id, { finding: finding('fp-map', { title: 'Seen again' }), mapping: task });
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ action: 'updated', found_by: 'label_search', issue: { key: 'SEC-1' } });
    expect(world.jira.issues).toHaveLength(1);
    expect(world.jira.issues[0]!.fields.summary).toBe('Seen again');

    // A label alone (someone copied it onto an issue) is not proof: without the property a new issue is made.
    delete (world.jira.issues[0]!.properties as Record<string, unknown>)['webriskops.finding'];
    await companion.deps.store.db.delete(exportFindingIssues);
    const created = await exportIssue(companion, exporter, target.id, { finding: finding('fp-map'), mapping: task });
    expect(created.json).toMatchObject({ action: 'created', found_by: 'new', issue: { key: 'SEC-2' } });
  });

  it('names required-field and priority errors and sends no issue', async () => {
    const bug = await exportIssue(companion, exporter, target.id, { finding: finding('fp-bad'), mapping: { project_key: 'SEC', issue_type_id: '1' } });
    expect(bug.status).toBe(422);
    expect(bug.json.error.code).toBe('VALIDATION_FAILED');
    expect(bug.json.error.message).toMatch(/mapping\.extra_fields\.customfield_10100: Environment tier \(option\) is required.*10200 \(prod\)/);

    const ops = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-bad'),
      mapping: { project_key: 'OPS', issue_type_id: '10002', priority_id: '1' },
    });
    expect(ops.status).toBe(422);
    expect(ops.json.error.message).toMatch(/mapping\.priority_id: priority 1 is not allowed here; allowed: 2 \(High\), 3 \(Medium\)/);
    expect(ops.json.error.message).toMatch(/mapping\.extra_fields\.components: Component\/s \(array of component\) is required/);

    const bySeverity = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-bad', { severity: 'low' }),
      mapping: { ...task, severity_priority_ids: { high: '2' } },
    });
    expect(bySeverity.json.error.message).toMatch(/mapping\.severity_priority_ids\.low: no priority is mapped for severity low/);

    const badOption = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-bad'),
      mapping: { project_key: 'SEC', issue_type_id: '1', extra_fields: { customfield_10100: { id: '999' }, customfield_404: 1 } },
    });
    expect(badOption.json.error.message).toMatch(/customfield_10100: \{"id":"999"\} is not an allowed value of Environment tier/);
    expect(badOption.json.error.message).toMatch(/mapping\.extra_fields\.customfield_404: customfield_404 is not on the create screen/);
    // A field id outside the allowlist is refused before anything is asked of Jira (export-field-allowlist.test.ts).
    const nope = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-bad'),
      mapping: { project_key: 'SEC', issue_type_id: '1', extra_fields: { nope: 1 } },
    });
    expect(nope.json.error.message).toMatch(/mapping\.extra_fields\.nope: nope may not be set by an export job/);

    const wrongType = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-bad'),
      mapping: { project_key: 'SEC', issue_type_id: '424242' },
    });
    expect(wrongType.json.error.message).toMatch(/mapping\.issue_type_id: .*allowed: 10002 \(Task\), 1 \(Bug\)/);

    expect(issueCreates()).toHaveLength(0);
    expect(world.jira.issues).toHaveLength(0);

    const good = await exportIssue(companion, exporter, target.id, {
      finding: finding('fp-bad'),
      mapping: { project_key: 'SEC', issue_type_id: '1', extra_fields: { customfield_10100: { id: '10200' } } },
    });
    expect(good.status).toBe(201);
    expect(world.jira.issues[0]!.fields.customfield_10100).toEqual({ id: '10200' });
  });

  it('refuses malformed requests with 400 naming the field', async () => {
    const answer = await exportIssue(companion, exporter, target.id, {
      finding: finding('has space'),
      mapping: { ...task, priority_id: '2', severity_priority_ids: { high: '2' } },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toMatch(/finding\.fingerprint/);
    expect(answer.json.error.message).toMatch(/priority_id or severity_priority_ids/);
    expect(world.jira.requests).toHaveLength(0);
  });
});

describe('when Jira pushes back', () => {
  it('honours 429 Retry-After and then creates the issue', async () => {
    await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`, { token: exporter });
    const before = world.jira.requests.length;
    world.jira.behave({ rateLimit: { count: 2, retryAfterSeconds: 1 } });
    const started = Date.now();
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('fp-429'), mapping: task });
    expect(answer.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const calls = world.jira.requests.slice(before);
    expect(calls[1]!.time - calls[0]!.time).toBeGreaterThanOrEqual(950);
    expect(calls[2]!.time - calls[1]!.time).toBeGreaterThanOrEqual(950);
    expect(world.jira.issues).toHaveLength(1);
  });

  it('stops waiting when Retry-After is beyond its budget and passes it on; 503 with Retry-After is retried', async () => {
    await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`, { token: exporter });
    world.jira.behave({ rateLimit: { count: 1, retryAfterSeconds: 120 } });
    const started = Date.now();
    const busy = await exportIssue(companion, exporter, target.id, { finding: finding('fp-busy'), mapping: task }, { 'Idempotency-Key': 'job-7-fp-busy' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(busy.status).toBe(503);
    expect(busy.json.error.code).toBe('JIRA_UNAVAILABLE');
    expect(busy.headers.get('retry-after')).toBe('120');

    world.jira.behave({ status5xx: { status: 503, retryAfterSeconds: 1, count: 1 } });
    const again = await exportIssue(companion, exporter, target.id, { finding: finding('fp-busy'), mapping: task }, { 'Idempotency-Key': 'job-7-fp-busy' });
    expect(again.status).toBe(201);
    expect(world.jira.issues).toHaveLength(1);
  });

  it('a 401 turns the target into PROVIDER_AUTH_REQUIRED, audited, and nothing more is sent', async () => {
    world.jira.revokePat(target.pat);
    const refused = await exportIssue(companion, exporter, target.id, { finding: finding('fp-401'), mapping: task });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'PROVIDER_AUTH_REQUIRED', fallback: '/api/v1/exports/portable' });
    const readiness = await companion.request('GET', `/api/v1/targets/${target.id}/readiness`, { token: exporter });
    expect(readiness.json).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_AUTH_REQUIRED', fallback: '/api/v1/exports/portable' });
    const audit = await companion.request('GET', `/api/v1/targets/${target.id}/audit`, { token: admin });
    expect(audit.json.events.at(-1)).toMatchObject({
      from_state: 'ready',
      to_state: 'blocked',
      code: 'PROVIDER_AUTH_REQUIRED',
      actor: expect.stringMatching(/^token:wro_/),
    });
    expect(JSON.stringify(audit.json)).not.toContain(target.pat);
    const seen = world.jira.requests.length;
    expect((await exportIssue(companion, exporter, target.id, { finding: finding('fp-401'), mapping: task })).status).toBe(409);
    expect(world.jira.requests).toHaveLength(seen);
  });
});

describe('a blocked target', () => {
  it('answers 409 with its code and Jira receives nothing', async () => {
    movePast(25 * 3_600_000);
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('fp-blocked'), mapping: task });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({
      code: 'PROVIDER_BASE_URL_BLOCKED',
      next_action: expect.stringContaining('/api/v1/exports/portable'),
      fallback: '/api/v1/exports/portable',
    });
    expect(answer.json.error.message).toMatch(/Nothing was sent to Jira/);
    const metadata = await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`, { token: exporter });
    expect(metadata.status).toBe(409);
    expect(metadata.json.error.fallback).toBe('/api/v1/exports/portable');
    expect(world.jira.requests).toHaveLength(0);
  });

  it('a disconnected target too', async () => {
    expect((await companion.request('DELETE', `/api/v1/targets/${target.id}`, { token: admin })).status).toBe(200);
    const answer = await exportIssue(companion, exporter, target.id, { finding: finding('fp-revoked'), mapping: task }, { 'Idempotency-Key': 'k-revoked' });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('PROVIDER_AUTH_REQUIRED');
    expect(world.jira.requests).toHaveLength(0);
  });
});

describe('tenancy and secrets', () => {
  it("another workspace's token gets 404 everywhere and its Idempotency-Keys are its own", async () => {
    expect((await companion.cli(['workspace', 'create', 'other'])).code).toBe(0);
    const stranger = await companion.token('other', 'export');
    const body = { finding: finding('fp-tenant'), mapping: task };
    for (const [method, path] of [
      ['GET', `/api/v1/targets/${target.id}/readiness`],
      ['GET', `/api/v1/targets/${target.id}/readiness?refresh=true`],
      ['GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`],
    ] as const) {
      expect((await companion.request(method, path, { token: stranger })).status).toBe(404);
    }
    expect((await exportIssue(companion, stranger, target.id, body, { 'Idempotency-Key': 'shared-key' })).status).toBe(404);
    expect((await exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'shared-key' })).status).toBe(201);
    expect(world.jira.issues).toHaveLength(1);
  });

  it('never puts the PAT in an answer, a log line or the audit trail', async () => {
    expect((await exportIssue(companion, exporter, target.id, { finding: finding('fp-secret'), mapping: task })).status).toBe(201);
    await companion.request('GET', `/api/v1/targets/${target.id}/metadata?project_key=SEC`, { token: exporter });
    world.jira.revokePat(target.pat);
    await exportIssue(companion, exporter, target.id, { finding: finding('fp-secret'), mapping: task });
    await companion.request('GET', `/api/v1/targets/${target.id}/audit`, { token: admin });
    for (const text of [...companion.responses, ...companion.logLines]) expect(text).not.toContain(target.pat);
    expect(world.jira.requestsWithToken().every((request) => request.headers.authorization === `Bearer ${target.pat}`)).toBe(true);
  });
});

describe('Idempotency-Key and concurrency', () => {
  it('two identical requests racing create one issue and get the same answer; the key replays without a call', async () => {
    world.jira.behave({ delayMs: 30 });
    const body = { finding: finding('fp-race'), mapping: task };
    const [a, b] = await Promise.all([
      exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'race-1' }),
      exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'race-1' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json).toEqual(b.json);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort()).toEqual([null, 'true']);
    expect(world.jira.issues).toHaveLength(1);
    expect(issueCreates()).toHaveLength(1);

    const seen = world.jira.requests.length;
    const replay = await exportIssue(companion, exporter, target.id, body, { 'Idempotency-Key': 'race-1' });
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(a.json);
    expect(world.jira.requests).toHaveLength(seen);

    const reused = await exportIssue(
      companion,
      exporter,
      target.id,
      { ...body, finding: finding('fp-race', { title: 'another body' }) },
      { 'Idempotency-Key': 'race-1' },
    );
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('200 concurrent creates for 50 fingerprints leave exactly 50 issues', async () => {
    world.jira.behave({ delayMs: 5 });
    const fingerprints = Array.from({ length: 50 }, (_, i) => `fp-load-${i}`);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        exportIssue(
          companion,
          exporter,
          target.id,
          { finding: finding(fingerprints[i % 50]!), mapping: task },
          i % 2 === 0 ? { 'Idempotency-Key': `load-${i}` } : {},
        ),
      ),
    );
    expect(answers.filter((answer) => answer.status !== 200 && answer.status !== 201).map((answer) => answer.text)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(50);
    expect(world.jira.issues).toHaveLength(50);
    const labels = world.jira.issues.map((issue) => (issue.fields.labels as string[]).find((label) => label.startsWith('webriskops-fp-load-')));
    expect(new Set(labels).size).toBe(50);
  }, 60_000);
});
