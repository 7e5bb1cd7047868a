import type ipaddr from 'ipaddr.js';
import { parseCanonicalIp, unwrapMapped, type IpAddress } from './ip-literal';

/** A proxy network named in `TRUST_PROXY`. */
export interface TrustedProxy {
  raw: string;
  network: IpAddress;
  prefix: number;
}

const MAX_FORWARDED_HOPS = 32;

/** Parses `TRUST_PROXY` entries (IP or CIDR, canonical notation); `bad` lists what did not parse. */
export function parseTrustedProxies(entries: readonly string[]): { proxies: TrustedProxy[]; bad: string[] } {
  const proxies: TrustedProxy[] = [];
  const bad: string[] = [];
  for (const raw of entries) {
    const [addressText = '', prefixText, extra] = raw.trim().split('/');
    const parsed = parseCanonicalIp(addressText);
    const max = parsed?.kind() === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
    if (!parsed || extra !== undefined || prefix < 0 || prefix > max) {
      bad.push(raw);
      continue;
    }
    const network = unwrapMapped(parsed);
    proxies.push({ raw, network, prefix: network !== parsed ? Math.max(0, prefix - 96) : prefix });
  }
  return { proxies, bad };
}

function isTrusted(address: IpAddress, proxies: readonly TrustedProxy[]): boolean {
  return proxies.some((proxy) => proxy.network.kind() === address.kind() && (address as ipaddr.IPv4).match(proxy.network as ipaddr.IPv4, proxy.prefix));
}

/** One X-Forwarded-For element: a bare IP, `ip:port` or `[v6]:port`; null when unreadable. */
function parseHop(text: string): IpAddress | null {
  const hop = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(hop);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(hop);
  const parsed = parseCanonicalIp(bracketed?.[1] ?? v4WithPort?.[1] ?? hop);
  return parsed ? unwrapMapped(parsed) : null;
}

/**
 * The client address to throttle by. Without trusted proxies it is the socket's peer, whatever
 * the request claims. When the peer is a trusted proxy, X-Forwarded-For is read from the right:
 * the first address that is not a trusted proxy is the client (entries to its left were written by
 * the client and prove nothing). An unreadable entry stops the walk at the last trusted hop.
 */
export function forwardedClientAddress(socketAddress: string | null, forwardedFor: string | undefined, proxies: readonly TrustedProxy[]): string | null {
  if (!socketAddress) return null;
  const socketParsed = parseCanonicalIp(socketAddress.replace(/%.*$/, ''));
  if (!socketParsed) return socketAddress;
  let current = unwrapMapped(socketParsed);
  if (proxies.length === 0 || !isTrusted(current, proxies) || !forwardedFor) return current.toString();
  const hops = forwardedFor.split(',').slice(-MAX_FORWARDED_HOPS).reverse();
  for (const text of hops) {
    const hop = parseHop(text);
    if (!hop) return current.toString();
    if (!isTrusted(hop, proxies)) return hop.toString();
    current = hop;
  }
  return current.toString();
}
