import type { BlockedCode } from './blocked-codes';
import type { Readiness } from './evaluate-readiness';
import type { BlockingCheck } from './next-actions';
import { CHECK_NAMES, type TargetRecord } from './target-record';

/**
 * Where a target stands and the one thing to do next, as every page shows it (banner, steps,
 * status table): read from the one readiness result, never worked out twice.
 * - `not_started`: nothing entered yet (no URL, credential, check or attestation); no code, no red.
 * - `blocked`: the failing check, its code and reason, and that check's next action.
 * - `unsaved`: every check passes; saving is what is left.
 * - `ready` / `revoked`: nothing to do (revoked: nothing can be done).
 */
export type TargetNextStep =
  | { phase: 'not_started'; check: BlockingCheck; next_action: string }
  | { phase: 'blocked'; check: BlockingCheck; code: BlockedCode; reason: string; next_action: string }
  | { phase: 'unsaved'; next_action: string }
  | { phase: 'ready' }
  | { phase: 'revoked' };

/** The record fields that say whether anything was entered yet. */
export type NextStepInput = Pick<TargetRecord, 'state' | 'base_url' | 'credential' | 'checks' | 'attestations'>;

/** True while nothing has been entered for the target: the page is a form to fill, not a failure. */
export function nothingEntered(target: NextStepInput): boolean {
  return !target.base_url && !target.credential && !target.attestations && CHECK_NAMES.every((name) => !target.checks[name]);
}

export const SAVE_NEXT_ACTION = 'Every check passes: save the target so export jobs may use it.';

/** The phase and the one next action of a target, from its readiness (evaluateReadiness). */
export function targetNextStep(target: NextStepInput, readiness: Readiness): TargetNextStep {
  if (target.state === 'revoked') return { phase: 'revoked' };
  if (readiness.ready) return target.state === 'ready' ? { phase: 'ready' } : { phase: 'unsaved', next_action: SAVE_NEXT_ACTION };
  if (nothingEntered(target)) return { phase: 'not_started', check: readiness.check, next_action: readiness.next_action };
  return { phase: 'blocked', check: readiness.check, code: readiness.code, reason: readiness.reason, next_action: readiness.next_action };
}
