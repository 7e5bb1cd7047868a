import { evaluateReadiness, readinessHoldsUntil, stateAfterReadiness, type TargetRecord, type TargetState } from '@webriskops/shared';
import type { AppDeps } from '../deps';
import { isoTime } from '../lib/iso-time';

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
  if (!Object.isFrozen(target)) return viewAt(target, now, deps.config.checkMaxAgeMs);
  return evaluatedAt(rememberedReadiness(deps, target, now).view, isoTime(now));
}

/** An answer worked out once for a shared record, and the span of time in which it holds. */
export interface RememberedReadiness {
  /** Never handed out: callers get copies ({@link readinessView}) or build on it without editing it. */
  readonly view: ReadinessView;
  readonly from: number;
  readonly until: number;
  readonly maxCheckAgeMs: number;
}

const answers = new WeakMap<TargetRecord, RememberedReadiness>();

/**
 * The answer for a record handed out by the read caches (frozen, shared by every request until
 * something is committed), worked out once and reused for as long as time alone cannot change it:
 * the same object while it holds, so what is derived from it (the poll's JSON) can be kept with it.
 * A record that is not frozen could change under the answer: it gets a new one every time.
 */
export function rememberedReadiness(deps: AppDeps, target: TargetRecord, now: Date): RememberedReadiness {
  const maxCheckAgeMs = deps.config.checkMaxAgeMs;
  const at = now.getTime();
  const shared = Object.isFrozen(target);
  const known = shared ? answers.get(target) : undefined;
  if (known && known.maxCheckAgeMs === maxCheckAgeMs && at >= known.from && at < known.until) return known;
  const remembered = { view: viewAt(target, now, maxCheckAgeMs), from: at, until: readinessHoldsUntil(target, now, { maxCheckAgeMs }), maxCheckAgeMs };
  if (shared) answers.set(target, remembered);
  return remembered;
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
      reason: 'Every check passes, but the target has not been saved yet.',
      next_action: `Save it: POST /api/v1/targets/${target.id}/activate.`,
      check: null,
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
