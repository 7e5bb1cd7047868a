const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\\]/u;

/** Statuses that carry a Location to follow. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Turns a Location header into the raw URL text to judge, keeping what the server wrote when it
 * names another host (so notation and userinfo checks see it), resolving only path-relative forms.
 * The fragment is dropped: it never goes on the wire. Returns null for a Location we refuse outright.
 */
export function redirectTarget(location: string, current: URL): string | null {
  if (location.length === 0 || location.length > 2048 || UNSAFE.test(location)) return null;
  let raw: string;
  if (SCHEME.test(location)) raw = location;
  else if (location.startsWith('//')) raw = `${current.protocol}${location}`;
  else {
    try {
      raw = new URL(location, current).href;
    } catch {
      return null;
    }
  }
  const hash = raw.indexOf('#');
  return hash === -1 ? raw : raw.slice(0, hash);
}
