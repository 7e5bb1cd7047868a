import { ownershipProven, type CheckName } from '@webriskops/shared';
import type { TargetOverview } from '../presenters/target-overview';
import { ALLOWLIST_LABEL, CHECK_LABEL, formatTime } from './format';

/**
 * One check as its step shows it: the recorded result with time and reason, and, when this is the
 * check that blocks now, the one next action (the same words as the banner). Steps never work out
 * their own status: a step cannot say "not proven" while the check list says "passed".
 */
export function CheckStatus(props: { overview: TargetOverview; check: CheckName }) {
  const { target, nextStep } = props.overview;
  const result = target.checks[props.check];
  const blocking = (nextStep.phase === 'blocked' || nextStep.phase === 'not_started') && nextStep.check === props.check;
  const status = result ? result.status : 'not-run';
  return (
    <div class={`step-status ${status}${blocking ? ' blocking' : ''}`} data-status={props.check}>
      <p>
        <span class="check-name">{CHECK_LABEL[props.check]}</span>{' '}
        {result ? (
          <>
            <span class="check-status">{result.status}</span> at <time datetime={result.checked_at}>{formatTime(result.checked_at)}</time>. {result.reason}
          </>
        ) : (
          <span class="check-status">not checked yet.</span>
        )}
      </p>
      {blocking && nextStep.phase === 'blocked' ? (
        <p class="next">
          <span class="label">This blocks now. Next action:</span> {nextStep.next_action}
        </p>
      ) : null}
    </div>
  );
}

/** Step 1's status: the saved base URL and its URL-safety result. */
export function SiteStatus(props: { overview: TargetOverview }) {
  const { target } = props.overview;
  if (!target.base_url) return null;
  return (
    <>
      <p>
        Saved base URL <code class="wrap">{target.base_url}</code>.
      </p>
      <CheckStatus overview={props.overview} check="url" />
    </>
  );
}

/** Step 2's status: the proof held, if any, and the ownership check. */
export function OwnershipStatus(props: { overview: TargetOverview }) {
  const { ownership } = props.overview.target;
  return (
    <>
      {ownershipProven(ownership) ? (
        <p>
          Proven by {ownership.method === 'dns_txt' ? 'the DNS TXT record' : 'your confirmation'} at {formatTime(ownership.verified_at)}
          {ownership.evidence ? ` (${ownership.evidence})` : ''}.
        </p>
      ) : null}
      <CheckStatus overview={props.overview} check="ownership" />
    </>
  );
}

/** Step 3's status: the verified network path and the network check. */
export function NetworkStatus(props: { overview: TargetOverview }) {
  const { target } = props.overview;
  return (
    <>
      <p>
        Verified path: <strong>{target.allowlist_status ? ALLOWLIST_LABEL[target.allowlist_status] : 'none yet'}</strong>
      </p>
      <CheckStatus overview={props.overview} check="network" />
    </>
  );
}

/** Step 5's status (inside the token step's body, which "Run checks" re-renders too). */
export function TokenStatus(props: { overview: TargetOverview }) {
  return (
    <>
      <CheckStatus overview={props.overview} check="auth" />
      <CheckStatus overview={props.overview} check="scope" />
    </>
  );
}

/**
 * The element id of each step's status and its component: the page renders them, and "Run checks"
 * returns every one of them re-rendered, so no step keeps a result the checks replaced.
 */
export const STEP_STATUS_FRAGMENTS = {
  'site-status': SiteStatus,
  'ownership-status': OwnershipStatus,
  'network-status': NetworkStatus,
} as const;
