import { describe, expect, it } from 'vitest';
import { evaluateReadiness, stateAfterReadiness, targetNextStep, type TargetRecord } from '@webriskops/shared';
import { stateFilterOf, statusRowOf } from './status-row';
import type { TargetOverview } from './target-overview';

const now = new Date('2026-11-30T10:00:00Z');
const passed = (at: string) => ({ status: 'passed' as const, checked_at: at, reason: 'ok' });

const draft: TargetRecord = {
  id: 'tgt_1',
  name: 'Jira production',
  provider_key: 'jira_data_center',
  deployment_mode: 'self-hosted',
  base_url: null,
  site_id: null,
  auth_method: 'pat',
  scopes: [],
  allowlist_status: null,
  ownership: null,
  attestations: null,
  allowlist_declaration: null,
  checks: {},
  credential: null,
  revoke: null,
  state: 'draft',
  created_at: '2026-11-30T09:00:00Z',
  updated_at: '2026-11-30T09:00:00Z',
};

/** The overview the pages build, from the one readiness rule (no database, no clock but `now`). */
function overview(target: TargetRecord): TargetOverview {
  const readiness = evaluateReadiness(target, now, { maxCheckAgeMs: 24 * 3600_000 });
  return {
    target,
    readiness,
    nextStep: targetNextStep(target, readiness),
    state: stateAfterReadiness(target, readiness),
    tokenStepOpen: false,
    saveOpen: false,
    connected: false,
  };
}

describe('statusRowOf', () => {
  it('a target with nothing entered shows its first action and no code', () => {
    const row = statusRowOf(overview(draft));
    const readiness = evaluateReadiness(draft, now, { maxCheckAgeMs: 24 * 3600_000 });
    if (readiness.ready) throw new Error('a draft without a URL is not ready');
    expect(row).toMatchObject({ code: null, blockingCheck: 'url', nextAction: readiness.next_action, lastCheckedAt: null });
  });

  it('a blocked target shows the failing check’s own code and next action', () => {
    const entered = { ...draft, base_url: 'https://jira.acme.example', checks: { url: passed('2026-11-30T09:10:00Z') } };
    const readiness = evaluateReadiness(entered, now, { maxCheckAgeMs: 24 * 3600_000 });
    if (readiness.ready) throw new Error('a target without ownership is not ready');
    expect(readiness.check).toBe('ownership');
    expect(statusRowOf(overview(entered))).toMatchObject({ code: readiness.code, blockingCheck: 'ownership', nextAction: readiness.next_action });
  });

  it('a disconnected target names nothing to do, and the last check time is the latest of all checks', () => {
    const revoked = { ...draft, state: 'revoked' as const, checks: { url: passed('2026-11-30T08:00:00Z'), ownership: passed('2026-11-30T09:30:00Z') } };
    expect(statusRowOf(overview(revoked))).toMatchObject({ code: null, nextAction: null, blockingCheck: null, lastCheckedAt: '2026-11-30T09:30:00Z' });
  });
});

describe('stateFilterOf', () => {
  it('takes a known state and ignores anything else (never echoed)', () => {
    expect(stateFilterOf('blocked')).toBe('blocked');
    expect(stateFilterOf('<script>')).toBeNull();
    expect(stateFilterOf(undefined)).toBeNull();
  });
});
