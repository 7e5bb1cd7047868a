import { CheckList } from './check-list';
import { targetPath } from './format';
import { CsrfField, StepRefusal, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** Step 4: "Run checks", and each check's result as it is recorded; the script fills the list in place. */
export function DataCenterChecksStep(props: TargetPageProps) {
  const { target } = props.overview;
  return (
    <StepSection step="checks" title="4. Run the checks" locked={!target.base_url}>
      <p>In order: URL safety, ownership, network path, then authentication and permissions once a token is stored. Each result keeps its time.</p>
      {target.base_url ? (
        <form method="post" action={targetPath(target.id, '/checks')} data-live-checks>
          <StepRefusal refusal={props.refusal} step="checks" />
          <CsrfField token={props.session.csrfToken} />
          <button type="submit">Run checks</button>
        </form>
      ) : (
        <p>Save the base URL first.</p>
      )}
      <div id="check-results" aria-live="polite">
        <CheckList checks={target.checks} />
      </div>
    </StepSection>
  );
}
