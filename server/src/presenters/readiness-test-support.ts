import { revokePathFor, type TargetRecord } from '@webriskops/shared';
import type { AppDeps } from '../deps';

// A target as the read caches hand it out, and deps with a clock a test moves, for the tests of
// the readiness answers (the presenter's and the export poll's).

export const HOUR = 3_600_000;
const checkedAt = '2026-11-30T09:00:00.000Z';
const passed = { status: 'passed' as const, checked_at: checkedAt, reason: 'ok' };

/** Ready from 09:00 until its checks age out (11:00 with a 2-hour maximum age) or its token expires (12:00). */
export const readyTarget: TargetRecord = {
  id: 'tgt_ready',
  name: 'Jira production',
  provider_key: 'jira_data_center',
  deployment_mode: 'self-hosted',
  base_url: 'https://jira.example.com',
  site_id: null,
  auth_method: 'pat',
  scopes: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
  allowlist_status: 'direct',
  ownership: { method: 'dns_txt', evidence: '_webriskops-challenge.jira.example.com', verified_at: checkedAt },
  attestations: null,
  allowlist_declaration: null,
  checks: { url: passed, ownership: passed, network: passed, auth: passed, scope: passed },
  credential: { kind: 'pat', fingerprint: 'a1b2', created_at: checkedAt, expires_at: '2026-11-30T12:00:00.000Z' },
  revoke: revokePathFor('pat', 'https://jira.example.com'),
  state: 'ready',
  created_at: checkedAt,
  updated_at: checkedAt,
};

/** Deps with a clock the test moves: the readiness answers read nothing else. */
export function depsAt(clock: { now: Date }, checkMaxAgeMs = 2 * HOUR): AppDeps {
  return { clock: { now: () => clock.now }, config: { checkMaxAgeMs } } as unknown as AppDeps;
}
