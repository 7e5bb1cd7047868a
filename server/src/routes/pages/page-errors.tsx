import type { ErrorHandler } from 'hono';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { ErrorPage } from '../../views/message-pages';
import { readForm, typedValues, wantsJson, type PageContext } from './page-context';
import type { PageEnv } from './page-security';
import { refusalOf } from './target-page-render';
import { REFUSED_PATH, redirectWithFlash, refuseOnTargetPage } from './page-flash';

const OAUTH_START = /^\/settings\/targets\/([^/]+)\/oauth$/;

/**
 * Errors on the pages are pages: the code, the message and the next action as HTML (JSON only for
 * the script's JSON calls). A refused OAuth start re-renders its target page with the site typed.
 */
export function pageErrorHandler(deps: AppDeps): ErrorHandler<PageEnv> {
  return async (error, c) => {
    const page = c as PageContext;
    const session = page.get('session') ?? null;
    const pageSession = session ? { email: session.email, csrfToken: session.csrfToken } : null;
    if (!(error instanceof AppError)) {
      deps.logger.error('unhandled page error', { error_name: error.name, path: c.req.path, stack: error.stack?.split('\n').slice(1, 6).join(' | ') ?? null });
      const nextAction = 'Try again; if it keeps failing, give the operator the time of the request.';
      if (wantsJson(c)) return c.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.', next_action: nextAction } }, 500);
      return c.html(
        <ErrorPage session={pageSession} title="Something went wrong" code="INTERNAL" message="Something went wrong on our side." nextAction={nextAction} />,
        500,
      );
    }
    if (error.retryAfterSeconds !== null) c.header('Retry-After', String(error.retryAfterSeconds));
    if (wantsJson(c) || c.req.path.endsWith('.json')) return c.json(error.toBody(), error.status);
    const oauth = OAUTH_START.exec(c.req.path);
    if (oauth && session && c.req.method === 'POST' && error.code !== 'NOT_FOUND') {
      const form = await readForm(c);
      return refuseOnTargetPage(page, deps, decodeURIComponent(oauth[1]!), { refusal: refusalOf(error, 'oauth'), values: typedValues(form) });
    }
    // Any other refused form: POST-redirect-GET to a page that shows the refusal, so a reload repeats nothing.
    if (session && c.req.method === 'POST' && c.req.path.startsWith('/settings/') && error.code !== 'NOT_FOUND') {
      return redirectWithFlash(page, deps, REFUSED_PATH, { refusal: refusalOf(error, 'name') });
    }
    const title = error.status === 404 ? 'Not found' : 'Refused';
    return c.html(<ErrorPage session={pageSession} title={title} code={error.code} message={error.message} nextAction={error.nextAction} />, error.status);
  };
}
