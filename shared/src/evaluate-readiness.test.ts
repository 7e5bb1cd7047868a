import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateReadiness, DEFAULT_MAX_CHECK_AGE_MS, readinessHoldsUntil, stateAfterReadiness } from './evaluate-readiness';
import { revokePathFor } from './revoke-paths';
import { targetRecordSchema, type AuthMethod, type CheckResult, type TargetRecord } from './target-record';

const NOW = new Date('2026-11-29T12:00:00Z');
const HOUR = 3_600_000;
const at = (msAgo: number) => new Date(NOW.getTime() - msAgo).toISOString();
const passed = (msAgo = HOUR): CheckResult => ({ status: 'passed', checked_at: at(msAgo), reason: 'ok' });
const allPassed = () => ({ url: passed(), ownership: passed(), network: passed(), auth: passed(), scope: passed() });

function readyDataCenter(): TargetRecord {
  return {
    id: 'tgt_dc',
    name: 'Jira DC',
    provider_key: 'jira_data_center',
    deployment_mode: 'self-hosted',
    base_url: 'https://jira.example.com/jira',
    site_id: null,
    auth_method: 'pat',
    scopes: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
    allowlist_status: 'direct',
    ownership: { method: 'dns_txt', evidence: '_webriskops-challenge.jira.example.com', verified_at: at(HOUR) },
    checks: allPassed(),
    credential: { kind: 'pat', fingerprint: 'a1b2', created_at: at(2 * HOUR), expires_at: null },
    revoke: revokePathFor('pat', 'https://jira.example.com/jira'),
    state: 'ready',
    created_at: at(3 * HOUR),
    updated_at: at(HOUR),
  };
}

function readyCloud(method: Exclude<AuthMethod, 'pat'>): TargetRecord {
  const scopesByMethod: Record<typeof method, string[]> = {
    forge_app: ['read:jira-work', 'write:jira-work', 'read:app-system-token', 'read:app-user-token'],
    oauth: ['read:jira-work', 'write:jira-work', 'offline_access'],
    api_token: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
  };
  const ownershipByMethod = { forge_app: 'forge_install', oauth: 'oauth_resources', api_token: 'site_identity' } as const;
  return {
    ...readyDataCenter(),
    id: `tgt_${method}`,
    provider_key: 'jira_cloud',
    deployment_mode: 'cloud',
    base_url: 'https://acme.atlassian.net',
    site_id: '11111111-2222-3333-4444-555555555555',
    auth_method: method,
    scopes: scopesByMethod[method],
    allowlist_status: 'direct',
    ownership: { method: ownershipByMethod[method], evidence: 'cloudId matched', verified_at: at(HOUR) },
    credential: { kind: method, fingerprint: 'z9y8', created_at: at(2 * HOUR), expires_at: at(-300 * 24 * HOUR) },
    revoke: revokePathFor(method, 'https://acme.atlassian.net'),
  };
}

describe('evaluateReadiness: ready states', () => {
  it.each([
    ['Data Center with PAT, direct', readyDataCenter()],
    ['Data Center through an approved tunnel', { ...readyDataCenter(), allowlist_status: 'tunnel' as const }],
    [
      'Data Center allowlisted, attested ownership',
      {
        ...readyDataCenter(),
        allowlist_status: 'allowlisted' as const,
        ownership: { method: 'admin_attestation' as const, evidence: 'attested by admin@example.com', verified_at: at(HOUR) },
      },
    ],
    ['Cloud with the Forge app', readyCloud('forge_app')],
    ['Cloud with OAuth', readyCloud('oauth')],
    ['Cloud with an API token', readyCloud('api_token')],
  ])('%s is ready', (_label, target) => {
    expect(targetRecordSchema.safeParse(target).success).toBe(true);
    expect(evaluateReadiness(target, NOW)).toEqual({ ready: true });
    expect(stateAfterReadiness(target, { ready: true })).toBe('ready');
    expect(stateAfterReadiness({ ...target, state: 'draft' }, { ready: true })).toBe('draft');
  });
});

