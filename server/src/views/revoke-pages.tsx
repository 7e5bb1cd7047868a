import { PROVIDER_RULES, revokePathFor, type RevokePath, type TargetRecord } from '@webriskops/shared';
import { Layout } from './layout';
import { AUTH_METHOD_LABEL, describeCredential, targetPath } from './format';
import { RevokeWhere } from './target-card';
import { CsrfField } from './step-section';

interface PageSession {
  email: string;
  csrfToken: string;
}

/** Where the customer revokes the credential on their side: the record's path, or the method's. */
export function revokePathOf(target: TargetRecord): RevokePath | null {
  return target.revoke ?? (target.auth_method ? revokePathFor(target.auth_method, target.base_url ?? undefined) : null);
}

/** The confirmation: what is destroyed here, what stops, and where to revoke on the Jira or Atlassian side. */
export function RevokeConfirmPage(props: { session: PageSession; target: TargetRecord }) {
  const { target } = props;
  const revoke = revokePathOf(target);
  if (target.state === 'revoked') {
    return (
      <Layout title={`${target.name} is disconnected`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
        <h1>{target.name} is already disconnected</h1>
        <p>Its credential was destroyed. To connect this Jira again, create a new target.</p>
        <p>
          <a href="/settings">Back to integration status</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout title={`Disconnect ${target.name}`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <h1>Disconnect {target.name}?</h1>
      <section aria-labelledby="destroyed-title" class="card">
        <h2 id="destroyed-title">What will be destroyed</h2>
        <ul>
          <li>
            {target.credential
              ? `The stored credential: ${describeCredential(target.credential)}. It is deleted from WebRiskOps and cannot be recovered.`
              : 'No credential is stored, so none is destroyed.'}
          </li>
          <li>The target becomes revoked: export jobs get PROVIDER_AUTH_REQUIRED and nothing more is sent to {target.base_url ?? 'this Jira'}.</li>
          <li>This cannot be undone; to connect again, create a new target. The audit trail is kept.</li>
        </ul>
      </section>
      <section aria-labelledby="revoke-side-title" class="card">
        <h2 id="revoke-side-title">Revoke it on the {PROVIDER_RULES[target.provider_key].revokeSide} side too</h2>
        <p>
          {revoke ? (
            <>
              {target.auth_method ? `${AUTH_METHOD_LABEL[target.auth_method]}: ` : ''}
              <RevokeWhere revoke={revoke} />
            </>
          ) : (
            'No credential was ever stored, so there is nothing to revoke in Jira.'
          )}
        </p>
      </section>
      <form method="post" action={targetPath(target.id, '/revoke')} class="stack">
        <CsrfField token={props.session.csrfToken} />
        <div class="buttons">
          <button type="submit" class="danger">
            Disconnect and destroy the credential
          </button>
          <a href={targetPath(target.id)}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}

/** After disconnecting: what happened, and the revoke path once more. */
export function RevokedPage(props: { session: PageSession; target: TargetRecord; message: string; revoke: RevokePath | null }) {
  return (
    <Layout title={`${props.target.name} disconnected`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <h1>{props.target.name} is disconnected</h1>
      <div class="notice ok" role="status">
        <p>{props.message}</p>
      </div>
      {props.revoke ? (
        <p>
          Revoke it there: <RevokeWhere revoke={props.revoke} />
        </p>
      ) : null}
      <p class="actions">
        <a href={targetPath(props.target.id, '/audit')}>Audit trail</a> <a href="/settings">Back to integration status</a>
      </p>
    </Layout>
  );
}
