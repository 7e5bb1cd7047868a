import type ipaddr from 'ipaddr.js';
import { addressRangeOf } from './address-ranges';
import { embeddedIpv4s, unwrapMapped, type IpAddress } from './ip-literal';

/** The hard-deny column of the address table (a metadata endpoint, or a range no approval opens). */
function directReason(address: IpAddress): string | null {
  return addressRangeOf(address)?.hardDeny ?? null;
}

/**
 * Names the hard-deny range an address falls in, or null: these addresses stay closed whatever an
 * operator approves, also when reached through an IPv6 embedding of them.
 */
export function hardDenyReason(parsed: IpAddress, ownKeys: ReadonlySet<string> = new Set()): string | null {
  const address = unwrapMapped(parsed);
  if (ownKeys.has(address.toNormalizedString())) return "one of this server's own addresses";
  const direct = directReason(address);
  if (direct) return direct;
  if (address.kind() === 'ipv6') {
    for (const inner of embeddedIpv4s(address as ipaddr.IPv6)) {
      const embedded = directReason(inner) ?? (ownKeys.has(inner.toNormalizedString()) ? 'this server' : null);
      if (embedded) return `an IPv6 form of ${inner.toString()}, ${embedded}`;
    }
  }
  return null;
}
