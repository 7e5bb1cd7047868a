import { describe, expect, it } from 'vitest';
import { evaluateReadiness } from './evaluate-readiness';
import { JIRA_SCREENS } from './jira-screens';
import { nextActionFor } from './next-actions';
import { revokePathFor } from './revoke-paths';
import type { AuthMethod, CheckResult, TargetRecord } from './target-record';

const NOW = new Date('2026-11-29T12:00:00Z');
const HOUR = 3_600_000;
const at = (msAgo: number) => new Date(NOW.getTime() - msAgo).toISOString();
const passed = (): CheckResult => ({ status: 'passed', checked_at: at(HOUR), reason: 'ok' });
const failed = (code: CheckResult['code'], reason = 'refused'): CheckResult => ({ status: 'failed', checked_at: at(HOUR), reason, code });

function readyDataCenter(): TargetRecord {
  return {
    id: 'tgt_dc',
    name: 'Jira DC',
    provider_key: 'jira_data_center',
    deployment_mode: 'self-hosted',
    base_url: 'https://jira.example.com',
    site_id: null,
    auth_method: 'pat',
    scopes: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
    allowlist_status: 'direct',
    ownership: { method: 'dns_txt', evidence: '_webriskops-challenge.jira.example.com', verified_at: at(HOUR) },
    checks: { url: passed(), ownership: passed(), network: passed(), auth: passed(), scope: passed() },
    credential: { kind: 'pat', fingerprint: 'a1b2', created_at: at(2 * HOUR), expires_at: null },
    revoke: revokePathFor('pat', 'https://jira.example.com'),
    state: 'ready',
    created_at: at(3 * HOUR),
    updated_at: at(HOUR),
  };
}

type CloudMethod = Exclude<AuthMethod, 'pat'>;

function readyCloud(method: CloudMethod): TargetRecord {
  const scopes: Record<CloudMethod, string[]> = {
    forge_app: ['read:jira-work', 'write:jira-work', 'read:app-system-token', 'read:app-user-token'],
    oauth: ['read:jira-work', 'write:jira-work', 'offline_access'],
    api_token: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
  };
  const ownership = { forge_app: 'forge_install', oauth: 'oauth_resources', api_token: 'site_identity' } as const;
  return {
    ...readyDataCenter(),
    provider_key: 'jira_cloud',
    deployment_mode: 'cloud',
    base_url: 'https://acme.atlassian.net',
    site_id: '11111111-2222-3333-4444-555555555555',
    auth_method: method,
    scopes: scopes[method],
    ownership: { method: ownership[method], evidence: 'cloudId matched', verified_at: at(HOUR) },
    credential: { kind: method, fingerprint: 'z9y8', created_at: at(2 * HOUR), expires_at: null },
    revoke: revokePathFor(method, 'https://acme.atlassian.net'),
  };
}

type Failing = [check: string, mutate: (t: TargetRecord) => TargetRecord, expected: RegExp];

/** Words of another provider: a Data Center action never names the Cloud ways in, and the reverse. */
const FOREIGN: Record<TargetRecord['provider_key'], RegExp> = {
  jira_data_center: /Forge|OAuth|Atlassian|API token|pairing/,
  jira_cloud: /self-hosted|Personal Access Token|egress|DNS|tunnel|base URL/,
};

