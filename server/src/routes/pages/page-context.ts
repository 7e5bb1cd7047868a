import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Principal } from '../../deps';
import type { SessionView } from '../../commands/sessions';
import { csrfTokenMatches } from '../../commands/sessions';
import type { PageEnv } from './page-security';

export type PageContext = Context<PageEnv>;

/** Form fields that are secrets: never echoed back into a page. */
const SECRET_FIELDS = new Set(['_csrf', 'pat', 'api_token', 'password']);

/** The posted form as strings (files and repeated fields ignored); parsed once, Hono caches the body. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') form[name] = value;
  return form;
}

/** What was typed, minus secrets: kept in the page when the server refuses the form. */
export function typedValues(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter(([name]) => !SECRET_FIELDS.has(name)));
}

/** True when the script asked for JSON (progressive enhancement); plain forms get HTML. */
export const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');

/** The signed-in session; the guard below guarantees it on every /settings route. */
export function sessionOf(c: PageContext): SessionView {
  const session = c.get('session');
  if (!session) throw new Error('settings route reached without a session');
  return session;
}

export const principalOf = (c: PageContext): Principal => sessionOf(c).principal;

/** The page session fields views need. */
export const pageSession = (c: PageContext) => ({ email: sessionOf(c).email, csrfToken: sessionOf(c).csrfToken });

/** The CSP nonce for this response's script tag. */
export const nonceOf = (c: PageContext) => c.get('secureHeadersNonce');

/**
 * Every /settings route needs a session (sign-in otherwise; JSON callers get 401), and every
 * state-changing request under /settings must carry the session's CSRF token.
 */
export function settingsGuard(refuseCsrf: (c: PageContext) => Response | Promise<Response>) {
  return createMiddleware<PageEnv>(async (c, next) => {
    const session = c.get('session');
    const token = c.get('sessionToken');
    if (!session || !token) {
      if (wantsJson(c) || c.req.path.endsWith('.json')) {
        return c.json({ error: { code: 'UNAUTHENTICATED', message: 'Your session ended.', next_action: 'Sign in again at /login.' } }, 401);
      }
      return c.redirect('/login', c.req.method === 'GET' ? 302 : 303);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const form = await readForm(c);
      const submitted = form._csrf ?? c.req.header('x-csrf-token') ?? '';
      if (!(await csrfTokenMatches(token, submitted))) return refuseCsrf(c);
    }
    await next();
  });
}
