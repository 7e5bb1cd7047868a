import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentials } from '@webriskops/server/schema';
import { startCompanion, type Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { exportIssue, finding } from './support/export-fixtures';
import { connectOAuthTarget, OAUTH_CLIENT, OAUTH_REDIRECT, oauthEnv } from './support/oauth-flow';

let world: CloudWorld;
let companion: Companion;
let admin: string;
let exporter: string;
let targetId: string;
let seenBefore = 0;

const bug = { project_key: 'SEC', issue_type_id: '10004' };
/** Token endpoint calls with a refresh token since the target was connected. */
const refreshes = () =>
  world.cloud.requests
    .slice(seenBefore)
    .filter((request) => request.role === 'auth' && request.path.startsWith('/oauth/token') && request.body.includes('"refresh_token"'));
const readiness = async () => (await companion.request('GET', `/api/v1/targets/${targetId}/readiness`, { token: admin })).json;

beforeAll(async () => {
  world = await startCloudWorld();
  world.cloud.addOAuthClient({ ...OAUTH_CLIENT, redirectUris: [OAUTH_REDIRECT] });
});
afterAll(async () => world.close());
beforeEach(async () => {
  world.cloud.clearFailures();
  world.cloud.setRejectRefresh(false);
  ({ companion, admin } = await startCloudCompanion(world, oauthEnv(world)));
  exporter = await companion.token('default', 'export');
  targetId = await connectOAuthTarget(world, companion, admin);
  seenBefore = world.cloud.requests.length;
  // The access token (1 h) has expired: the next Jira call needs a refresh.
  world.advance(2 * 60 * 60_000);
});
afterEach(() => companion.stop());

describe('OAuth refresh: one per target at a time', () => {
  it('two concurrent exports after expiry send exactly one refresh and both succeed', async () => {
    const answers = await Promise.all([
      exportIssue(companion, exporter, targetId, { finding: finding('refresh-a'), mapping: bug }),
      exportIssue(companion, exporter, targetId, { finding: finding('refresh-b'), mapping: bug }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(refreshes()).toHaveLength(1);
    expect(await readiness()).toMatchObject({ ready: true, state: 'ready' });
  });

  it("two processes on one database refresh once: the loser waits and uses the winner's token", async () => {
    const second = await startCompanion({ dataDir: companion.dataDir, env: oauthEnv(world) });
    second.deps.clock.now = () => new Date(world.now());
    try {
      const otherExporter = await second.token('default', 'export');
      const answers = await Promise.all([
        exportIssue(companion, exporter, targetId, { finding: finding('process-a'), mapping: bug }),
        exportIssue(second, otherExporter, targetId, { finding: finding('process-b'), mapping: bug }),
        exportIssue(companion, exporter, targetId, { finding: finding('process-c'), mapping: bug }),
        exportIssue(second, otherExporter, targetId, { finding: finding('process-d'), mapping: bug }),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
      expect(refreshes()).toHaveLength(1);
    } finally {
      second.stop(false);
    }
  });
});

describe('OAuth refresh: the compare-and-swap on the credential', () => {
  it('a refresh that outlived its claim loses: the later writer keeps its grant and both exports use it', async () => {
    // Atlassian accepts a rotated refresh token again for a while (its reuse interval): both refreshes succeed at the fake.
    world.cloud.state.refreshReuseLeewaySeconds = 3600;
    const second = await startCompanion({ dataDir: companion.dataDir, env: oauthEnv(world) });
    second.deps.clock.now = () => new Date(world.now());
    try {
      world.cloud.failNext({ host: 'auth', method: 'POST', path: '/oauth/token', kind: 'delay', delayMs: 1500 });
      const slow = exportIssue(companion, exporter, targetId, { finding: finding('cas-slow'), mapping: bug });
      for (let waited = 0; refreshes().length === 0 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      // The slow refresh is on the wire; its 30 s claim runs out and the other process refreshes and writes first.
      world.advance(31_000);
      const fast = await exportIssue(second, await second.token('default', 'export'), targetId, { finding: finding('cas-fast'), mapping: bug });
      expect(fast.status).toBe(201);
      expect((await slow).status).toBe(201);
      expect(refreshes()).toHaveLength(2);
      const active = (await companion.deps.store.db.select().from(credentials)).filter((row) => row.targetId === targetId && row.revokedAt === null);
      expect(active, 'one active credential: the loser wrote nothing').toHaveLength(1);
      const issueCalls = world.cloud.requests.slice(seenBefore).filter((request) => request.method === 'POST' && request.path.endsWith('/rest/api/3/issue'));
      expect(issueCalls).toHaveLength(2);
      expect(issueCalls[0]!.headers.authorization, "the loser used the winner's access token").toBe(issueCalls[1]!.headers.authorization);
    } finally {
      world.cloud.state.refreshReuseLeewaySeconds = 0;
      second.stop(false);
    }
  });
});

describe('OAuth refresh: a hiccup is not a refusal', () => {
  it('a 503 from the token endpoint answers 503 JIRA_UNAVAILABLE with Retry-After and leaves the target ready', async () => {
    world.cloud.failNext({ host: 'auth', method: 'POST', path: '/oauth/token', kind: 'status', status: 503, retryAfterSeconds: 7 });
    const answer = await exportIssue(companion, exporter, targetId, { finding: finding('hiccup-503'), mapping: bug });
    expect(answer.status).toBe(503);
    expect(answer.json.error).toMatchObject({ code: 'JIRA_UNAVAILABLE', next_action: expect.stringMatching(/Retry-After/) });
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(await readiness()).toMatchObject({ ready: true, state: 'ready' });
    const again = await exportIssue(companion, exporter, targetId, { finding: finding('hiccup-503'), mapping: bug });
    expect(again.status).toBe(201);
  });

  it('a dropped connection to the token endpoint answers 503 with Retry-After and leaves the target ready', async () => {
    world.cloud.failNext({ host: 'auth', method: 'POST', path: '/oauth/token', kind: 'drop-before' });
    const answer = await exportIssue(companion, exporter, targetId, { finding: finding('hiccup-drop'), mapping: bug });
    expect(answer.status).toBe(503);
    expect(answer.json.error.code).toBe('JIRA_UNAVAILABLE');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await readiness()).toMatchObject({ ready: true, state: 'ready' });
    expect((await exportIssue(companion, exporter, targetId, { finding: finding('hiccup-drop'), mapping: bug })).status).toBe(201);
  });

  it('the metadata read gets the same 503 on a token endpoint 502', async () => {
    world.cloud.failNext({ host: 'auth', method: 'POST', path: '/oauth/token', kind: 'status', status: 502 });
    const answer = await companion.request('GET', `/api/v1/targets/${targetId}/metadata`, { token: exporter });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).not.toBeNull();
    expect(await readiness()).toMatchObject({ ready: true });
  });

  it("Atlassian refusing the companion's client (a rotated secret) is the operator's: 503, the target stays ready, the grant still works once fixed", async () => {
    const client = world.cloud.state.oauthClients.get(OAUTH_CLIENT.clientId)!;
    client.clientSecret = 'rotated-at-atlassian';
    try {
      const answer = await exportIssue(companion, exporter, targetId, { finding: finding('client-refused'), mapping: bug });
      expect(answer.status).toBe(503);
      expect(answer.json.error).toMatchObject({ code: 'OAUTH_NOT_CONFIGURED', next_action: expect.stringContaining('ATLASSIAN_CLIENT_SECRET') });
      expect(answer.headers.get('retry-after')).not.toBeNull();
      expect(await readiness()).toMatchObject({ ready: true, state: 'ready' });
    } finally {
      client.clientSecret = OAUTH_CLIENT.clientSecret;
    }
    expect((await exportIssue(companion, exporter, targetId, { finding: finding('client-refused'), mapping: bug })).status).toBe(201);
  });

  it('invalid_grant still blocks the target with PROVIDER_AUTH_REQUIRED', async () => {
    world.cloud.setRejectRefresh(true);
    const answer = await exportIssue(companion, exporter, targetId, { finding: finding('refused'), mapping: bug });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('PROVIDER_AUTH_REQUIRED');
    const after = await readiness();
    expect(after).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_AUTH_REQUIRED' });
    expect(after.reason).toMatch(/invalid_grant/);
  });
});
