import type { TargetRecord } from '@webriskops/shared';
import { Layout } from './layout';
import { PROVIDER_LABEL, targetPath } from './format';
import { CsrfField } from './step-section';
import { TargetNameField } from './new-target-page';
import type { Refusal } from './target-page-props';

interface PageSession {
  email: string;
  csrfToken: string;
}

/** Rename a target: one field, what was typed kept when the name is refused (taken, empty, control characters). */
export function RenameTargetPage(props: { session: PageSession; target: TargetRecord; values: Readonly<Record<string, string>>; refusal: Refusal | null }) {
  const { target } = props;
  return (
    <Layout title={`Rename ${target.name}`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <p class="crumbs">
        <a href="/settings">Integration status</a> › <a href={targetPath(target.id)}>{target.name}</a>
      </p>
      <h1>Rename {target.name}</h1>
      <form method="post" action={targetPath(target.id, '/rename')} class="stack">
        <CsrfField token={props.session.csrfToken} />
        <TargetNameField value={props.values.name ?? target.name} refusal={props.refusal} />
        <div class="buttons">
          <button type="submit" class="primary">
            Save the name
          </button>
          <a href={targetPath(target.id)}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}

/** The confirmation before a draft is deleted; a target that is not a draft holding nothing is disconnected instead. */
export function DeleteDraftPage(props: { session: PageSession; target: TargetRecord }) {
  const { target } = props;
  const deletable = target.state === 'draft' && target.credential === null;
  return (
    <Layout title={`Delete ${target.name}`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <p class="crumbs">
        <a href="/settings">Integration status</a> › <a href={targetPath(target.id)}>{target.name}</a>
      </p>
      {deletable ? (
        <>
          <h1>Delete the draft {target.name}?</h1>
          <p>
            {PROVIDER_LABEL[target.provider_key]} draft, created {target.created_at.slice(0, 10)}. It holds no credential; deleting it removes the target and
            its pairing codes. Its audit trail is kept.
          </p>
          <form method="post" action={targetPath(target.id, '/delete')} class="stack">
            <CsrfField token={props.session.csrfToken} />
            <div class="buttons">
              <button type="submit" class="danger">
                Delete the draft
              </button>
              <a href={targetPath(target.id)}>Cancel</a>
            </div>
          </form>
        </>
      ) : target.state === 'revoked' ? (
        <>
          <h1>{target.name} is disconnected</h1>
          <p>Only a draft that holds no credential can be deleted. This target is disconnected already; it stays listed with its audit trail.</p>
        </>
      ) : (
        <>
          <h1>{target.name} is not a draft</h1>
          <p>
            Only a draft that holds no credential can be deleted. <a href={targetPath(target.id, '/revoke')}>Disconnect it</a> instead: the page says what is
            destroyed and where to revoke it.
          </p>
        </>
      )}
    </Layout>
  );
}
