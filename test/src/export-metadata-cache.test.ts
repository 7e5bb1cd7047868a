import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORGE_MODULE_KEYS } from '@webriskops/shared';
import type { Companion } from './support/companion-harness';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from './support/cloud-world';
import { connectReadyForgeTarget, exportIssue, finding } from './support/export-fixtures';
import type { FakeSite, FakeUser } from './fakes/fake-atlassian-cloud-state';
import { targetName } from './support/target-names';

let world: CloudWorld;
let companion: Companion;
let siteB: FakeSite;
let adminB: FakeUser;
/** Workspace `default` (the noisy one) and workspace `beta` (the neighbour), each with a ready Forge target on its own site. */
let noisy: { exporter: string; targetId: string };
let neighbour: { exporter: string; targetId: string };

beforeAll(async () => {
  world = await startCloudWorld();
  siteB = world.cloud.addSite({ name: 'neighbour', projects: [{ key: 'OPS', name: 'Ops' }] });
  adminB = world.cloud.addUser({ sites: [siteB.cloudId], admin: true });
});
afterAll(async () => world.close());
beforeEach(async () => {
  let admin: string;
  ({ companion, admin } = await startCloudCompanion(world));
  const target = await connectReadyForgeTarget(world, companion, admin);
  noisy = { exporter: await companion.token('default', 'export'), targetId: target.id };

  expect((await companion.cli(['workspace', 'create', 'beta'])).code).toBe(0);
  const betaAdmin = await companion.token('beta', 'admin');
  const created = await companion.request('POST', '/api/v1/targets', {
    token: betaAdmin,
    body: { provider_key: 'jira_cloud', auth_method: 'forge_app', name: targetName() },
  });
  const installationId = world.cloud.installApp({ cloudId: siteB.cloudId }).installationId;
  const tokens = world.cloud.issueForgeTokens({ installationId, principal: adminB.accountId });
  const { headers } = world.signer.invocation({
    kind: 'frontend',
    cloudId: siteB.cloudId,
    installationId,
    moduleKey: FORGE_MODULE_KEYS.adminPage,
    principal: adminB.accountId,
    siteUrl: world.cloud.siteUrl(siteB.cloudId),
    ...tokens,
  });
  expect((await companion.request('POST', '/forge/v1/pair', { headers, body: { code: created.json.pairing.code } })).status).toBe(200);
  neighbour = { exporter: await companion.token('beta', 'export'), targetId: created.json.id as string };
});
afterEach(() => companion.stop());

const metadata = (who: { exporter: string; targetId: string }, projectKey: string) =>
  companion.request('GET', `/api/v1/targets/${who.targetId}/metadata?project_key=${projectKey}`, { token: who.exporter });
const jiraCallsTo = (cloudId: string) =>
  world.cloud.requests.filter((request) => request.role === 'api' && request.path.includes(`/ex/jira/${cloudId}/`)).length;

describe('the metadata cache is per workspace, and its misses are rate limited', () => {
  it("one workspace asking for many unknown project keys neither evicts another's cached metadata nor escapes the miss limit", async () => {
    const first = await metadata(neighbour, 'OPS');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ cached: false, project: { key: 'OPS' } });

    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof metadata>> | undefined;
    const callsBefore = jiraCallsTo(world.cloud.defaults.site.cloudId);
    for (let i = 0; i < 130; i += 1) {
      const answer = await metadata(noisy, `UNKNOWN${i}`);
      statuses.push(answer.status);
      if (answer.status === 429) limited ??= answer;
    }
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited, 'the noisy workspace is stopped').toBeGreaterThan(0);
    expect(statuses.slice(0, firstLimited).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(firstLimited).every((status) => status === 429)).toBe(true);
    expect(limited!.json.error).toMatchObject({ code: 'RATE_LIMITED', next_action: expect.stringContaining('Retry-After') });
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(jiraCallsTo(world.cloud.defaults.site.cloudId) - callsBefore, 'Jira calls of the noisy workspace').toBeLessThanOrEqual(120);

    // An export naming an unknown project counts against the same limit: no way around it.
    const viaExport = await exportIssue(companion, noisy.exporter, noisy.targetId, {
      finding: finding('around'),
      mapping: { project_key: 'ELSEWHERE', issue_type_id: '10004' },
    });
    expect(viaExport.status).toBe(429);

    // The neighbour is neither limited nor evicted: its answer still comes from the cache.
    const neighbourCalls = jiraCallsTo(siteB.cloudId);
    const again = await metadata(neighbour, 'OPS');
    expect(again.status).toBe(200);
    expect(again.json.cached).toBe(true);
    expect(jiraCallsTo(siteB.cloudId)).toBe(neighbourCalls);

    // The next window admits the noisy workspace again.
    world.advance(61_000);
    expect((await metadata(noisy, 'SEC')).status).toBe(200);
  });
});
