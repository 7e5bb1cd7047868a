import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps';
import { openSecret, sealSecret, type SecretBinding } from '../../crypto/secret-box';
import type { Refusal, UrlVerdictView } from '../../views/target-page-props';
import { sessionOf, type PageContext } from './page-context';
import { isHttps } from './page-security';
import { targetPath } from '../../views/format';

/** The page that shows a refused form whose own page cannot (the flash carries the code, message and next action). */
export const REFUSED_PATH = '/settings/refused';

/** How long a refusal stays on its page after the redirect: a reload within it shows it again, then it is gone. */
export const FLASH_TTL_SECONDS = 60;

/** Browsers drop cookies over about 4 KB: what was typed is left out before that. */
const MAX_SEALED_LENGTH = 3_600;

/** What one POST answer leaves for the page it redirects to (never a secret: typed values exclude them). */
export interface PageFlash {
  refusal?: Refusal | null;
  values?: Readonly<Record<string, string>>;
  urlVerdict?: UrlVerdictView | null;
  /** A short confirmation shown on the page (a deletion, a rename). */
  notice?: string | null;
}

interface SealedFlash extends PageFlash {
  path: string;
  until: number;
}

const cookieName = (deps: AppDeps) => (isHttps(deps) ? '__Host-wro_flash' : 'wro_flash');

/** Sealed with the master key and bound to this workspace and session: another session cannot read or plant one. */
const bindingOf = (c: PageContext): SecretBinding => {
  const session = sessionOf(c);
  return { workspaceId: session.principal.workspaceId, targetId: 'page-flash', kind: `page-flash/${session.csrfToken}` };
};

/**
 * POST-redirect-GET for a refused or finished form: the result travels in a sealed, HttpOnly,
 * short-lived cookie and the browser is sent (303) to the page that shows it, so a reload repeats
 * no action and the message is never echoed from the URL.
 */
export async function redirectWithFlash(c: PageContext, deps: AppDeps, path: string, flash: PageFlash): Promise<Response> {
  const until = deps.clock.now().getTime() + FLASH_TTL_SECONDS * 1000;
  const pathOnly = path.split(/[?#]/)[0]!;
  let sealed = (await sealSecret(deps.keyring, JSON.stringify({ ...flash, path: pathOnly, until } satisfies SealedFlash), bindingOf(c))).sealed;
  if (sealed.length > MAX_SEALED_LENGTH) {
    sealed = (await sealSecret(deps.keyring, JSON.stringify({ ...flash, values: {}, path: pathOnly, until } satisfies SealedFlash), bindingOf(c))).sealed;
  }
  setCookie(c, cookieName(deps), sealed, { httpOnly: true, sameSite: 'Lax', secure: isHttps(deps), path: '/', maxAge: FLASH_TTL_SECONDS });
  return c.redirect(path, 303);
}

/** A refused target form: back (303) to the target's page at the refused step, with the refusal and what was typed. */
export function refuseOnTargetPage(c: PageContext, deps: AppDeps, targetId: string, flash: PageFlash): Promise<Response> {
  const anchor = flash.refusal ? `#step-${flash.refusal.step}` : '';
  return redirectWithFlash(c, deps, targetPath(targetId, anchor), flash);
}

/** Clears the flash (every form POST does, before it answers, so an old refusal never shows after a new action). */
export function clearFlash(c: PageContext, deps: AppDeps): void {
  if (getCookie(c, cookieName(deps)) !== undefined) deleteCookie(c, cookieName(deps), { path: '/', secure: isHttps(deps) });
}

/** The flash left for this page by the last POST, while it lasts; null when none, expired, for another page or not ours. */
export async function readFlash(c: PageContext, deps: AppDeps): Promise<PageFlash | null> {
  const sealed = getCookie(c, cookieName(deps));
  if (!sealed) return null;
  try {
    const flash = JSON.parse(await openSecret(deps.keyring, sealed, bindingOf(c))) as SealedFlash;
    if (flash.path !== c.req.path || flash.until < deps.clock.now().getTime()) return null;
    return { refusal: flash.refusal ?? null, values: flash.values ?? {}, urlVerdict: flash.urlVerdict ?? null, notice: flash.notice ?? null };
  } catch {
    return null;
  }
}
