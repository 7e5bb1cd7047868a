/**
 * True when the URL's host is an IP address, not a name: such a host has no DNS zone, so no TXT
 * record can prove who owns it. WHATWG URL parsing already rewrites every IPv4 spelling
 * (`0x7f.1`, `2130706433`) to dotted decimal and brackets IPv6, so two patterns cover all of them.
 */
export function hostIsIpLiteral(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
