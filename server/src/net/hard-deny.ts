import ipaddr from 'ipaddr.js';
import { METADATA_ADDRESSES } from './address-policy';
import { embeddedIpv4s, unwrapMapped, type IpAddress } from './ip-literal';

const V4_RANGES: ReadonlyArray<[ipaddr.IPv4, number, string]> = [
  [ipaddr.IPv4.parse('0.0.0.0'), 8, 'the unspecified range 0.0.0.0/8, which reaches this server'],
  [ipaddr.IPv4.parse('169.254.0.0'), 16, 'link-local 169.254.0.0/16, where cloud metadata lives'],
  [ipaddr.IPv4.parse('224.0.0.0'), 4, 'multicast'],
  [ipaddr.IPv4.parse('255.255.255.255'), 32, 'the broadcast address'],
];
const V6_RANGES: ReadonlyArray<[ipaddr.IPv6, number, string]> = [
  [ipaddr.IPv6.parse('::'), 128, 'the unspecified address ::, which reaches this server'],
  [ipaddr.IPv6.parse('fe80::'), 10, 'link-local fe80::/10'],
  [ipaddr.IPv6.parse('ff00::'), 8, 'multicast'],
];
const METADATA = new Set(METADATA_ADDRESSES.map((text) => ipaddr.parse(text).toNormalizedString()));

function directReason(address: IpAddress): string | null {
  if (METADATA.has(address.toNormalizedString())) return 'a cloud metadata endpoint';
  if (address.kind() === 'ipv4') {
    for (const [base, bits, text] of V4_RANGES) if ((address as ipaddr.IPv4).match(base, bits)) return text;
    return null;
  }
  for (const [base, bits, text] of V6_RANGES) if ((address as ipaddr.IPv6).match(base, bits)) return text;
  return null;
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
