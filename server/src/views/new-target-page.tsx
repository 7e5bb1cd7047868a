import type { Child } from 'hono/jsx';
import { PROVIDER_KEYS, PROVIDER_RULES, type ProviderKey } from '@webriskops/shared';
import { ErrorNotice, Layout } from './layout';
import { ApiTokenWarning } from './api-token-warning';

interface PageSession {
  email: string;
  csrfToken: string;
}

/** Step one for every target: choose where Jira runs; nothing about the Jira site is asked yet. */
export function NewTargetPage(props: { session: PageSession; error?: string | null }) {
  return (
    <Layout title="Connect a Jira target" signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <h1>Connect a Jira target</h1>
      <form method="post" action="/settings/targets">
        <ErrorNotice message={props.error} nextAction={props.error ? 'Choose Jira Cloud or Jira Data Center.' : null} />
        <input type="hidden" name="_csrf" value={props.session.csrfToken} />
        <h2 id="provider-question">Where does your Jira run?</h2>
        <div class="choices" role="group" aria-labelledby="provider-question">
          {PROVIDER_KEYS.map((key) => (
            <div class="card">
              <button type="submit" name="provider_key" value={key} aria-describedby={PROVIDER_RULES[key].choice.hintId}>
                {PROVIDER_RULES[key].label}
              </button>
              <p class="hint" id={PROVIDER_RULES[key].choice.hintId}>
                {PROVIDER_RULES[key].choice.hint}
              </p>
            </div>
          ))}
        </div>
      </form>
    </Layout>
  );
}

function MethodOption(props: {
  provider: ProviderKey;
  id: string;
  title: string;
  csrfToken: string;
  method: string;
  button: string;
  unavailable?: string | null;
  children: Child;
}) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
      {props.unavailable ? (
        <p class="notice">
          <strong>Unavailable on this companion.</strong> {props.unavailable}
        </p>
      ) : (
        <form method="post" action="/settings/targets">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="provider_key" value={props.provider} />
          <input type="hidden" name="auth_method" value={props.method} />
          <button type="submit">{props.button}</button>
        </form>
      )}
    </section>
  );
}

/** Jira Cloud: how the companion gets access; the Forge app first, OAuth when configured, the API token last. */
export function CloudMethodPage(props: { session: PageSession; provider: ProviderKey; forgeAvailable: boolean; oauthAvailable: boolean }) {
  const csrf = props.session.csrfToken;
  return (
    <Layout title="Connect Jira Cloud" signedInAs={props.session.email} csrfToken={csrf}>
      <h1>Connect Jira Cloud</h1>
      <p>Jira Cloud is chosen. How should WebRiskOps reach the site?</p>
      <MethodOption
        provider={props.provider}
        id="method-forge"
        title="The WebRiskOps Forge app (recommended)"
        csrfToken={csrf}
        method="forge_app"
        button="Connect with the Forge app"
        unavailable={
          props.forgeAvailable
            ? null
            : 'The operator has not configured the Forge app (FORGE_APP_ID is not set). Ask them to set it, or use OAuth or an API token.'
        }
      >
        <p>
          A Jira administrator installs the app in the site and pastes a one-time code. Installing proves the site is yours; the app holds only the access
          export needs.
        </p>
      </MethodOption>
      <MethodOption
        provider={props.provider}
        id="method-oauth"
        title="OAuth 2.0"
        csrfToken={csrf}
        method="oauth"
        button="Connect with OAuth"
        unavailable={
          props.oauthAvailable
            ? null
            : 'The operator has not configured an Atlassian OAuth client (ATLASSIAN_CLIENT_ID, ATLASSIAN_CLIENT_SECRET and PUBLIC_URL, the callback address, must all be set). Use the Forge app, or ask the operator.'
        }
      >
        <p>You sign in at Atlassian and grant read:jira-work and write:jira-work for the site you name.</p>
      </MethodOption>
      <MethodOption
        provider={props.provider}
        id="method-api-token"
        title="Atlassian API token (fallback)"
        csrfToken={csrf}
        method="api_token"
        button="Use an API token"
      >
        <ApiTokenWarning />
      </MethodOption>
    </Layout>
  );
}
