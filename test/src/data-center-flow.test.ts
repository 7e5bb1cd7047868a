import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recheckActiveTargets } from '@webriskops/server/commands';
import type { Companion } from './support/companion-harness';
import { connectReadyDataCenterTarget, startDataCenterWorld, startWorldCompanion, type DataCenterWorld } from './support/data-center-world';
import { targetName } from './support/target-names';

let world: DataCenterWorld;
let companion: Companion;
let admin: string;
const ATTESTATIONS = { owns_site: true, issue_api_reachable: true, scan_export_authorized: true };

beforeAll(async () => {
  world = await startDataCenterWorld();
});
afterAll(async () => world.close());
beforeEach(async () => {
  world.dns.reset();
  world.jira.reset();
  world.otherJira.reset();
  ({ companion, admin } = await startWorldCompanion(world));
});
afterEach(() => companion.stop());

const readinessOf = async (id: string) => (await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json;

describe('Data Center: from an empty database to a ready target, in the order the API enforces', () => {
  it('walks every step and Jira sees nothing before it may', async () => {
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: targetName() } });
    expect(created.json).toMatchObject({ provider_key: 'jira_data_center', deployment_mode: 'self-hosted', state: 'draft' });
    const id = created.json.id as string;

    const noAttestation = await companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body: { base_url: world.jira.baseUrl } });
    expect(noAttestation.status).toBe(409);
    expect(noAttestation.json.error.code).toBe('ATTESTATION_REQUIRED');

    const unresolvable = await companion.request('PATCH', `/api/v1/targets/${id}`, {
      token: admin,
      body: { base_url: world.jira.baseUrl, attestations: ATTESTATIONS },
    });
    expect(unresolvable.status).toBe(409);
    expect(unresolvable.json.error).toMatchObject({ code: 'PROVIDER_BASE_URL_BLOCKED' });
    expect(unresolvable.json.error.next_action).toBeTruthy();
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json).toMatchObject({ base_url: null, attestations: null });

    world.dns.setAnswers('jira.acme.test', ['127.0.0.1']);
    const patched = await companion.request('PATCH', `/api/v1/targets/${id}`, {
      token: admin,
      body: { base_url: `${world.jira.baseUrl}/`, attestations: ATTESTATIONS },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.base_url).toBe(world.jira.baseUrl);
    expect(patched.json.checks.url.status).toBe('passed');
    expect(patched.json.attestations.owns_site.by).toMatch(/^token:wro_/);
    const challenge = patched.json.ownership.dns_challenge;
    expect(challenge).toMatchObject({
      name: '_webriskops-challenge.jira.acme.test',
      value: expect.stringMatching(/^webriskops-verification=[A-Za-z0-9_-]{32}$/),
    });
    expect(world.jira.requests).toHaveLength(0);

    const earlyPat = world.jira.issuePat();
    const tooEarly = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, { token: admin, body: { pat: earlyPat } });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.json.error.code).toBe('PROVIDER_BASE_URL_BLOCKED');

    const withoutTxt = await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    expect(withoutTxt.json.checks.ownership).toMatchObject({ status: 'failed', code: 'PROVIDER_BASE_URL_BLOCKED' });
    expect(withoutTxt.json.checks.ownership.reason).toContain(challenge.name);
    expect(await readinessOf(id)).toMatchObject({ ready: false, code: 'PROVIDER_BASE_URL_BLOCKED', check: 'ownership' });
    expect(world.jira.requests).toHaveLength(0);

    world.dns.setTxt(challenge.name, [[challenge.value]]);
    const checked = await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    expect(checked.json.checks).toMatchObject({ url: { status: 'passed' }, ownership: { status: 'passed' }, network: { status: 'passed' } });
    expect(checked.json).toMatchObject({ allowlist_status: 'tunnel', ownership: { method: 'dns_txt' } });
    expect(world.jira.requests.map((r) => r.path)).toEqual(['/jira/rest/api/2/serverInfo']);
    expect(world.jira.requestsWithToken()).toHaveLength(0);
    expect(await readinessOf(id)).toMatchObject({ ready: false, code: 'PROVIDER_AUTH_REQUIRED', check: 'auth' });

    const early = await companion.request('POST', `/api/v1/targets/${id}/activate`, { token: admin });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('PROVIDER_AUTH_REQUIRED');

    const pat = world.jira.issuePat();
    const stored = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, { token: admin, body: { pat } });
    expect(stored.status).toBe(200);
    expect(stored.json.credential).toMatchObject({ kind: 'pat', fingerprint: pat.slice(-4), expires_at: null });
    expect(stored.json.checks).toMatchObject({ auth: { status: 'passed' }, scope: { status: 'passed' } });
    expect(stored.json.scopes).toEqual(['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES']);
    const tokenRequests = world.jira.requestsWithToken();
    expect(tokenRequests.map((r) => r.path)).toEqual(['/jira/rest/api/2/myself', '/jira/rest/api/2/mypermissions']);
    expect(tokenRequests.every((r) => r.headers.authorization === `Bearer ${pat}`)).toBe(true);
    expect(await readinessOf(id)).toMatchObject({ ready: false, state: 'draft', code: null });

    const saved = await companion.request('POST', `/api/v1/targets/${id}/activate`, { token: admin });
    expect(saved.status).toBe(200);
    expect(saved.json.state).toBe('ready');
    expect(await readinessOf(id)).toMatchObject({ ready: true, state: 'ready' });

    const audit = (await companion.request('GET', `/api/v1/targets/${id}/audit`, { token: admin })).json.events.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['target.created', 'target.base_url_changed', 'checks.run', 'checks.run', 'credential.stored', 'target.activated']);
  });
});

