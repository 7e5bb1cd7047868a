import { evaluateReadiness, stateAfterReadiness, type TargetRecord, type TargetState } from '@webriskops/shared';
import type { AppDeps } from '../deps';

export type ReadinessView =
  | { target_id: string; ready: true; state: TargetState; evaluated_at: string }
  | {
      target_id: string;
      ready: false;
      state: TargetState;
      code: string | null;
      reason: string;
      next_action: string;
      check: string | null;
      evaluated_at: string;
    };

/** The readiness answer for a loaded record, without I/O (the API, the pages and export jobs share it). */
export function readinessView(deps: AppDeps, target: TargetRecord): ReadinessView {
  const now = deps.clock.now();
  const readiness = evaluateReadiness(target, now, { maxCheckAgeMs: deps.config.checkMaxAgeMs });
  const state = stateAfterReadiness(target, readiness);
  const evaluated_at = now.toISOString();
  if (readiness.ready && state === 'ready') return { target_id: target.id, ready: true, state, evaluated_at };
  if (readiness.ready) {
    return {
      target_id: target.id,
      ready: false,
      state,
      code: null,
      check: null,
      reason: 'Every check passes, but the target has not been saved yet.',
      next_action: `Save it: POST /api/v1/targets/${target.id}/activate.`,
      evaluated_at,
    };
  }
  return {
    target_id: target.id,
    ready: false,
    state,
    code: readiness.code,
    reason: readiness.reason,
    next_action: readiness.next_action,
    check: readiness.check,
    evaluated_at,
  };
}
