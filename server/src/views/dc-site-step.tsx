import { ATTESTATION_KEYS, JIRA_SCREENS, actorLabel, hostIsIpLiteral, type AttestationKey } from '@webriskops/shared';
import { formatTime, targetPath } from './format';
import { SiteStatus } from './step-status';
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

/** Said up front when the URL's host is an IP address: DNS ownership needs a name; what is possible instead. */
export function IpHostNotice(props: { url: string; attestedOwnershipAllowed: boolean }) {
  return (
    <div class="notice warn" id="ip-host-notice">
      <p>
        <strong>{new URL(props.url).hostname} is an IP address.</strong> Ownership is proven with a DNS TXT record, which needs a host name: enter the base URL
        with the host name your Jira uses ({JIRA_SCREENS.baseUrl}).
      </p>
      <p>
        {props.attestedOwnershipAllowed
          ? 'The operator of this companion also accepts your confirmation above in place of the DNS record, so the address can stay as it is.'
          : 'This companion does not accept a confirmation in place of the DNS record; if Jira has no host name, ask the WebRiskOps operator.'}
      </p>
    </div>
  );
}

/** Step 1: the three attestations, then the base URL with its URL-safety verdict. */
export function DataCenterSiteStep(props: TargetPageProps) {
  const { target } = props.overview;
  const values = props.values ?? {};
  const typed = Object.keys(values).length > 0;
  const attested = target.attestations ?? null;
  const typedUrl = values.base_url ?? target.base_url ?? '';
  const ipHost = typedUrl && hostIsIpLiteral(typedUrl) ? typedUrl : null;
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
              Confirmed by {actorLabel(attested.owns_site.by)} at {formatTime(attested.owns_site.at)}.
            </p>
          ) : null}
        </fieldset>
        <label for="base_url">Jira base URL</label>
        <p class="hint" id="base_url-hint">
          Exactly as Jira shows it ({JIRA_SCREENS.baseUrl}), with any context path (for example https://jira.example.com/jira). Use the host name, not an IP
          address: ownership is proven with a DNS record on that name.
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
        {ipHost ? <IpHostNotice url={ipHost} attestedOwnershipAllowed={props.options.attestedOwnershipAllowed} /> : null}
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
      <div id="site-status">
        <SiteStatus overview={props.overview} />
      </div>
    </StepSection>
  );
}