describe('Data Center: each blocked code by its cause', () => {
  it('a URL that now resolves to an unapproved private address: PROVIDER_BASE_URL_BLOCKED', async () => {
    const { id } = await connectReadyDataCenterTarget(world, companion, admin);
    world.dns.setAnswers('jira.acme.test', ['10.1.2.3']);
    await new Promise((r) => setTimeout(r, 5_100)); // the resolver honours a minimum TTL of 5 s
    const before = world.jira.requests.length;
    await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    expect(await readinessOf(id)).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_BASE_URL_BLOCKED', check: 'url' });
    expect(world.jira.requests.length).toBe(before);
  }, 20_000);

  it.each([
    ['a redirect', { redirect: { location: 'https://jira.acme.test/elsewhere', scope: 'serverInfo' as const } }, /redirect/i],
    ['another baseUrl', { reportedBaseUrl: 'https://jira.other.test/jira' }, /reports its base URL as https:\/\/jira\.other\.test\/jira/],
  ])('serverInfo with %s: PROVIDER_BASE_URL_BLOCKED naming it', async (_label, behaviour, reason) => {
    const { id } = await connectReadyDataCenterTarget(world, companion, admin);
    world.jira.behave(behaviour);
    const checked = await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    expect(checked.json.state).toBe('blocked');
    const readiness = await readinessOf(id);
    expect(readiness).toMatchObject({ code: 'PROVIDER_BASE_URL_BLOCKED', check: 'ownership' });
    expect(readiness.reason).toMatch(reason);
  });

  it('no verified network path: PROVIDER_ALLOWLIST_REQUIRED with the next action', async () => {
    const { id } = await connectReadyDataCenterTarget(world, companion, admin);
    world.dns.setAnswers('jira.acme.test', ['127.0.0.2']); // approved, but nothing listens there
    await new Promise((r) => setTimeout(r, 5_100));
    await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    const readiness = await readinessOf(id);
    expect(readiness).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_ALLOWLIST_REQUIRED' });
    expect(readiness.next_action).toMatch(/allowlist/i);
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json.allowlist_status).toBeNull();
  }, 20_000);

  it('a token revoked inside Jira: the periodic re-check makes the ready target PROVIDER_AUTH_REQUIRED', async () => {
    const { id, pat } = await connectReadyDataCenterTarget(world, companion, admin);
    world.jira.revokePat(pat);
    expect(await recheckActiveTargets(companion.deps)).toEqual({ checked: 1, errors: 0 });
    expect(await readinessOf(id)).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_AUTH_REQUIRED', check: 'auth' });
    const audit = (await companion.request('GET', `/api/v1/targets/${id}/audit`, { token: admin })).json.events.at(-1);
    expect(audit).toMatchObject({ action: 'checks.run', actor: 'system:recheck', from_state: 'ready', to_state: 'blocked', code: 'PROVIDER_AUTH_REQUIRED' });
  });

  it.each([
    ['a refused token', { refuseTokens: true }, /refused|401/i],
    ['an anonymous answer with the Seraph header', { anonymousWithSeraph: 'also-myself' as const }, /anonymous|AUTHENTICATED_FAILED/],
    ['a CAPTCHA challenge', { captcha: true }, /CAPTCHA/],
  ])('%s is PROVIDER_AUTH_REQUIRED: a new token is not kept, the stored one blocks at the next check', async (_label, behaviour, reason) => {
    const { id, pat } = await connectReadyDataCenterTarget(world, companion, admin);
    world.jira.behave(behaviour);
    const replaced = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, { token: admin, body: { pat: world.jira.issuePat() } });
    expect(replaced.status).toBe(409);
    expect(replaced.json.error.code).toBe('PROVIDER_AUTH_REQUIRED');
    expect(replaced.json.error.message).toMatch(reason);
    const kept = (await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json;
    expect(kept).toMatchObject({ state: 'ready', credential: { fingerprint: pat.slice(-4) } });

    await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    const readiness = await readinessOf(id);
    expect(readiness).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_AUTH_REQUIRED', check: 'auth' });
    expect(readiness.reason).toMatch(reason);
    expect(readiness.next_action).toMatch(/Personal Access Token/);
  });

  it.each(['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'] as const)('a token without %s: PROVIDER_SCOPE_UNAVAILABLE naming it', async (missing) => {
    const { id } = await connectReadyDataCenterTarget(world, companion, admin);
    const limited = world.jira.issuePat({ permissions: { [missing]: false } });
    const stored = await companion.request('PUT', `/api/v1/targets/${id}/credentials`, { token: admin, body: { pat: limited } });
    expect(stored.status).toBe(200);
    const readiness = await readinessOf(id);
    expect(readiness).toMatchObject({ ready: false, state: 'blocked', code: 'PROVIDER_SCOPE_UNAVAILABLE' });
    expect(readiness.reason).toContain(missing);
    expect(readiness.next_action).toMatch(/Browse Projects/);
  });
});

