import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

/** The page frame: local stylesheet and script only (the script carries the CSP nonce), a skip link for keyboards. */
export function Layout(props: { title: string; signedInAs?: string; csrfToken?: string; nonce?: string | undefined; wide?: boolean; children: Child }) {
  const signedIn = Boolean(props.signedInAs && props.csrfToken);
  // Without the doctype a browser renders in quirks mode (forms get a bottom margin, tables do not inherit the font).
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · WebRiskOps Jira targets`}</title>
          <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/app.css" />
          {props.nonce ? <script src="/assets/settings.js" nonce={props.nonce} defer></script> : null}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="top">
            <span class="brand">WebRiskOps · Jira targets</span>
            {signedIn ? (
              <nav aria-label="Settings">
                <a href="/settings">Integration status</a> <a href="/settings/targets/new">Connect a Jira target</a>{' '}
                <a href="/settings/api-tokens">API tokens</a>
              </nav>
            ) : null}
            {signedIn ? (
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <span class="who">{props.signedInAs}</span> <button type="submit">Sign out</button>
              </form>
            ) : null}
          </header>
          <main id="main" tabindex={-1} class={props.wide ? 'wide' : undefined}>
            {props.children}
          </main>
          <div id="announcer" class="sr-only" role="status" aria-live="polite"></div>
        </body>
      </html>
    </>
  );
}

/** An error box announced to screen readers; `code` is the stable error code when there is one. */
export function ErrorNotice(props: { message?: string | null | undefined; nextAction?: string | null | undefined; code?: string | null | undefined }) {
  if (!props.message) return null;
  return (
    <div class="notice error" role="alert">
      <p>
        {props.code ? <strong class="code">{props.code}</strong> : null}
        {props.code ? ': ' : null}
        {props.message}
      </p>
      {props.nextAction ? (
        <p class="next">
          <span class="label">Next action:</span> {props.nextAction}
        </p>
      ) : null}
    </div>
  );
}
