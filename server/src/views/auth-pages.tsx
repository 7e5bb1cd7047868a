import { ErrorNotice, Layout } from './layout';

/** The one-time form that creates the first admin of a workspace. */
export function SetupPage(props: { token: string; usable: boolean; email?: string; error?: string | null; nextAction?: string | null }) {
  return (
    <Layout title="Create the first admin">
      <h1>Create the first admin</h1>
      {props.usable ? (
        <form method="post" action="/setup" class="stack">
          <ErrorNotice message={props.error} nextAction={props.nextAction} />
          <input type="hidden" name="token" value={props.token} />
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ''} />
          <label for="password">Password (at least 12 characters)</label>
          <input id="password" name="password" type="password" autocomplete="new-password" minlength={12} required />
          <button type="submit">Create admin and sign in</button>
        </form>
      ) : (
        <ErrorNotice
          message="This setup link is invalid, used or expired."
          nextAction="Restart the companion to print a new one, or create a user with npm run companion -- user create."
        />
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
