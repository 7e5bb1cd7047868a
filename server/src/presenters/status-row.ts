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
 * The status-table line of a target, from the target's one next step (shared targetNextStep, the
 * same the target page's banner and steps read): the table cannot name a check that passed or
 * another provider's step, and a target with nothing entered yet shows no code.
 */
export function statusRowOf(overview: TargetOverview): StatusRow {
  const { target, nextStep } = overview;
  const times = Object.values(target.checks)
    .map((check) => check?.checked_at)
    .filter((at): at is string => typeof at === 'string')
    .sort();
  const lastCheckedAt = times.at(-1) ?? null;
  switch (nextStep.phase) {
    case 'revoked':
    case 'ready':
      return { overview, blockingCheck: null, code: null, nextAction: null, lastCheckedAt };
    case 'unsaved':
      return { overview, blockingCheck: null, code: null, nextAction: nextStep.next_action, lastCheckedAt };
    case 'not_started':
      return { overview, blockingCheck: nextStep.check, code: null, nextAction: nextStep.next_action, lastCheckedAt };
    case 'blocked':
      return { overview, blockingCheck: nextStep.check, code: nextStep.code, nextAction: nextStep.next_action, lastCheckedAt };
  }
}

/** The filter of the status page: one state, or every target (an unknown value is ignored, never echoed). */
export function stateFilterOf(query: string | undefined): TargetState | null {
  return TARGET_STATES.find((state) => state === query) ?? null;
}
