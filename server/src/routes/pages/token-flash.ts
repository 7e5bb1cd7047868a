import type { Context } from 'hono';
import type { AppDeps } from '../../deps';
import type { SecretBinding } from '../../crypto/secret-box';
import { sha256Hex } from '../../crypto/tokens';
import type { ShownToken } from '../../views/api-tokens-page';
import type { PageEnv } from './page-security';
import { clearSealedCookie, openSealedCookie, sealForCookie, setSealedCookie, type SealedCookie } from './sealed-cookie';

/** How long a new token waits for the redirect that shows it. */
export const TOKEN_FLASH_TTL_SECONDS = 60;

const TOKEN_FLASH: SealedCookie = { name: 'wro_token_flash', ttlSeconds: TOKEN_FLASH_TTL_SECONDS, sameSite: 'Strict' };

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
  setSealedCookie(c, deps, TOKEN_FLASH, await sealForCookie(deps, TOKEN_FLASH, await bindingOf(c), shown));
}

/** Reads the flash once: the same answer deletes it, so a reload shows nothing. Null when absent, expired or not ours. */
export async function takeTokenFlash(deps: AppDeps, c: Context<PageEnv>): Promise<ShownToken | null> {
  const value = await openSealedCookie<ShownToken>(c, deps, TOKEN_FLASH, await bindingOf(c));
  clearSealedCookie(c, deps, TOKEN_FLASH);
  return value ? { token: value.token, prefix: value.prefix, role: value.role } : null;
}
