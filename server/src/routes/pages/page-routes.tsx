import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps';
import { clearSessionCookie, loadSession, loginCsrfCookieName, pageSecurityHeaders, sameOriginOnly, setSessionCookie, type PageEnv } from './page-security';
import { LoginPage, SetupPage } from '../../views/auth-pages';
import { ErrorPage } from '../../views/message-pages';
import { completeSetup } from '../../commands/first-run-setup';
import { describeSetupLink } from '../../presenters/setup-link-view';
import { csrfTokenMatches, endSession, recordRefusedSignOut, signIn } from '../../commands/sessions';
import { AppError } from '../../errors';
import { constantTimeEqual, randomToken } from '../../crypto/tokens';
import { oauthRoutes } from '../../providers/jira-cloud/routes/oauth-routes';
import { pageAssets } from './page-assets';
import { settingsGuard } from './page-context';
import { pageErrorHandler } from './page-errors';
import { targetRoutes } from './target-routes';
import { dataCenterPageRoutes } from '../../providers/jira-data-center/routes/data-center-page-routes';
import { cloudPageRoutes } from '../../providers/jira-cloud/routes/cloud-page-routes';
import { targetLifecycleRoutes } from './target-lifecycle-routes';
import { apiTokenRoutes } from './api-token-routes';
import { clearFlash } from './page-flash';
import { exportMappingRoutes } from './export-mapping-routes';

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');

/** Server-rendered pages: first-run setup, sign-in and out, and the settings pages. */
export function pageRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();
  pages.route('/', pageAssets());

  pages.use('*', pageSecurityHeaders(deps), sameOriginOnly(deps), loadSession(deps));

  pages.get('/', (c) => c.redirect('/settings'));

  pages.get('/setup', async (c) => {
    const token = c.req.query('token') ?? '';
    return c.html(<SetupPage token={token} link={await describeSetupLink(deps, token)} />);
  });

  pages.post('/setup', async (c) => {
    const form = await c.req.parseBody();
    const token = field(form, 'token');
    const email = field(form, 'email');
    try {
      const sessionToken = await completeSetup(deps, token, email, field(form, 'password'));
      setSessionCookie(deps, c, sessionToken);
      return c.redirect('/settings', 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return c.html(
        <SetupPage token={token} link={await describeSetupLink(deps, token)} email={email} error={error.message} nextAction={error.nextAction} />,
        error.status,
      );
    }
  });

  /** A fresh double-submit token for the sign-in form, set as its cookie (login CSRF). */
  const issueLoginCsrf = (c: Context): string => {
    const csrf = randomToken(24);
    setCookie(c, loginCsrfCookieName(deps), csrf, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: deps.config.publicUrl?.startsWith('https://') ?? false,
    });
    return csrf;
  };

  pages.get('/login', (c) => {
    const csrf = issueLoginCsrf(c);
    return c.html(<LoginPage csrfToken={csrf} />);
  });

  pages.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const email = field(form, 'email');
    const cookieCsrf = getCookie(c, loginCsrfCookieName(deps)) ?? '';
    const csrf = issueLoginCsrf(c);
    if (!cookieCsrf || !constantTimeEqual(cookieCsrf, field(form, '_csrf'))) {
      return c.html(<LoginPage csrfToken={csrf} email={email} error="The form expired. Please sign in again." />, 403);
    }
    const result = await signIn(deps, email, field(form, 'password'), deps.clientAddress(c));
    if (result.kind === 'throttled') {
      c.header('Retry-After', String(result.retryAfterSeconds));
      return c.html(<LoginPage csrfToken={csrf} email={email} error={`Too many sign-in attempts. Try again in ${result.retryAfterSeconds} seconds.`} />, 429);
    }
    if (result.kind === 'wrong') return c.html(<LoginPage csrfToken={csrf} email={email} error="Email or password is wrong." />, 401);
    setSessionCookie(deps, c, result.sessionToken);
    return c.redirect('/settings', 303);
  });

  // A sign-out without this session's CSRF token is refused and changes nothing: clearing the cookie
  // while the session stays valid would look signed out and not be (a copied cookie still works),
  // and ending it would let any page sign the admin out.
  pages.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    const session = c.get('session');
    if (token && session) {
      const form = await c.req.parseBody();
      if (!(await csrfTokenMatches(token, field(form, '_csrf')))) {
        await recordRefusedSignOut(deps, session.principal);
        return c.html(
          <ErrorPage
            title="The form expired"
            code="FORBIDDEN"
            message="This sign-out did not carry this session's security token, so you are still signed in."
            nextAction="Reload the page and sign out again."
          />,
          403,
        );
      }
      await endSession(deps, token);
    }
    clearSessionCookie(deps, c);
    return c.redirect('/login', 303);
  });

  const guard = settingsGuard((c) =>
    c.html(
      <ErrorPage
        title="The form expired"
        code="FORBIDDEN"
        message="This form did not carry this session's security token (it is older than your sign-in, or came from another site)."
        nextAction="Reload the page and submit the form again."
      />,
      403,
    ),
  );
  pages.use('/settings', guard);
  pages.use('/settings/*', guard);
  // A new form answer replaces whatever the last one left (a stale refusal never shows after it).
  pages.use('/settings/*', async (c, next) => {
    if (c.req.method === 'POST') clearFlash(c, deps);
    await next();
  });
  pages.route('/', targetRoutes(deps));
  pages.route('/', dataCenterPageRoutes(deps));
  pages.route('/', cloudPageRoutes(deps));
  pages.route('/', targetLifecycleRoutes(deps));
  pages.route('/', apiTokenRoutes(deps));
  pages.route('/', exportMappingRoutes(deps));
  pages.route('/', oauthRoutes(deps));
  pages.get('/settings/*', (c) =>
    c.html(
      <ErrorPage title="Not found" code="NOT_FOUND" message={`There is no page at ${c.req.path}.`} nextAction="Go back to the integration status page." />,
      404,
    ),
  );
  pages.onError(pageErrorHandler(deps));

  return pages;
}
