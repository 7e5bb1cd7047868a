import { BLOCKED_CODE_INFO } from '@webriskops/shared';
import type { TargetOverview } from '../presenters/target-overview';

export const PORTABLE_FALLBACK_PATH = '/settings/portable-fallback';

/** The state badge, in words and colour. */
export function StateBadge(props: { state: string }) {
  return <span class={`badge ${props.state}`}>{props.state}</span>;
}

/**
 * Where a target stands by the one readiness rule: ready, saved-pending, revoked, or the blocked
 * code with its reason and the one next action, plus the portable fallback while it is blocked.
 */
export function ReadinessNotice(props: { overview: TargetOverview }) {
  const { readiness, target } = props.overview;
  if (target.state === 'revoked') {
    return (
      <div class="notice">
        <p>Disconnected: the stored credential was destroyed. Nothing can be exported to this target.</p>
      </div>
    );
  }
  if (readiness.ready) {
    return (
      <div class={`notice ${target.state === 'ready' ? 'ok' : 'info'}`}>
        <p>
          {target.state === 'ready' ? 'Ready: export jobs may send tickets to this Jira.' : 'Every check passes. Save the target to let export jobs use it.'}
        </p>
      </div>
    );
  }
  return (
    <div class="notice blocked">
      <p>
        <strong class="code">{readiness.code}</strong>: {`${BLOCKED_CODE_INFO[readiness.code].message} ${readiness.reason}`}
      </p>
      <p class="next">
        <span class="label">Next action:</span> {readiness.next_action}
      </p>
      <p>
        Until it is unblocked, export jobs can still use the <a href={PORTABLE_FALLBACK_PATH}>portable fallback (Jira CSV import file and JSON)</a>.
      </p>
    </div>
  );
}
