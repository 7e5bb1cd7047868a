import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps';
import { openSecret, sealSecret, type SecretBinding } from '../../crypto/secret-box';
import { sha256Hex } from '../../crypto/tokens';
import type { ShownToken } from '../../views/api-tokens-page';
import type { PageEnv } from './page-security';

/** How long a new token waits for the redirect that shows it. */
export const TOKEN_FLASH_TTL_SECONDS = 60;

const isHttps = (deps: AppDeps) => deps.config.publicUrl?.startsWith('https://') ?? false;
const cookieName = (deps: AppDeps) => (isHttps(deps) ? '__Host-wro_token_flash' : 'wro_token_flash');

// Sealed under the master key and bound to this workspace and this session: no other session, and
// no one reading the cookie jar without the key, can open it.
async function bindingOf(c: Context<PageEnv>): Promise<SecretBinding> {
  const session = c.get('session');
  const sessionToken = c.get('sessionToken');
  if (!session || !sessionToken) throw new Error('token flash used without a session');
  return { workspaceId: session.principal.workspaceId, targetId: `session:${await sha256Hex(sessionToken)}`, kind: 'api_token_flash' };
}

/**
 * Puts a token just created into a sealed, HttpOnly, short-lived cookie for the GET after the
 * redirect (POST-redirect-GET without a token in any URL, log or database row).
 */
export async function putTokenFlash(deps: AppDeps, c: Context<PageEnv>, shown: ShownToken): Promise<void> {
  const expiresAt = deps.clock.now().getTime() + TOKEN_FLASH_TTL_SECONDS * 1000;
  const { sealed } = await sealSecret(deps.keyring, JSON.stringify({ ...shown, expiresAt }), await bindingOf(c));
  setCookie(c, cookieName(deps), sealed, { httpOnly: true, sameSite: 'Strict', secure: isHttps(deps), path: '/', maxAge: TOKEN_FLASH_TTL_SECONDS });
}

/** Reads the flash once: the same answer deletes it, so a reload shows nothing. Null when absent, expired or not ours. */
export async function takeTokenFlash(deps: AppDeps, c: Context<PageEnv>): Promise<ShownToken | null> {
  const sealed = getCookie(c, cookieName(deps));
  if (sealed === undefined) return null;
  deleteCookie(c, cookieName(deps), { path: '/', secure: isHttps(deps) });
  try {
    const value = JSON.parse(await openSecret(deps.keyring, sealed, await bindingOf(c))) as ShownToken & { expiresAt: number };
    if (value.expiresAt < deps.clock.now().getTime()) return null;
    return { token: value.token, prefix: value.prefix, role: value.role };
  } catch {
    return null;
  }
}
