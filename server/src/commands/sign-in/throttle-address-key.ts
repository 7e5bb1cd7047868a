import ipaddr from 'ipaddr.js';
import { parseCanonicalIp, unwrapMapped } from '../../net/ip-literal';

/**
 * The throttling key of a client address: IPv4 as is, IPv6 by its /64 (one customer line holds a
 * whole /64, so per-address limits on single IPv6 addresses would be free to rotate around).
 * Anything unreadable shares one `unknown` key, which only throttles harder.
 */
export function throttleAddressKey(clientAddress: string | null): string {
  const parsed = clientAddress ? parseCanonicalIp(clientAddress.replace(/%.*$/, '')) : null;
  if (!parsed) return 'unknown';
  const address = unwrapMapped(parsed);
  if (address.kind() === 'ipv4') return address.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`);
  return `${prefix.toString()}/64`;
}
