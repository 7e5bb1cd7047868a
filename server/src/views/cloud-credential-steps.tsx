import { JIRA_SCREENS } from '@webriskops/shared';
import { describeCredential, targetPath } from './format';
import { ApiTokenWarning } from './api-token-warning';
import { CsrfField, StepRefusal, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** Jira Cloud with OAuth 2.0: the site to authorize, or why the button is unavailable. */
export function OAuthStep(props: TargetPageProps) {
  const { target, connected } = props.overview;
  const values = props.values ?? {};
  return (
    <StepSection step="oauth" title={connected ? 'Reconnect with OAuth 2.0' : 'Connect with OAuth 2.0'}>
      <StepRefusal refusal={props.refusal} step="oauth" />
      {props.options.oauthAvailable ? (
        <form method="post" action={targetPath(target.id, '/oauth')} class="stack">
          <CsrfField token={props.session.csrfToken} />
          <label for="oauth-site_url">Your Jira Cloud site</label>
          <CloudSiteInput id="oauth-site_url" value={values.site_url ?? target.base_url ?? ''} />
          <p class="hint">You sign in at Atlassian and grant read:jira-work and write:jira-work for this site only; the grant must list it.</p>
          <div class="buttons">
            <button type="submit" class="primary">
              Connect with Atlassian
            </button>
          </div>
        </form>
      ) : (
        <p class="notice">
          <strong>OAuth is unavailable on this companion.</strong> The operator has not configured an Atlassian OAuth client (ATLASSIAN_CLIENT_ID,
          ATLASSIAN_CLIENT_SECRET and PUBLIC_URL, the callback address). Use the Forge app, or ask the operator.
        </p>
      )}
    </StepSection>
  );
}

/** Jira Cloud with an API token: Atlassian's warning first, then site, email, token and its expiry. */
export function ApiTokenStep(props: TargetPageProps) {
  const { target } = props.overview;
  const values = props.values ?? {};
  return (
    <StepSection step="api-token" title="Enter an Atlassian API token">
      <ApiTokenWarning />
      <p>Stored: {describeCredential(target.credential)}.</p>
      <form method="post" action={targetPath(target.id, '/api-token')} class="stack">
        <StepRefusal refusal={props.refusal} step="api-token" />
        <CsrfField token={props.session.csrfToken} />
        <label for="site_url">Your Jira Cloud site</label>
        <CloudSiteInput id="site_url" value={values.site_url ?? target.base_url ?? ''} />
        <label for="email">Atlassian account email</label>
        <input id="email" name="email" type="email" autocomplete="email" required value={values.email ?? ''} />
        <label for="api_token">API token (write-only: never shown again)</label>
        <input id="api_token" name="api_token" type="password" autocomplete="off" spellcheck={false} required aria-describedby="api_token-hint" />
        <p class="hint" id="api_token-hint">
          Create it at {JIRA_SCREENS.apiTokens}, for an account with Browse Projects, Create Issues and Edit Issues.
        </p>
        <label for="expires_at">Token expiry date (optional; at most a year away)</label>
        <input id="expires_at" name="expires_at" type="date" value={values.expires_at ?? ''} aria-describedby="expires_at-hint" />
        <p class="hint" id="expires_at-hint">
          As shown at {JIRA_SCREENS.apiTokens}. Left empty, the companion assumes one year from today.
        </p>
        <div class="buttons">
          <button type="submit" class="primary">
            Verify and store token
          </button>
        </div>
      </form>
    </StepSection>
  );
}

/** The Jira Cloud site field of the OAuth and API-token forms. */
function CloudSiteInput(props: { id: string; value: string }) {
  return <input id={props.id} name="site_url" type="url" inputmode="url" required placeholder="https://your-site.atlassian.net" value={props.value} />;
}
