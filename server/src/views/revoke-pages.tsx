import { PROVIDER_RULES, revokePathOfTarget, type RevokePath, type TargetRecord } from '@webriskops/shared';
import { Layout } from './layout';
import { AUTH_METHOD_LABEL, describeCredential, targetPath } from './format';
import { RevokeWhere } from './revoke-where';
import { CsrfField } from './step-section';

interface PageSession {
  email: string;
  csrfToken: string;
}

/** Where the customer revokes the credential on their side; null when none was ever stored (the one rule of shared/). */
export const revokePathOf = (target: TargetRecord): RevokePath | null => revokePathOfTarget(target);

/** A draft holding nothing can simply be deleted; the confirmation says so. */
const deletable = (target: TargetRecord) => target.state === 'draft' && target.credential === null;

/** The confirmation for a target not revoked yet: what is destroyed here, what stops, and where to revoke on the Jira or Atlassian side (only when something was stored). */
export function RevokeConfirmPage(props: { session: PageSession; target: TargetRecord }) {
  const { target } = props;
  const revoke = revokePathOf(target);
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
      {revoke ? (
        <section aria-labelledby="revoke-side-title" class="card">
          <h2 id="revoke-side-title">Revoke it on the {PROVIDER_RULES[target.provider_key].revokeSide} side too</h2>
          <p>
            {target.auth_method ? `${AUTH_METHOD_LABEL[target.auth_method]}: ` : ''}
            <RevokeWhere revoke={revoke} />
          </p>
        </section>
      ) : (
        <p>No credential was ever stored for this target, so there is nothing to revoke on the {PROVIDER_RULES[target.provider_key].revokeSide} side.</p>
      )}
      {deletable(target) ? (
        <p>
          This is a draft: you can <a href={targetPath(target.id, '/delete')}>delete it</a> instead, so it is no longer listed.
        </p>
      ) : null}
      <form method="post" action={targetPath(target.id, '/revoke')} class="stack">
        <CsrfField token={props.session.csrfToken} />
        <div class="buttons">
          <button type="submit" class="danger">
            {target.credential ? 'Disconnect and destroy the credential' : 'Disconnect'}
          </button>
          <a href={targetPath(target.id)}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}

/** After disconnecting: what happened, and the revoke path once more. */
export function RevokedPage(props: { session: PageSession; target: TargetRecord; message: string | null; revoke: RevokePath | null }) {
  return (
    <Layout title={`${props.target.name} disconnected`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <h1>{props.target.name} is disconnected</h1>
      <div class="notice ok" role="status">
        <p>
          {props.message ??
            (props.revoke
              ? `The credential stored by WebRiskOps is destroyed. Revoke it on the ${PROVIDER_RULES[props.target.provider_key].revokeSide} side too.`
              : 'The target is disconnected. No credential had been stored, so there is nothing to revoke.')}
        </p>
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
