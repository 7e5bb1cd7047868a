const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/;

/**
 * True for a lower-case ASCII host name we are willing to resolve: letters, digits, `-` and `_`,
 * labels of 1 to 63 characters, at most 253 in all, an optional trailing dot, and a last label
 * that is not a number (a URL parser would read such a name as an IPv4 address).
 */
export function isValidDomainName(name: string): boolean {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length === 0 || bare.length > 253) return false;
  const labels = bare.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  return !NUMERIC_LABEL.test(labels[labels.length - 1] ?? '');
}

/** The comparison form of a host name: lower case, without the root's trailing dot. */
export function domainKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * Converts a typed host name (any case, Unicode) to its ASCII (punycode) form with the WHATWG
 * rules the URL parser uses, or null when it is not a valid domain name.
 */
export function toAsciiDomain(text: string): string | null {
  if (text.length === 0 || text.length > 1024 || /[\s/?#@:[\]\\%]/u.test(text)) return null;
  let hostname: string;
  try {
    hostname = new URL(`https://${text}/`).hostname;
  } catch {
    return null;
  }
  return isValidDomainName(hostname) ? hostname : null;
}
