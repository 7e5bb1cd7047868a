import { targetPath } from './format';
import { CsrfField, StepRefusal, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** The save form's body: enabled only when the one readiness rule says ready; re-rendered after live checks. */
export function SaveStepBody(props: TargetPageProps) {
  const { nextStep, saveOpen, target } = props.overview;
  if (nextStep.phase === 'ready') return <p class="notice ok">Saved: export jobs may use this target.</p>;
  return (
    <form method="post" action={targetPath(target.id, '/activate')} class="stack">
      <StepRefusal refusal={props.refusal} step="save" />
      <CsrfField token={props.session.csrfToken} />
      {!saveOpen ? (
        <p id="save-locked">
          Save opens when every check passes.
          {nextStep.phase === 'blocked' ? (
            <>
              {' '}
              Now blocked: <strong class="code">{nextStep.code}</strong> (the next action is at the top of the page).
            </>
          ) : null}
        </p>
      ) : null}
      <div class="buttons">
        <button type="submit" class="primary" disabled={!saveOpen} aria-describedby={saveOpen ? undefined : 'save-locked'}>
          Save target
        </button>
      </div>
    </form>
  );
}

/** The save step: makes the target `ready`, only through the readiness rule. */
export function SaveStep(props: TargetPageProps & { number: number }) {
  return (
    <StepSection step="save" title={`${props.number}. Save`} locked={!props.overview.saveOpen}>
      <div id="save-step-body">
        <SaveStepBody {...props} />
      </div>
    </StepSection>
  );
}
