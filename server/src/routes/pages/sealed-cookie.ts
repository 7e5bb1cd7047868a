import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps';
import { openSecret, sealSecret, type SecretBinding } from '../../crypto/secret-box';
import { isHttps } from './page-security';

/** One short-lived page cookie whose value is sealed under the master key and bound to who may open it. */
export interface SealedCookie {
  /** The cookie's name over plain HTTP; over HTTPS it gets the `__Host-` prefix. */
  name: string;
  ttlSeconds: number;
  sameSite: 'Strict' | 'Lax';
}

const nameOf = (deps: AppDeps, cookie: SealedCookie) => (isHttps(deps) ? `__Host-${cookie.name}` : cookie.name);

/** The sealed form of a value with its expiry, as the cookie would hold it (callers may check its length first). */
export async function sealForCookie(deps: AppDeps, cookie: SealedCookie, binding: SecretBinding, value: object): Promise<string> {
  const until = deps.clock.now().getTime() + cookie.ttlSeconds * 1000;
  return (await sealSecret(deps.keyring, JSON.stringify({ value, until }), binding)).sealed;
}

/** Sets the cookie, HttpOnly, for `ttlSeconds`. */
export function setSealedCookie(c: Context, deps: AppDeps, cookie: SealedCookie, sealed: string): void {
  setCookie(c, nameOf(deps, cookie), sealed, { httpOnly: true, sameSite: cookie.sameSite, secure: isHttps(deps), path: '/', maxAge: cookie.ttlSeconds });
}

/** Deletes the cookie in this answer, when the request carried one. */
export function clearSealedCookie(c: Context, deps: AppDeps, cookie: SealedCookie): void {
  if (getCookie(c, nameOf(deps, cookie)) !== undefined) deleteCookie(c, nameOf(deps, cookie), { path: '/', secure: isHttps(deps) });
}

/** The value in the cookie while it lasts; null when absent, expired, tampered with or bound to someone else. */
export async function openSealedCookie<T>(c: Context, deps: AppDeps, cookie: SealedCookie, binding: SecretBinding): Promise<T | null> {
  const sealed = getCookie(c, nameOf(deps, cookie));
  if (!sealed) return null;
  try {
    const { value, until } = JSON.parse(await openSecret(deps.keyring, sealed, binding)) as { value: T; until: number };
    return until < deps.clock.now().getTime() ? null : value;
  } catch {
    return null;
  }
}