type Case = [label: string, mutate: (t: TargetRecord) => TargetRecord, code: string, check: string, reason: RegExp];

const dataCenterCases: Case[] = [
  ['deployment mode contradicts provider', (t) => ({ ...t, deployment_mode: 'cloud' }), 'PROVIDER_BASE_URL_BLOCKED', 'provider', /must be self-hosted/],
  ['no base URL', (t) => ({ ...t, base_url: null }), 'PROVIDER_BASE_URL_BLOCKED', 'url', /No Jira base URL/],
  ['URL check never ran', (t) => ({ ...t, checks: { ...t.checks, url: undefined } }), 'PROVIDER_BASE_URL_BLOCKED', 'url', /has not run/],
  [
    'URL check failed',
    (t) => ({
      ...t,
      checks: {
        ...t.checks,
        url: { status: 'failed', checked_at: at(HOUR), reason: 'resolves to a private network address 10.0.0.5', code: 'PROVIDER_BASE_URL_BLOCKED' },
      },
    }),
    'PROVIDER_BASE_URL_BLOCKED',
    'url',
    /private network/,
  ],
  [
    'URL check stale',
    (t) => ({ ...t, checks: { ...t.checks, url: passed(DEFAULT_MAX_CHECK_AGE_MS + 1) } }),
    'PROVIDER_BASE_URL_BLOCKED',
    'url',
    /no longer counts/,
  ],
  ['no ownership evidence', (t) => ({ ...t, ownership: null }), 'PROVIDER_BASE_URL_BLOCKED', 'ownership', /Ownership/],
  [
    'DNS challenge issued but not yet proven',
    (t) => ({
      ...t,
      ownership: {
        method: null,
        evidence: null,
        verified_at: null,
        dns_challenge: { name: '_webriskops-challenge.jira.example.com', value: 'webriskops-verification=abc' },
      },
    }),
    'PROVIDER_BASE_URL_BLOCKED',
    'ownership',
    /not proven/,
  ],
  [
    'ownership check failed (serverInfo mismatch)',
    (t) => ({
      ...t,
      checks: { ...t.checks, ownership: { status: 'failed', checked_at: at(HOUR), reason: 'serverInfo baseUrl is https://other.example.com' } },
    }),
    'PROVIDER_BASE_URL_BLOCKED',
    'ownership',
    /serverInfo/,
  ],
  [
    'ownership check stale',
    (t) => ({ ...t, checks: { ...t.checks, ownership: passed(DEFAULT_MAX_CHECK_AGE_MS * 2) } }),
    'PROVIDER_BASE_URL_BLOCKED',
    'ownership',
    /no longer counts/,
  ],
  ['allowlist status missing', (t) => ({ ...t, allowlist_status: null }), 'PROVIDER_ALLOWLIST_REQUIRED', 'network', /network path/],
  [
    'network check failed',
    (t) => ({ ...t, checks: { ...t.checks, network: { status: 'failed', checked_at: at(HOUR), reason: 'probe timed out' } } }),
    'PROVIDER_ALLOWLIST_REQUIRED',
    'network',
    /timed out/,
  ],
  [
    'network check stale',
    (t) => ({ ...t, checks: { ...t.checks, network: passed(DEFAULT_MAX_CHECK_AGE_MS + 60_000) } }),
    'PROVIDER_ALLOWLIST_REQUIRED',
    'network',
    /no longer counts/,
  ],
  ['no credential', (t) => ({ ...t, credential: null }), 'PROVIDER_AUTH_REQUIRED', 'auth', /No credential/],
  ['credential expired', (t) => ({ ...t, credential: { ...t.credential!, expires_at: at(1) } }), 'PROVIDER_AUTH_REQUIRED', 'auth', /expired/],
  ['credential revoked', (t) => ({ ...t, credential: { ...t.credential!, revoked_at: at(HOUR) } }), 'PROVIDER_AUTH_REQUIRED', 'auth', /revoked/],
  [
    'auth check failed (401 from /myself)',
    (t) => ({ ...t, checks: { ...t.checks, auth: { status: 'failed', checked_at: at(HOUR), reason: '/rest/api/2/myself answered 401' } } }),
    'PROVIDER_AUTH_REQUIRED',
    'auth',
    /401/,
  ],
  [
    'auth check stale',
    (t) => ({ ...t, checks: { ...t.checks, auth: passed(DEFAULT_MAX_CHECK_AGE_MS + 1) } }),
    'PROVIDER_AUTH_REQUIRED',
    'auth',
    /no longer counts/,
  ],
  ['EDIT_ISSUES missing', (t) => ({ ...t, scopes: ['BROWSE_PROJECTS', 'CREATE_ISSUES'] }), 'PROVIDER_SCOPE_UNAVAILABLE', 'scope', /EDIT_ISSUES/],
  [
    'scope check failed',
    (t) => ({
      ...t,
      checks: { ...t.checks, scope: { status: 'failed', checked_at: at(HOUR), reason: 'CREATE_ISSUES is not granted', code: 'PROVIDER_SCOPE_UNAVAILABLE' } },
    }),
    'PROVIDER_SCOPE_UNAVAILABLE',
    'scope',
    /CREATE_ISSUES/,
  ],
  [
    'scope check stale',
    (t) => ({ ...t, checks: { ...t.checks, scope: passed(DEFAULT_MAX_CHECK_AGE_MS + 1) } }),
    'PROVIDER_SCOPE_UNAVAILABLE',
    'scope',
    /no longer counts/,
  ],
  ['no revoke path', (t) => ({ ...t, revoke: null }), 'PROVIDER_AUTH_REQUIRED', 'revoke', /revokes/],
  ['target revoked', (t) => ({ ...t, state: 'revoked' }), 'PROVIDER_AUTH_REQUIRED', 'auth', /disconnected/],
  [
    'wrong auth method for provider',
    (t) => ({ ...t, auth_method: 'api_token', credential: { ...t.credential!, kind: 'api_token' } }),
    'PROVIDER_AUTH_REQUIRED',
    'auth',
    /No auth method valid/,
  ],
];

