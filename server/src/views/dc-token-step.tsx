import { JIRA_SCREENS } from '@webriskops/shared';
import { BLOCKING_CHECK_LABEL, describeCredential, targetPath } from './format';
import { TokenStatus } from './step-status';
import { CsrfField, StepRefusal, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** The token form's body: enabled only once URL, ownership and network are clear; re-rendered after live checks. */
export function TokenStepBody(props: TargetPageProps) {
  const { target, nextStep, tokenStepOpen } = props.overview;
  return (
    <>
      {!tokenStepOpen ? (
        <p class="notice" id="token-locked">
          Opens once URL, ownership and network are clear.
          {nextStep.phase === 'blocked' ? (
            <>
              {' '}
              Now blocked at {BLOCKING_CHECK_LABEL[nextStep.check]} (<strong class="code">{nextStep.code}</strong>; the next action is at the top of the page).
            </>
          ) : null}
        </p>
      ) : null}
      <p>Stored: {describeCredential(target.credential)}.</p>
      {target.credential || target.checks.auth ? <TokenStatus overview={props.overview} /> : null}
      <form method="post" action={targetPath(target.id, '/token')} class="stack">
        <StepRefusal refusal={props.refusal} step="token" />
        <CsrfField token={props.session.csrfToken} />
        <fieldset disabled={!tokenStepOpen}>
          <legend>Personal Access Token</legend>
          <label for="pat">Token (write-only: never shown again)</label>
          <p class="hint" id="pat-hint">
            Create it in Jira as the account that files tickets ({JIRA_SCREENS.personalAccessTokens}). It needs Browse Projects, Create Issues and Edit Issues
            in the target projects. It is proved with /myself before it is stored.
          </p>
          <input id="pat" name="pat" type="password" autocomplete="off" spellcheck={false} required aria-describedby="pat-hint" />
          <div class="buttons">
            <button type="submit">Verify and store token</button>
          </div>
        </fieldset>
      </form>
    </>
  );
}

/** Step 5: the Personal Access Token. */
export function DataCenterTokenStep(props: TargetPageProps) {
  return (
    <StepSection step="token" title="5. Give the companion a Personal Access Token" locked={!props.overview.tokenStepOpen}>
      <div id="token-step-body">
        <TokenStepBody {...props} />
      </div>
    </StepSection>
  );
}
