import type { Child } from 'hono/jsx';
import { PROVIDER_KEYS, PROVIDER_RULES, type ProviderKey } from '@webriskops/shared';
import { ErrorNotice, Layout } from './layout';
import { ApiTokenWarning } from './api-token-warning';
import { CsrfField } from './step-section';
import type { Refusal } from './target-page-props';

interface PageSession {
  email: string;
  csrfToken: string;
}

/** Step one for every target: choose where Jira runs. Choosing saves nothing; the next page asks the name. */
export function NewTargetPage(props: { session: PageSession; error?: string | null }) {
  return (
    <Layout title="Connect a Jira target" signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <h1>Connect a Jira target</h1>
      <form method="post" action="/settings/targets">
        <ErrorNotice message={props.error} nextAction={props.error ? 'Choose Jira Cloud or Jira Data Center.' : null} />
        <CsrfField token={props.session.csrfToken} />
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

/** The target's name: required, unique in the workspace; a refusal of it shown above, what was typed kept. */
export function TargetNameField(props: { value?: string | undefined; refusal?: Refusal | null | undefined }) {
  const refused = props.refusal?.step === 'name' ? props.refusal : null;
  return (
    <div class="field">
      <ErrorNotice code={refused?.code} message={refused?.message} nextAction={refused?.nextAction} />
      <label for="target-name">Name</label>
      <input
        id="target-name"
        name="name"
        type="text"
        required
        maxlength={120}
        autocomplete="off"
        value={props.value ?? ''}
        aria-describedby="target-name-hint"
        aria-invalid={refused ? 'true' : undefined}
      />
      <p class="hint" id="target-name-hint">
        How this Jira is listed, for example "Jira production". Unique in this workspace; you can rename it later.
      </p>
    </div>
  );
}

/** Jira Data Center, first step: the name. Nothing is saved until it is submitted; the site, ownership, network path and token follow on the target's page. */
export function DataCenterFirstStepPage(props: {
  session: PageSession;
  provider: ProviderKey;
  values?: Readonly<Record<string, string>>;
  refusal?: Refusal | null;
}) {
  return (
    <Layout title="Connect Jira Data Center" signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <h1>Connect {PROVIDER_RULES[props.provider].label}</h1>
      <form method="post" action="/settings/targets" class="stack">
        <CsrfField token={props.session.csrfToken} />
        <input type="hidden" name="provider_key" value={props.provider} />
        <TargetNameField value={props.values?.name} refusal={props.refusal} />
        <p>Next, on the target's page: the base URL, ownership, the network path and the Personal Access Token.</p>
        <div class="buttons">
          <button type="submit" class="primary">
            Create and continue
          </button>
          <a href="/settings/targets/new">Back</a>
        </div>
      </form>
    </Layout>
  );
}

function MethodOption(props: { id: string; title: string; method: string; button: string; unavailable?: string | null; children: Child }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
      {props.unavailable ? (
        <p class="notice">
          <strong>Unavailable on this companion.</strong> {props.unavailable}
        </p>
      ) : (
        <p>
          <button type="submit" name="auth_method" value={props.method}>
            {props.button}
          </button>
        </p>
      )}
    </section>
  );
}

/** Jira Cloud, first step: the name and how the companion gets access (the Forge app first, OAuth when configured, the API token last). Nothing is saved until a method is chosen. */
export function CloudMethodPage(props: {
  session: PageSession;
  provider: ProviderKey;
  forgeAvailable: boolean;
  oauthAvailable: boolean;
  values?: Readonly<Record<string, string>>;
  refusal?: Refusal | null;
}) {
  const csrf = props.session.csrfToken;
  return (
    <Layout title="Connect Jira Cloud" signedInAs={props.session.email} csrfToken={csrf}>
      <h1>Connect Jira Cloud</h1>
      <form method="post" action="/settings/targets" class="stack">
        <CsrfField token={csrf} />
        <input type="hidden" name="provider_key" value={props.provider} />
        <TargetNameField value={props.values?.name} refusal={props.refusal} />
        <p>How should WebRiskOps reach the site?</p>
        <MethodOption
          id="method-forge"
          title="The WebRiskOps Forge app (recommended)"
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
          id="method-oauth"
          title="OAuth 2.0"
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
        <MethodOption id="method-api-token" title="Atlassian API token (fallback)" method="api_token" button="Use an API token">
          <ApiTokenWarning />
        </MethodOption>
      </form>
    </Layout>
  );
}