const cloudCases: Case[] = [
  ['deployment mode contradicts provider', (t) => ({ ...t, deployment_mode: 'self-hosted' }), 'PROVIDER_BASE_URL_BLOCKED', 'provider', /must be cloud/],
  ['site not connected', (t) => ({ ...t, site_id: null }), 'PROVIDER_AUTH_REQUIRED', 'ownership', /not connected/],
  ['no ownership evidence', (t) => ({ ...t, ownership: null }), 'PROVIDER_AUTH_REQUIRED', 'ownership', /not connected/],
  [
    'ownership by attestation is not enough on Cloud',
    (t) => ({ ...t, ownership: { method: 'admin_attestation', evidence: 'said so', verified_at: at(1) } }),
    'PROVIDER_BASE_URL_BLOCKED',
    'ownership',
    /Forge install, the OAuth grant/,
  ],
  [
    'ownership proof of another auth method',
    (t) => ({ ...t, ownership: { method: 'oauth_resources', evidence: 'grant', verified_at: at(1) } }),
    'PROVIDER_BASE_URL_BLOCKED',
    'ownership',
    /not oauth_resources/,
  ],
  ['credential expired', (t) => ({ ...t, credential: { ...t.credential!, expires_at: at(60_000) } }), 'PROVIDER_AUTH_REQUIRED', 'auth', /expired/],
  [
    'credential revoked (app uninstalled)',
    (t) => ({ ...t, credential: { ...t.credential!, revoked_at: at(60_000) } }),
    'PROVIDER_AUTH_REQUIRED',
    'auth',
    /revoked/,
  ],
  ['credential of another kind', (t) => ({ ...t, credential: { ...t.credential!, kind: 'oauth' } }), 'PROVIDER_AUTH_REQUIRED', 'auth', /not the forge_app/],
  ['write scope missing', (t) => ({ ...t, scopes: ['read:jira-work', 'read:app-system-token'] }), 'PROVIDER_SCOPE_UNAVAILABLE', 'scope', /write:jira-work/],
  [
    'broader scope granted',
    (t) => ({ ...t, scopes: [...t.scopes, 'manage:jira-configuration'] }),
    'PROVIDER_SCOPE_UNAVAILABLE',
    'scope',
    /manage:jira-configuration/,
  ],
  ['admin scope granted', (t) => ({ ...t, scopes: [...t.scopes, 'read:jira-admin'] }), 'PROVIDER_SCOPE_UNAVAILABLE', 'scope', /read:jira-admin/],
  ['unknown extra scope', (t) => ({ ...t, scopes: [...t.scopes, 'read:confluence-content.all'] }), 'PROVIDER_SCOPE_UNAVAILABLE', 'scope', /does not need/],
  [
    'auth check stale',
    (t) => ({ ...t, checks: { ...t.checks, auth: passed(DEFAULT_MAX_CHECK_AGE_MS + 1) } }),
    'PROVIDER_AUTH_REQUIRED',
    'auth',
    /no longer counts/,
  ],
  ['no revoke path', (t) => ({ ...t, revoke: null }), 'PROVIDER_AUTH_REQUIRED', 'revoke', /revokes/],
];

