import type { TargetOverview } from '../presenters/target-overview';
import { BLOCKING_CHECK_LABEL } from './format';

export const PORTABLE_FALLBACK_PATH = '/settings/portable-fallback';

/** The words of each badge: a draft with nothing entered is "not started", not a failure; revoked reads as the action that made it. */
const BADGE_TEXT: Readonly<Record<string, string>> = { not_started: 'not started', revoked: 'disconnected' };

/** The state badge, in words and colour. */
export function StateBadge(props: { state: string }) {
  return <span class={`badge ${props.state}`}>{BADGE_TEXT[props.state] ?? props.state}</span>;
}

/** The badge of a target page: its state, or "not started" while nothing is entered. */
export function OverviewBadge(props: { overview: TargetOverview }) {
  return <StateBadge state={props.overview.nextStep.phase === 'not_started' ? 'not_started' : props.overview.state} />;
}

/**
 * Where a target stands, from its next step (the one readiness result): not started (neutral, no
 * code), blocked (the failing check, its code, reason and that check's next action, plus the
 * portable fallback), every check passing but unsaved, ready, or disconnected.
 */
export function ReadinessNotice(props: { overview: TargetOverview }) {
  const step = props.overview.nextStep;
  switch (step.phase) {
    case 'revoked':
      return (
        <div class="notice">
          <p>Disconnected: the stored credential was destroyed. Nothing can be exported to this target.</p>
        </div>
      );
    case 'ready':
      return (
        <div class="notice ok">
          <p>Ready: export jobs may send tickets to this Jira.</p>
        </div>
      );
    case 'unsaved':
      return (
        <div class="notice info">
          <p>{step.next_action}</p>
        </div>
      );
    case 'not_started':
      return (
        <div class="notice">
          <p>
            <strong>Not started.</strong> Nothing has been entered or checked yet.
          </p>
          <p class="next">
            <span class="label">First:</span> {step.next_action}
          </p>
        </div>
      );
    case 'blocked':
      return (
        <div class="notice blocked">
          <p>
            <strong class="code">{step.code}</strong> · Blocked at {BLOCKING_CHECK_LABEL[step.check]}: {step.reason}
          </p>
          <p class="next">
            <span class="label">Next action:</span> {step.next_action}
          </p>
          <p>
            Until it is unblocked, export jobs can still use the <a href={PORTABLE_FALLBACK_PATH}>portable fallback (Jira CSV import file and JSON)</a>.
          </p>
        </div>
      );
  }
}
