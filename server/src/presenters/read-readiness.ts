import { evaluateReadiness, readinessHoldsUntil, stateAfterReadiness, type TargetRecord, type TargetState } from '@webriskops/shared';
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
  const maxCheckAgeMs = deps.config.checkMaxAgeMs;
  // A record handed out by the read caches is frozen and shared by every request until something is
  // committed: its answer is worked out once and reused for as long as time alone cannot change it.
  const known = Object.isFrozen(target) ? answers.get(target) : undefined;
  const at = now.getTime();
  if (known && known.maxCheckAgeMs === maxCheckAgeMs && at >= known.from && at < known.until) return evaluatedAt(known.view, now.toISOString());
  const view = viewAt(target, now, maxCheckAgeMs);
  if (Object.isFrozen(target)) answers.set(target, { view, from: at, until: readinessHoldsUntil(target, now, { maxCheckAgeMs }), maxCheckAgeMs });
  return evaluatedAt(view, view.evaluated_at);
}

/**
 * A fresh copy of a view (the remembered one is never handed out) with its evaluation time, as an
 * object literal: a spread copy is V8's slow path, and this runs on every poll.
 */
function evaluatedAt(view: ReadinessView, evaluated_at: string): ReadinessView {
  if (view.ready) return { target_id: view.target_id, ready: true, state: view.state, evaluated_at };
  const { target_id, state, code, reason, next_action, check } = view;
  return { target_id, ready: false, state, code, reason, next_action, check, evaluated_at };
}

const answers = new WeakMap<TargetRecord, { view: ReadinessView; from: number; until: number; maxCheckAgeMs: number }>();

function viewAt(target: TargetRecord, now: Date, maxCheckAgeMs: number): ReadinessView {
  const readiness = evaluateReadiness(target, now, { maxCheckAgeMs });
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
