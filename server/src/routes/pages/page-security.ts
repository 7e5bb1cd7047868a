import { createMiddleware } from 'hono/factory';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps';
import { resolveSession, type SessionView } from '../../commands/sessions';
import { SESSION_TTL_MS } from '../../commands/sessions';

export type PageEnv = { Variables: { session: SessionView | null; sessionToken: string | null; secureHeadersNonce?: string } };

/** Behind https: Secure, `__Host-` cookies. */
export const isHttps = (deps: AppDeps) => deps.config.publicUrl?.startsWith('https://') ?? false;

/** The session cookie name: `__Host-` prefixed behind https, so no subdomain can set it. */
export const sessionCookieName = (deps: AppDeps) => (isHttps(deps) ? '__Host-wro_session' : 'wro_session');
export const loginCsrfCookieName = (deps: AppDeps) => (isHttps(deps) ? '__Host-wro_login_csrf' : 'wro_login_csrf');

/** A fresh CSP nonce: 16 random bytes, base64 (what hono's secureHeaders makes). */
function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Strict headers for pages: CSP with nonces and no unsafe-inline, no framing, HSTS behind https
 * (the set hono's secureHeaders sends with these options). Set before the page is made, never by
 * editing the finished response: on @hono/node-server that edit turns every answer into a full
 * `Response` + `Headers` and costs about two thirds of a route's throughput.
 */
export function pageSecurityHeaders(deps: AppDeps) {
  const csp = (nonce: string) =>
    `default-src 'none'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
  const fixed: [string, string][] = [
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'same-origin'],
    ...(isHttps(deps) ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]] : []),
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ];
  return createMiddleware<PageEnv>(async (c, next) => {
    const nonce = newNonce();
    c.set('secureHeadersNonce', nonce);
    for (const [name, value] of fixed) c.header(name, value);
    c.header('Content-Security-Policy', csp(nonce));
    await next();
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
