import { describe, expect, it } from 'vitest';
import type { Readiness } from './evaluate-readiness';
import { SAVE_NEXT_ACTION, targetNextStep, type NextStepInput } from './target-next-step';

const blank: NextStepInput = { state: 'draft', base_url: null, credential: null, checks: {}, attestations: null };
const blocked: Readiness = {
  ready: false,
  code: 'PROVIDER_BASE_URL_BLOCKED',
  check: 'url',
  reason: 'No Jira base URL has been entered yet.',
  next_action: 'Enter it.',
};

describe('targetNextStep', () => {
  it('a target with nothing entered is not started: no code, the first action', () => {
    expect(targetNextStep(blank, blocked)).toEqual({ phase: 'not_started', check: 'url', next_action: 'Enter it.' });
  });

  it.each([
    ['a base URL', { base_url: 'https://jira.example.com' }],
    ['a recorded check', { checks: { url: { status: 'failed' as const, checked_at: '2026-11-29T12:00:00.000Z', reason: 'private' } } }],
    [
      'attestations',
      { attestations: { owns_site: { by: 'a', at: 'b' }, issue_api_reachable: { by: 'a', at: 'b' }, scan_export_authorized: { by: 'a', at: 'b' } } },
    ],
  ])('once %s is entered, the failing check blocks with its code', (_what, change) => {
    expect(targetNextStep({ ...blank, ...change }, blocked)).toMatchObject({ phase: 'blocked', code: 'PROVIDER_BASE_URL_BLOCKED', check: 'url' });
  });

  it('ready but unsaved asks for Save; saved is ready; revoked is revoked whatever readiness says', () => {
    expect(targetNextStep({ ...blank, base_url: 'https://x.test' }, { ready: true })).toEqual({ phase: 'unsaved', next_action: SAVE_NEXT_ACTION });
    expect(targetNextStep({ ...blank, state: 'ready' }, { ready: true })).toEqual({ phase: 'ready' });
    expect(targetNextStep({ ...blank, state: 'revoked' }, blocked)).toEqual({ phase: 'revoked' });
  });
});
