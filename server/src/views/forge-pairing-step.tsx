import { JIRA_SCREENS } from '@webriskops/shared';
import { formatTime, targetPath } from './format';
import { CopyButton, CsrfField, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** The one-time code, shown only in the answer that made it, with its expiry counting down. */
function PairingCode(props: { pairing: NonNullable<TargetPageProps['pairing']> }) {
  const { pairing } = props;
  return (
    <div class="pairing">
      <p id="pairing-code-label">Pairing code (single use, until it expires):</p>
      <p>
        <code id="pairing-code" class="code-big wrap" aria-labelledby="pairing-code-label">
          {pairing.code}
        </code>{' '}
        <CopyButton target="pairing-code" what="the pairing code" />
      </p>
      <p>
        Expires at <time datetime={pairing.expires_at}>{formatTime(pairing.expires_at)}</time>
        <span data-countdown={String(pairing.seconds_left)} role="timer" aria-live="off"></span>.
      </p>
    </div>
  );
}

/** Jira Cloud with the Forge app: where to install it, the code, and the status that updates when pairing completes. */
export function ForgePairingStep(props: TargetPageProps) {
  const { target } = props.overview;
  return (
    <StepSection step="pairing" title="Pair the WebRiskOps Forge app">
      <ol class="howto">
        <li>
          A Jira administrator installs the WebRiskOps app on your Jira Cloud site with the install link the WebRiskOps operator gives you (the app is shared by
          its operator, not found by searching the Marketplace; an operator can also install it with <code>forge install</code>).
        </li>
        <li>In Jira, the administrator opens {JIRA_SCREENS.forgeAppConfigure} and pastes the pairing code.</li>
        <li>This page updates when the app pairs; the site, its scopes and the app token are then recorded here.</li>
      </ol>
      {props.pairing ? (
        <PairingCode pairing={props.pairing} />
      ) : (
        <p>The pairing code was shown once, when this connection was started. If it was lost or has expired, get a new one for this target.</p>
      )}
      <p id="pairing-status" role="status" aria-live="polite" data-poll={targetPath(target.id, '/state.json')}>
        Waiting for a Jira administrator to paste the code in the app.
      </p>
      <p>
        <a href={targetPath(target.id)} data-pairing-link>
          Check whether pairing completed
        </a>
      </p>
      <form method="post" action={targetPath(target.id, '/pairing-code')} data-while-pending>
        <CsrfField token={props.session.csrfToken} />
        <button type="submit">{props.pairing ? 'Get a new code (this one stops working)' : 'Get a new pairing code'}</button>
      </form>
    </StepSection>
  );
}
