import ipaddr from 'ipaddr.js';

/** A parsed IP address as ipaddr.js models it. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** True for IPv4 in the one notation we accept: four decimal octets, no leading zeros. */
export function isCanonicalIpv4(text: string): boolean {
  return DOTTED_QUAD.test(text);
}

function isStrictIpv6(text: string): boolean {
  if (text.length < 2 || text.length > 45) return false;
  let head = text;
  let groupsForV4 = 0;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    if (!isCanonicalIpv4(text.slice(lastColon + 1))) return false;
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::"; "0:0:0:0:0:ffff:1.2.3.4" leaves "...ffff:" with a dangling colon.
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
    groupsForV4 = 2;
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  const count = all.length + groupsForV4;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * Rewrites a dotted IPv4 tail as two hex groups. ipaddr.js 2.5.0 parses `::8.8.8.8` as the
 * IPv4-mapped `::ffff:8.8.8.8` (WHATWG and inet_pton say `::808:808`), which would let an
 * IPv4-compatible address pass as the public IPv4 it embeds.
 */
function dottedTailToHex(text: string): string {
  if (!text.includes('.')) return text;
  const lastColon = text.lastIndexOf(':');
  const [a = 0, b = 0, c = 0, d = 0] = text
    .slice(lastColon + 1)
    .split('.')
    .map(Number);
  return `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/**
 * Parses an IP address written in a canonical notation only (dotted-decimal IPv4 without leading
 * zeros, IPv6 without zone id): anything a URL parser or `inet_aton` would read differently is
 * refused, which is the disagreement the `ip`/`netmask` CVEs came from.
 */
export function parseCanonicalIp(text: string): IpAddress | null {
  if (isCanonicalIpv4(text)) return ipaddr.IPv4.parse(text);
  if (!isStrictIpv6(text)) return null;
  try {
    return ipaddr.IPv6.parse(dottedTailToHex(text));
  } catch {
    return null;
  }
}

/** Judges an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) as the IPv4 address it reaches. */
export function unwrapMapped(address: IpAddress): IpAddress {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

/** One spelling per address (mapped IPv6 unwrapped), so sets of addresses compare reliably. */
export function ipKey(address: IpAddress): string {
  return unwrapMapped(address).toNormalizedString();
}

function v4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([(high >> 8) & 0xff, high & 0xff, (low >> 8) & 0xff, low & 0xff]);
}

/**
 * Every IPv4 address an IPv6 address may carry (mapped, compatible, SIIT, NAT64 /96 and /48,
 * 6to4, Teredo server and client): the hard-deny set must not be reachable through any of them.
 */
export function embeddedIpv4s(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const p = address.parts;
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0] = p;
  const found: ipaddr.IPv4[] = [];
  const zeroTo = (n: number) => p.slice(0, n).every((part) => part === 0);
  // :: and ::1 are themselves, not IPv4-compatible forms of 0.0.0.0 and 0.0.0.1.
  const selfNamed = zeroTo(6) && p7 <= 1;
  if (zeroTo(5) && (p5 === 0xffff || p5 === 0) && !selfNamed) found.push(v4(p6, p7));
  if (zeroTo(4) && p4 === 0xffff && p5 === 0) found.push(v4(p6, p7));
  if (p0 === 0x64 && p1 === 0xff9b) {
    found.push(v4(p6, p7));
    if (p2 === 1) found.push(new ipaddr.IPv4([p3 >> 8, p3 & 0xff, p4 & 0xff, p5 >> 8]));
  }
  if (p0 === 0x2002) found.push(v4(p1, p2));
  if (p0 === 0x2001 && p1 === 0) found.push(v4(p2, p3), v4(~p6 & 0xffff, ~p7 & 0xffff));
  return found;
}
