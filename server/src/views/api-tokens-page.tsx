import type { ApiTokenSummary } from '../presenters/api-token-summaries';
import { ErrorNotice, Layout } from './layout';
import { formatTime } from './format';
import { CopyButton, CsrfField } from './step-section';

interface PageSession {
  email: string;
  csrfToken: string;
}

/** A token just created, shown once: read from a sealed flash that the same answer deletes. */
export interface ShownToken {
  token: string;
  prefix: string;
  role: ApiTokenSummary['role'];
}

const ROLE_LABEL: Record<ApiTokenSummary['role'], string> = {
  export: 'Export: reads targets and sends findings',
  admin: 'Admin: also creates, changes and disconnects targets',
};

export const apiTokenPath = (prefix: string, suffix = '') => `/settings/api-tokens/${encodeURIComponent(prefix)}${suffix}`;

/** The workspace's API tokens: the one just created (once), the list, and the form that creates one. */
export function ApiTokensPage(props: {
  session: PageSession;
  nonce?: string | undefined;
  tokens: ApiTokenSummary[];
  shown?: ShownToken | null;
  revoked?: string | null;
  error?: { code: string; message: string; nextAction: string } | null;
  values?: { role?: string; label?: string };
}) {
  const role = props.values?.role === 'admin' ? 'admin' : 'export';
  return (
    <Layout title="API tokens" signedInAs={props.session.email} csrfToken={props.session.csrfToken} nonce={props.nonce}>
      <p class="crumbs">
        <a href="/settings">Integration status</a> › API tokens
      </p>
      <h1>API tokens</h1>
      <p>
        Export jobs and scripts call the companion's JSON API with a token: <code>Authorization: Bearer wro_…</code>. Only its prefix is kept after it is shown;
        a lost token cannot be recovered, only revoked and replaced.
      </p>
      {props.shown ? (
        <section class="notice ok" aria-labelledby="shown-title">
          <h2 id="shown-title">
            New {props.shown.role} token {props.shown.prefix}
          </h2>
          <p>Copy it now: it is shown only this once, and reloading this page will not show it again.</p>
          <p class="buttons">
            <code id="new-token" class="wrap code-big">
              {props.shown.token}
            </code>
            <CopyButton target="new-token" what="the new token" />
          </p>
          <p class="hint">Without the button: select the token above and copy it with your keyboard.</p>
        </section>
      ) : null}
      {props.revoked ? (
        <div class="notice ok" role="status">
          <p>Token {props.revoked} is revoked: every call with it is refused from now on.</p>
        </div>
      ) : null}
      <table class="tokens">
        <caption>Tokens of this workspace, oldest first; never the secret.</caption>
        <thead>
          <tr>
            <th scope="col">Prefix</th>
            <th scope="col">Role</th>
            <th scope="col">Label</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Revoked</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.length === 0 ? (
            <tr>
              <td colspan={7}>No token yet. Create one below.</td>
            </tr>
          ) : (
            props.tokens.map((token) => (
              <tr>
                <td>
                  <code>{token.prefix}</code>
                </td>
                <td data-label="Role">{token.role}</td>
                <td data-label="Label" class="wrap">
                  {token.label ?? '—'}
                </td>
                <td data-label="Created">{formatTime(token.created_at)}</td>
                <td data-label="Last used">{token.last_used_at ? formatTime(token.last_used_at) : 'Never'}</td>
                <td data-label="Revoked">{token.revoked_at ? formatTime(token.revoked_at) : 'No'}</td>
                <td>
                  {token.revoked_at ? (
                    '—'
                  ) : (
                    <a href={apiTokenPath(token.prefix, '/revoke')} aria-label={`Revoke ${token.prefix}`}>
                      Revoke
                    </a>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <section class="card" aria-labelledby="create-title">
        <h2 id="create-title">Create a token</h2>
        <ErrorNotice code={props.error?.code} message={props.error?.message} nextAction={props.error?.nextAction} />
        <form method="post" action="/settings/api-tokens" class="stack">
          <CsrfField token={props.session.csrfToken} />
          <fieldset>
            <legend>Role</legend>
            {(['export', 'admin'] as const).map((value) => (
              <label class="choice">
                <input type="radio" name="role" value={value} checked={role === value} />
                <span>{ROLE_LABEL[value]}</span>
              </label>
            ))}
          </fieldset>
          <label for="token-label">Label (optional)</label>
          <input type="text" id="token-label" name="label" maxlength={120} value={props.values?.label ?? ''} aria-describedby="token-label-hint" />
          <p class="hint" id="token-label-hint">
            Say who or what uses it, for example "nightly export job". The label is not secret.
          </p>
          <div class="buttons">
            <button type="submit" class="primary">
              Create token
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

/** The revoke confirmation: what stops working, and that it cannot be undone. */
export function ApiTokenRevokePage(props: { session: PageSession; token: ApiTokenSummary }) {
  const { token } = props;
  return (
    <Layout title={`Revoke ${token.prefix}`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <p class="crumbs">
        <a href="/settings">Integration status</a> › <a href="/settings/api-tokens">API tokens</a> › Revoke
      </p>
      <h1>Revoke token {token.prefix}?</h1>
      <section class="card" aria-labelledby="revoke-title">
        <h2 id="revoke-title">What stops</h2>
        <ul>
          <li>
            The {token.role} token {token.prefix}
            {token.label ? ` ("${token.label}")` : ''}, created {formatTime(token.created_at)}, last used{' '}
            {token.last_used_at ? formatTime(token.last_used_at) : 'never'}.
          </li>
          <li>Every call with it is refused from the next request on, with UNAUTHENTICATED.</li>
          <li>This cannot be undone; create a new token for whatever still needs one.</li>
        </ul>
      </section>
      <form method="post" action={apiTokenPath(token.prefix, '/revoke')} class="stack">
        <CsrfField token={props.session.csrfToken} />
        <div class="buttons">
          <button type="submit" class="danger">
            Revoke {token.prefix}
          </button>
          <a href="/settings/api-tokens">Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
