import { CHECK_LABEL, describeCredential, targetPath } from './format';
import { CsrfField, StepRefusal, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** The token form's body: enabled only once URL, ownership and network are clear; re-rendered after live checks. */
export function TokenStepBody(props: TargetPageProps) {
  const { target, readiness, tokenStepOpen } = props.overview;
  return (
    <>
      {!tokenStepOpen && !readiness.ready ? (
        <p class="notice" id="token-locked">
          Opens once URL, ownership and network are clear. Now blocked at{' '}
          {readiness.check in CHECK_LABEL ? `the ${CHECK_LABEL[readiness.check as keyof typeof CHECK_LABEL]} check` : 'the provider'} (
          <strong class="code">{readiness.code}</strong>; the next action is at the top of the page).
        </p>
      ) : null}
      <p>Stored: {describeCredential(target.credential)}.</p>
      <form method="post" action={targetPath(target.id, '/token')} class="stack">
        <StepRefusal refusal={props.refusal} step="token" />
        <CsrfField token={props.session.csrfToken} />
        <fieldset disabled={!tokenStepOpen}>
          <legend>Personal Access Token</legend>
          <label for="pat">Token (write-only: never shown again)</label>
          <p class="hint" id="pat-hint">
            Create it in Jira as the account that files tickets (profile &gt; Personal Access Tokens). It needs Browse Projects, Create Issues and Edit Issues
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