const dataCenterCases: Failing[] = [
  ['provider', (t) => ({ ...t, deployment_mode: 'cloud' }), /not a Jira Data Center target/],
  ['url (nothing entered)', (t) => ({ ...t, base_url: null }), new RegExp(`base URL of your Jira \\(${escape(JIRA_SCREENS.baseUrl)}\\)`)],
  ['url (failed)', (t) => ({ ...t, checks: { ...t.checks, url: failed('PROVIDER_BASE_URL_BLOCKED', 'private address') } }), /exact https base URL/],
  ['ownership', (t) => ({ ...t, ownership: null }), /DNS TXT record/],
  ['ownership of an IP address', (t) => ({ ...t, base_url: 'https://127.0.0.1/jira', ownership: null }), /^DNS ownership needs a host name/],
  ['ownership (failed)', (t) => ({ ...t, checks: { ...t.checks, ownership: failed('PROVIDER_BASE_URL_BLOCKED', 'No TXT record') } }), /DNS TXT record/],
  ['network', (t) => ({ ...t, allowlist_status: null }), /^Allowlist the companion's egress addresses/],
  ['network (unreachable)', (t) => ({ ...t, checks: { ...t.checks, network: failed('PROVIDER_ALLOWLIST_REQUIRED') } }), /^Allowlist/],
  ['auth', (t) => ({ ...t, credential: null }), new RegExp(`Create a Personal Access Token \\(${escape(JIRA_SCREENS.personalAccessTokens)}\\)`)],
  ['auth (unreachable)', (t) => ({ ...t, checks: { ...t.checks, auth: failed('PROVIDER_ALLOWLIST_REQUIRED') } }), /could not reach your Jira/],
  ['scope', (t) => ({ ...t, scopes: ['BROWSE_PROJECTS'] }), /Browse Projects, Create Issues and Edit Issues.*run the checks again/],
  ['revoke', (t) => ({ ...t, revoke: null }), /Connect again/],
];

const cloudCases: Record<CloudMethod, Failing[]> = {
  forge_app: [
    ['ownership (not paired)', (t) => ({ ...t, site_id: null }), /^Pair the WebRiskOps Forge app.*Manage apps > WebRiskOps > Configure/],
    ['auth', (t) => ({ ...t, credential: { ...t.credential!, expires_at: at(1) } }), /^Pair the Forge app again: get a new pairing code/],
    ['scope', (t) => ({ ...t, scopes: [...t.scopes, 'manage:jira-configuration'] }), /deploy the current app/],
  ],
  oauth: [
    ['ownership (not connected)', (t) => ({ ...t, site_id: null }), /^Sign in at Atlassian with OAuth 2\.0 and grant access/],
    ['auth', (t) => ({ ...t, credential: { ...t.credential!, revoked_at: at(1) } }), /^Sign in at Atlassian with OAuth 2\.0 again:/],
    ['scope', (t) => ({ ...t, scopes: ['read:jira-work'] }), /grant only read:jira-work and write:jira-work/],
  ],
  api_token: [
    ['ownership (not connected)', (t) => ({ ...t, site_id: null }), /Atlassian account email and an API token/],
    ['auth', (t) => ({ ...t, credential: null }), new RegExp(`new API token \\(${escape(JIRA_SCREENS.apiTokens)}\\)`)],
    ['scope', (t) => ({ ...t, scopes: ['BROWSE_PROJECTS'] }), /Grant the account behind the API token Browse Projects/],
  ],
};

const cloudCommon: Failing[] = [
  ['provider', (t) => ({ ...t, deployment_mode: 'self-hosted' }), /not a Jira Cloud target/],
  ['url', (t) => ({ ...t, checks: { ...t.checks, url: failed('PROVIDER_BASE_URL_BLOCKED') } }), /address of your Jira Cloud site/],
  ['auth (unreachable)', (t) => ({ ...t, checks: { ...t.checks, auth: failed('PROVIDER_ALLOWLIST_REQUIRED') } }), /could not reach the Atlassian site/],
  ['revoke', (t) => ({ ...t, revoke: null }), /Connect again/],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function expectOwnAction(target: TargetRecord, expected: RegExp) {
  const readiness = evaluateReadiness(target, NOW);
  if (readiness.ready) throw new Error('expected a block');
  expect(readiness.next_action).toMatch(expected);
  expect(readiness.next_action).toBe(nextActionFor(target, readiness.check, readiness.code));
  expect(readiness.next_action).not.toMatch(FOREIGN[target.provider_key]);
}

describe('nextActionFor: one next action per provider, auth method and failing check', () => {
  it.each(dataCenterCases)('Data Center, failing %s', (_check, mutate, expected) => expectOwnAction(mutate(readyDataCenter()), expected));

  for (const method of Object.keys(cloudCases) as CloudMethod[]) {
    it.each([...cloudCases[method], ...cloudCommon])(`Jira Cloud (${method}), failing %s`, (_check, mutate, expected) =>
      expectOwnAction(mutate(readyCloud(method)), expected),
    );
  }

  it('gives each auth method of a provider its own action for the same failing check', () => {
    const actions = (['forge_app', 'oauth', 'api_token'] as const).map((method) =>
      nextActionFor({ provider_key: 'jira_cloud', auth_method: method, base_url: null }, 'auth', 'PROVIDER_AUTH_REQUIRED'),
    );
    expect(new Set(actions).size).toBe(3);
  });

  it('asks a Cloud target without an auth method to choose one, never to reconnect a credential it never had', () => {
    expect(nextActionFor({ provider_key: 'jira_cloud', auth_method: null, base_url: null }, 'ownership', 'PROVIDER_AUTH_REQUIRED')).toMatch(
      /^Choose how to connect/,
    );
  });

  it('a disconnected target is told to connect again as a new target', () => {
    const readiness = evaluateReadiness({ ...readyDataCenter(), state: 'revoked' }, NOW);
    expect(readiness.ready ? '' : readiness.next_action).toMatch(/new target/);
  });
});
