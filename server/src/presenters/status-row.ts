import { TARGET_STATES, type CheckName, type TargetState } from '@webriskops/shared';
import type { TargetOverview } from './target-overview';

/** One line of the status table for one target: what blocks it and what to do, from the one readiness result. */
export interface StatusRow {
  overview: TargetOverview;
  /** The check that blocks (null: nothing blocks, or the target is disconnected / not saved). */
  blockingCheck: CheckName | 'provider' | 'revoke' | null;
  /** The blocked code, when one blocks. */
  code: string | null;
  /** The one next action, in one line (also when every check passes but it is not saved). */
  nextAction: string | null;
  /** The latest time any check of the target was recorded, or null. */
  lastCheckedAt: string | null;
}

/**
 * The status-table line of a target. The next action is the readiness result's own (the one rule
 * of shared/), so the table cannot name another provider's step; swap this one function when the
 * next action comes from the failing check's step.
 */
export function statusRowOf(overview: TargetOverview): StatusRow {
  const { target, readiness } = overview;
  const times = Object.values(target.checks)
    .map((check) => check?.checked_at)
    .filter((at): at is string => typeof at === 'string')
    .sort();
  const lastCheckedAt = times.at(-1) ?? null;
  if (target.state === 'revoked') return { overview, blockingCheck: null, code: null, nextAction: null, lastCheckedAt };
  if (readiness.ready) {
    const nextAction = overview.state === 'ready' ? null : 'Every check passes: open it and save it.';
    return { overview, blockingCheck: null, code: null, nextAction, lastCheckedAt };
  }
  return { overview, blockingCheck: readiness.check, code: readiness.code, nextAction: readiness.next_action, lastCheckedAt };
}

/** The filter of the status page: one state, or every target (an unknown value is ignored, never echoed). */
export function stateFilterOf(query: string | undefined): TargetState | null {
  return TARGET_STATES.find((state) => state === query) ?? null;
}
