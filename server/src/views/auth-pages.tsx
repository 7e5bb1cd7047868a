import type { SetupLinkState } from '../presenters/setup-link-view';
import { ErrorNotice, Layout } from './layout';

const userCreate = (workspace: string) => `npm run companion -- user create --workspace ${workspace} --email <email>`;

/** Why a setup link does not work and what is true now: never "restart" once the workspace has an admin. */
function DeadLink(props: { link: SetupLinkState }) {
  const { workspace, hasAdmin } = props.link;
  if (workspace && hasAdmin) {
    return (
      <ErrorNotice
        message={`This setup link was for workspace “${workspace}”, which has an admin now, so no setup link works for it any more.`}
        nextAction={`Sign in at /login. For an account of your own, ask an admin of “${workspace}”, or the operator: ${userCreate(workspace)}.`}
      />
    );
  }
  if (workspace) {
    return (
      <ErrorNotice
        message={`This setup link for workspace “${workspace}” expired or was replaced by a newer one.`}
        nextAction={
          workspace === 'default'
            ? `Restart the companion: while “default” has no admin, every start prints a new link. Or the operator creates the admin: ${userCreate(workspace)}.`
            : `Ask the operator to create the admin: ${userCreate(workspace)}.`
        }
      />
    );
  }
  return (
    <ErrorNotice
      message="This setup link no longer works: it was mistyped, replaced by a newer link, or the workspace got its admin."
      nextAction={`If you already have an account, sign in at /login. Otherwise ask the operator: while workspace “default” has no admin, restarting the companion prints a new link; else they create your account with ${userCreate('<workspace>')}.`}
    />
  );
}

/** The one-time form that creates the first admin of a workspace, naming the workspace it is for. */
export function SetupPage(props: { token: string; link: SetupLinkState; email?: string; error?: string | null; nextAction?: string | null }) {
  const { link } = props;
  return (
    <Layout title="Create the first admin">
      <h1>Create the first admin{link.usable && link.workspace ? ` of workspace “${link.workspace}”` : ''}</h1>
      {link.usable ? (
        <form method="post" action="/setup" class="stack">
          <ErrorNotice message={props.error} nextAction={props.nextAction} />
          <p>
            This one-time link creates the first admin of WebRiskOps workspace <strong>{link.workspace}</strong>. The admin can then connect Jira targets and
            create API tokens for that workspace.
          </p>
          <input type="hidden" name="token" value={props.token} />
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ''} />
          <label for="password">Password (at least 12 characters)</label>
          <input id="password" name="password" type="password" autocomplete="new-password" minlength={12} required />
          <button type="submit">Create admin and sign in</button>
        </form>
      ) : (
        <DeadLink link={link} />
      )}
    </Layout>
  );
}

/** Sign-in form; keeps the email when the password is refused. */
export function LoginPage(props: { csrfToken: string; email?: string; error?: string | null }) {
  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      <form method="post" action="/login" class="stack">
        <ErrorNotice message={props.error} />
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