describe('Data Center: a credential never follows a URL change, and disconnecting destroys it', () => {
  it('after base_url changes, the old token is never sent anywhere', async () => {
    const { id, pat } = await connectReadyDataCenterTarget(world, companion, admin);
    const firstJiraTokenRequests = world.jira.requestsWithToken().length;
    world.dns.setAnswers('jira2.acme.test', ['127.0.0.1']);
    const moved = await companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body: { base_url: world.otherJira.baseUrl } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ base_url: world.otherJira.baseUrl, credential: null, state: 'draft', allowlist_status: null });
    world.dns.setTxt(moved.json.ownership.dns_challenge.name, [[moved.json.ownership.dns_challenge.value]]);
    await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin });
    await recheckActiveTargets(companion.deps);
    expect(world.otherJira.requestsWithToken()).toHaveLength(0);
    expect(world.jira.requestsWithToken()).toHaveLength(firstJiraTokenRequests);
    expect([...world.jira.requests, ...world.otherJira.requests].filter((r) => JSON.stringify(r.headers).includes(pat))).toHaveLength(firstJiraTokenRequests);
    expect(await readinessOf(id)).toMatchObject({ ready: false, code: 'PROVIDER_AUTH_REQUIRED' });
  });

  it('DELETE destroys the PAT and says where to revoke it in Jira', async () => {
    const { id } = await connectReadyDataCenterTarget(world, companion, admin);
    const revoked = await companion.request('DELETE', `/api/v1/targets/${id}`, { token: admin });
    expect(revoked.json).toMatchObject({ credential_destroyed: true, target: { state: 'revoked', credential: null } });
    expect(revoked.json.revoke_instructions.url).toContain(`${world.jira.baseUrl}/secure/ViewProfile.jspa`);
    const before = world.jira.requests.length;
    expect((await companion.request('POST', `/api/v1/targets/${id}/checks`, { token: admin })).status).toBe(409);
    expect(world.jira.requests.length).toBe(before);
  });
});
