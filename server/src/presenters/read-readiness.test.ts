import { describe, expect, it } from 'vitest';
import { revokePathFor, type TargetRecord } from '@webriskops/shared';
import type { AppDeps } from '../deps';
import { readinessView } from './read-readiness';

const HOUR = 3_600_000;
const checkedAt = '2026-11-30T09:00:00.000Z';
const passed = { status: 'passed' as const, checked_at: checkedAt, reason: 'ok' };

const ready: TargetRecord = {
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

/** Deps with a clock the test moves: readinessView reads nothing else. */
function depsAt(clock: { now: Date }, checkMaxAgeMs = 2 * HOUR): AppDeps {
  return { clock: { now: () => clock.now }, config: { checkMaxAgeMs } } as unknown as AppDeps;
}

describe('readinessView of a shared (frozen) record', () => {
  it('answers from memory only while time cannot change the answer: a check ageing out or a credential expiring is seen at the millisecond', () => {
    const record = Object.freeze(structuredClone(ready));
    const clock = { now: new Date('2026-11-30T10:00:00.000Z') };
    const deps = depsAt(clock);
    expect(readinessView(deps, record)).toMatchObject({ ready: true, evaluated_at: '2026-11-30T10:00:00.000Z' });
    clock.now = new Date('2026-11-30T10:59:59.999Z');
    expect(readinessView(deps, record)).toMatchObject({ ready: true, evaluated_at: '2026-11-30T10:59:59.999Z' });
    // Checked at 09:00 with a 2-hour maximum age: counts through 11:00:00.000, not a millisecond later.
    clock.now = new Date('2026-11-30T11:00:00.000Z');
    expect(readinessView(deps, record).ready).toBe(true);
    clock.now = new Date('2026-11-30T11:00:00.001Z');
    expect(readinessView(deps, record)).toMatchObject({ ready: false, code: 'PROVIDER_BASE_URL_BLOCKED', check: 'url' });
    // A longer maximum age (another config) is not answered from the first one's memory.
    const longer = depsAt(clock, 24 * HOUR);
    expect(readinessView(longer, record).ready).toBe(true);
    clock.now = new Date('2026-11-30T12:00:00.000Z');
    expect(readinessView(longer, record)).toMatchObject({ ready: false, code: 'PROVIDER_AUTH_REQUIRED', check: 'auth' });
  });

  it('recomputes when the clock goes back, and hands out copies a caller cannot use to change the next answer', () => {
    const record = Object.freeze(structuredClone(ready));
    const clock = { now: new Date('2026-11-30T11:30:00.000Z') };
    const deps = depsAt(clock);
    expect(readinessView(deps, record).ready).toBe(false);
    clock.now = new Date('2026-11-30T10:30:00.000Z');
    const view = readinessView(deps, record);
    expect(view.ready).toBe(true);
    (view as { ready: boolean }).ready = false;
    expect(readinessView(deps, record).ready).toBe(true);
  });
});
