import type { AppDeps } from '../../deps';
import type { SecretBinding } from '../../crypto/secret-box';
import type { Refusal, UrlVerdictView } from '../../views/target-page-props';
import { sessionOf, type PageContext } from './page-context';
import { clearSealedCookie, openSealedCookie, sealForCookie, setSealedCookie, type SealedCookie } from './sealed-cookie';
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
}

const PAGE_FLASH: SealedCookie = { name: 'wro_flash', ttlSeconds: FLASH_TTL_SECONDS, sameSite: 'Lax' };

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
  const pathOnly = path.split(/[?#]/)[0]!;
  let sealed = await sealForCookie(deps, PAGE_FLASH, bindingOf(c), { ...flash, path: pathOnly } satisfies SealedFlash);
  if (sealed.length > MAX_SEALED_LENGTH) {
    sealed = await sealForCookie(deps, PAGE_FLASH, bindingOf(c), { ...flash, values: {}, path: pathOnly } satisfies SealedFlash);
  }
  setSealedCookie(c, deps, PAGE_FLASH, sealed);
  return c.redirect(path, 303);
}

/** A refused target form: back (303) to the target's page at the refused step, with the refusal and what was typed. */
export function refuseOnTargetPage(c: PageContext, deps: AppDeps, targetId: string, flash: PageFlash): Promise<Response> {
  const anchor = flash.refusal ? `#step-${flash.refusal.step}` : '';
  return redirectWithFlash(c, deps, targetPath(targetId, anchor), flash);
}

/** Clears the flash (every form POST does, before it answers, so an old refusal never shows after a new action). */
export function clearFlash(c: PageContext, deps: AppDeps): void {
  clearSealedCookie(c, deps, PAGE_FLASH);
}

/** The flash left for this page by the last POST, while it lasts; null when none, expired, for another page or not ours. */
export async function readFlash(c: PageContext, deps: AppDeps): Promise<PageFlash | null> {
  const flash = await openSealedCookie<SealedFlash>(c, deps, PAGE_FLASH, bindingOf(c));
  if (!flash || flash.path !== c.req.path) return null;
  return { refusal: flash.refusal ?? null, values: flash.values ?? {}, urlVerdict: flash.urlVerdict ?? null, notice: flash.notice ?? null };
}
