import { Hono } from 'hono';
import type { AppDeps } from '../../../deps';
import { AppError } from '../../../errors';
import { csrfTokenMatches } from '../../../commands/sessions';
import { completeOAuthConnection, startOAuthConnection } from '../oauth-connection';
import { ErrorNotice, Layout } from '../../../views/layout';
import type { PageEnv } from '../../../routes/pages/page-security';

/** OAuth 2.0 (3LO) from the settings pages: start (session + CSRF) and Atlassian's callback. */
export function oauthRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.post('/settings/targets/:id/oauth', async (c) => {
    const session = c.get('session');
    const sessionToken = c.get('sessionToken');
    if (!session || !sessionToken) return c.redirect('/login', 303);
    const form = await c.req.parseBody();
    if (!(await csrfTokenMatches(sessionToken, String(form._csrf ?? '')))) return c.text('The form expired; reload the page.', 403);
    const authorizeUrl = await startOAuthConnection(deps, session.principal, {
      sessionToken,
      targetId: c.req.param('id'),
      siteUrl: String(form.site_url ?? ''),
    });
    return c.redirect(authorizeUrl, 303);
  });

  pages.get('/oauth/callback', async (c) => {
    const sessionToken = c.get('sessionToken');
    if (!sessionToken || !c.get('session')) return c.redirect('/login', 303);
    try {
      const { target } = await completeOAuthConnection(deps, {
        sessionToken,
        state: c.req.query('state') ?? '',
        code: c.req.query('code') ?? null,
        error: c.req.query('error') ?? null,
      });
      return c.redirect(`/settings/targets/${target.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.retryAfterSeconds !== null) c.header('Retry-After', String(error.retryAfterSeconds));
      return c.html(
        <Layout title="OAuth connection refused">
          <h1>OAuth connection refused</h1>
          <ErrorNotice message={`${error.code}: ${error.message}`} nextAction={error.nextAction} />
          <p>
            <a href="/settings">Back to integration status</a>
          </p>
        </Layout>,
        error.status,
      );
    }
  });

  return pages;
}
