import type { Child } from 'hono/jsx';

/** The page frame: local stylesheet only, no inline script or style, a skip link for keyboards. */
export function Layout(props: { title: string; signedInAs?: string; csrfToken?: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · WebRiskOps Jira targets`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <span class="brand">WebRiskOps · Jira targets</span>
          {props.signedInAs && props.csrfToken ? (
            <form method="post" action="/logout" class="inline">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <span class="who">{props.signedInAs}</span> <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

/** An error box announced to screen readers. */
export function ErrorNotice(props: { message?: string | null | undefined; nextAction?: string | null | undefined }) {
  if (!props.message) return null;
  return (
    <div class="notice error" role="alert">
      <p>{props.message}</p>
      {props.nextAction ? <p class="next">{props.nextAction}</p> : null}
    </div>
  );
}
