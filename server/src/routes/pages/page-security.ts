import { createMiddleware } from 'hono/factory';
import { secureHeaders, NONCE } from 'hono/secure-headers';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps';
import { resolveSession, type SessionView } from '../../commands/sessions';
import { SESSION_TTL_MS } from '../../commands/sessions';

export type PageEnv = { Variables: { session: SessionView | null; sessionToken: string | null; secureHeadersNonce?: string } };

const isHttps = (deps: AppDeps) => deps.config.publicUrl?.startsWith('https://') ?? false;

/** The session cookie name: `__Host-` prefixed behind https, so no subdomain can set it. */
export const sessionCookieName = (deps: AppDeps) => (isHttps(deps) ? '__Host-wro_session' : 'wro_session');
export const loginCsrfCookieName = (deps: AppDeps) => (isHttps(deps) ? '__Host-wro_login_csrf' : 'wro_login_csrf');

/** Strict headers for pages: CSP with nonces and no unsafe-inline, no framing, HSTS behind https. */
export function pageSecurityHeaders(deps: AppDeps) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    xFrameOptions: 'DENY',
    strictTransportSecurity: isHttps(deps) ? 'max-age=31536000; includeSubDomains' : false,
    referrerPolicy: 'same-origin',
  });
}

/** Loads the session (if any) from its HttpOnly cookie. */
export function loadSession(deps: AppDeps) {
  return createMiddleware<PageEnv>(async (c, next) => {
    const token = getCookie(c, sessionCookieName(deps)) ?? null;
    c.set('sessionToken', token);
    c.set('session', token ? await resolveSession(deps, token) : null);
    await next();
  });
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind https. */
export function setSessionCookie(deps: AppDeps, c: Context, token: string) {
  setCookie(c, sessionCookieName(deps), token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(deps), path: '/', maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(deps: AppDeps, c: Context) {
  deleteCookie(c, sessionCookieName(deps), { path: '/', secure: isHttps(deps) });
}

/** Refuses a state-changing request whose Origin names another site (a second line behind CSRF tokens). */
export function sameOriginOnly(deps: AppDeps) {
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const allowed = new Set([new URL(c.req.url).origin, ...(deps.config.publicUrl ? [new URL(deps.config.publicUrl).origin] : [])]);
      if (origin && origin !== 'null' && !allowed.has(origin)) return c.text('Cross-site form submissions are refused.', 403);
      if (origin === 'null') return c.text('Cross-site form submissions are refused.', 403);
    }
    await next();
  });
}