describe('evaluateReadiness: Data Center blocked states', () => {
  it.each(dataCenterCases)('%s', (_label, mutate, code, check, reason) => {
    const result = evaluateReadiness(mutate(readyDataCenter()), NOW);
    expect(result).toMatchObject({ ready: false, code, check });
    if (result.ready) throw new Error('unreachable');
    expect(result.reason).toMatch(reason);
    expect(result.next_action.length).toBeGreaterThan(20);
  });
});

describe('evaluateReadiness: Cloud blocked states', () => {
  it.each(cloudCases)('%s', (_label, mutate, code, check, reason) => {
    const result = evaluateReadiness(mutate(readyCloud('forge_app')), NOW);
    expect(result).toMatchObject({ ready: false, code, check });
    if (result.ready) throw new Error('unreachable');
    expect(result.reason).toMatch(reason);
  });
});

describe('evaluateReadiness: stale checks and ordering', () => {
  it('a saved target that stops passing becomes blocked, and ready again when it passes', () => {
    const stale = { ...readyDataCenter(), checks: { ...allPassed(), auth: passed(DEFAULT_MAX_CHECK_AGE_MS + 1) } };
    expect(stateAfterReadiness(stale, evaluateReadiness(stale, NOW))).toBe('blocked');
    const blockedTarget = { ...readyDataCenter(), state: 'blocked' as const };
    expect(stateAfterReadiness(blockedTarget, evaluateReadiness(blockedTarget, NOW))).toBe('ready');
    const revoked = { ...readyDataCenter(), state: 'revoked' as const };
    expect(stateAfterReadiness(revoked, { ready: true })).toBe('revoked');
  });

  it('honours a configurable maximum check age', () => {
    const target = { ...readyDataCenter(), checks: { ...allPassed(), auth: passed(2 * HOUR) } };
    expect(evaluateReadiness(target, NOW, { maxCheckAgeMs: 3 * HOUR }).ready).toBe(true);
    expect(evaluateReadiness(target, NOW, { maxCheckAgeMs: HOUR })).toMatchObject({ code: 'PROVIDER_AUTH_REQUIRED', check: 'auth' });
  });

  it('a check dated in the future by clock skew still counts, an unparsable date does not', () => {
    const future = { ...readyDataCenter(), checks: { ...allPassed(), url: passed(-60_000) } };
    expect(evaluateReadiness(future, NOW).ready).toBe(true);
    const garbage = { ...readyDataCenter(), checks: { ...allPassed(), url: { ...passed(), checked_at: 'not a date' } } };
    expect(evaluateReadiness(garbage, NOW)).toMatchObject({ code: 'PROVIDER_BASE_URL_BLOCKED', check: 'url' });
  });

  it('returns the first blocking code in flow order (URL before network before auth)', () => {
    const target = { ...readyDataCenter(), allowlist_status: null, credential: null, checks: { ...allPassed(), url: undefined } };
    expect(evaluateReadiness(target, NOW)).toMatchObject({ code: 'PROVIDER_BASE_URL_BLOCKED', check: 'url' });
    expect(evaluateReadiness({ ...target, checks: allPassed() }, NOW)).toMatchObject({ code: 'PROVIDER_ALLOWLIST_REQUIRED' });
  });

  it('a new draft Data Center target is not ready and stays draft', () => {
    const draft: TargetRecord = {
      ...readyDataCenter(),
      base_url: null,
      auth_method: null,
      scopes: [],
      allowlist_status: null,
      ownership: null,
      checks: {},
      credential: null,
      revoke: null,
      state: 'draft',
    };
    const readiness = evaluateReadiness(draft, NOW);
    expect(readiness).toMatchObject({ ready: false, code: 'PROVIDER_BASE_URL_BLOCKED' });
    expect(stateAfterReadiness(draft, readiness)).toBe('draft');
  });
});

