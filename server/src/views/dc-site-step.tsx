import { ATTESTATION_KEYS, type AttestationKey } from '@webriskops/shared';
import { formatTime, targetPath } from './format';
import { CsrfField, StepRefusal, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

const ATTESTATION_TEXT: Record<AttestationKey, string> = {
  owns_site: 'We own or administer this Jira site.',
  issue_api_reachable: "This Jira's issue API may be reached by the WebRiskOps companion.",
  scan_export_authorized: 'We authorize WebRiskOps to scan our web assets and export findings to this Jira.',
};

/** The verdict of "Check URL" in words, announced when it changes. */
function UrlVerdict(props: { verdict: TargetPageProps['urlVerdict'] }) {
  const verdict = props.verdict;
  return (
    <p id="url-verdict" class={`verdict${verdict ? (verdict.allowed ? ' ok' : ' refused') : ''}`} role="status" aria-live="polite">
      {verdict ? (verdict.allowed ? `Allowed: ${verdict.reason}` : `Refused (PROVIDER_BASE_URL_BLOCKED): ${verdict.reason}`) : ''}
    </p>
  );
}

/** Step 1: the three attestations, then the base URL with its URL-safety verdict. */
export function DataCenterSiteStep(props: TargetPageProps) {
  const { target } = props.overview;
  const values = props.values ?? {};
  const typed = Object.keys(values).length > 0;
  const attested = target.attestations ?? null;
  return (
    <StepSection step="site" title="1. Confirm the site and enter its base URL">
      <form method="post" action={targetPath(target.id, '/site')} class="stack">
        <StepRefusal refusal={props.refusal} step="site" />
        <CsrfField token={props.session.csrfToken} />
        <fieldset>
          <legend>Before any URL is checked, confirm:</legend>
          {ATTESTATION_KEYS.map((key) => (
            <div class="choice">
              <input
                type="checkbox"
                id={`attest-${key}`}
                name={key}
                value="yes"
                checked={typed ? values[key] === 'yes' : attested !== null}
                required={attested === null}
              />
              <label for={`attest-${key}`}>{ATTESTATION_TEXT[key]}</label>
            </div>
          ))}
          {attested ? (
            <p class="hint">
              Confirmed by {attested.owns_site.by} at {formatTime(attested.owns_site.at)}.
            </p>
          ) : null}
        </fieldset>
        <label for="base_url">Jira base URL</label>
        <p class="hint" id="base_url-hint">
          Exactly as Jira shows it under Administration &gt; System &gt; General configuration &gt; Base URL, with any context path (for example
          https://jira.example.com/jira).
        </p>
        <input
          id="base_url"
          name="base_url"
          type="url"
          inputmode="url"
          autocomplete="url"
          required
          value={values.base_url ?? target.base_url ?? ''}
          aria-describedby="base_url-hint url-verdict"
        />
        <UrlVerdict verdict={props.urlVerdict} />
        {target.credential ? <p class="notice warn">Changing the base URL destroys the stored token: a saved token never follows a URL change.</p> : null}
        <div class="buttons">
          <button type="submit" formaction={targetPath(target.id, '/url-check')} formnovalidate data-url-check>
            Check URL
          </button>
          <button type="submit" class="primary">
            Save URL
          </button>
        </div>
      </form>
      {target.base_url && target.checks.url ? (
        <p>
          Saved base URL <code class="wrap">{target.base_url}</code>: URL safety {target.checks.url.status} at {formatTime(target.checks.url.checked_at)}.{' '}
          {target.checks.url.reason}
        </p>
      ) : null}
    </StepSection>
  );
}