describe('readinessHoldsUntil: how long an answer stays the answer', () => {
  it('is the millisecond a passed check gets too old, or the credential expires', () => {
    const target = readyDataCenter();
    const checkedAt = NOW.getTime() - HOUR;
    const until = readinessHoldsUntil(target, NOW);
    expect(until).toBe(checkedAt + DEFAULT_MAX_CHECK_AGE_MS + 1);
    expect(evaluateReadiness(target, new Date(until - 1)).ready).toBe(true);
    expect(evaluateReadiness(target, new Date(until)).ready).toBe(false);
    const expiring = { ...target, credential: { ...target.credential!, expires_at: at(-10 * 60_000) } };
    expect(readinessHoldsUntil(expiring, NOW)).toBe(NOW.getTime() + 10 * 60_000);
    expect(evaluateReadiness(expiring, new Date(NOW.getTime() + 10 * 60_000 - 1)).ready).toBe(true);
    expect(evaluateReadiness(expiring, new Date(NOW.getTime() + 10 * 60_000)).ready).toBe(false);
    expect(readinessHoldsUntil({ ...target, checks: {}, credential: null }, NOW)).toBe(Number.POSITIVE_INFINITY);
  });

  it('never ends later than the answer changes (any record, any moment in between, the last millisecond included)', () => {
    const offset = fc.integer({ min: -6 * HOUR, max: 6 * HOUR });
    const check = fc.option(
      fc
        .record({ status: fc.constantFrom('passed' as const, 'failed' as const), msAgo: offset })
        .map(({ status, msAgo }) => ({ status, checked_at: at(msAgo), reason: status })),
      { nil: undefined },
    );
    const record = fc.record({
      base: fc.constantFrom(readyDataCenter(), readyCloud('forge_app'), readyCloud('oauth'), readyCloud('api_token')),
      checks: fc.record({ url: check, ownership: check, network: check, auth: check, scope: check }),
      expiresIn: fc.option(offset, { nil: null }),
    });
    fc.assert(
      fc.property(
        record,
        fc.integer({ min: 1, max: 4 * HOUR }),
        offset,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ base, checks, expiresIn }, maxCheckAgeMs, startOffset, where) => {
          const target: TargetRecord = {
            ...base,
            checks: Object.fromEntries(Object.entries(checks).filter(([, value]) => value !== undefined)),
            credential: base.credential ? { ...base.credential, expires_at: expiresIn === null ? null : at(-expiresIn) } : null,
          };
          const start = new Date(NOW.getTime() + startOffset);
          const answer = evaluateReadiness(target, start, { maxCheckAgeMs });
          const until = readinessHoldsUntil(target, start, { maxCheckAgeMs });
          expect(until).toBeGreaterThan(start.getTime());
          const last = Number.isFinite(until) ? until - 1 : start.getTime() + 12 * HOUR;
          for (const moment of [start.getTime() + Math.floor(where * (last - start.getTime())), last]) {
            expect(evaluateReadiness(target, new Date(moment), { maxCheckAgeMs })).toEqual(answer);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
