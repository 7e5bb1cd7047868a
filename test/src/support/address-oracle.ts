import ipaddr from 'ipaddr.js';

// Written from the IANA special-purpose registries and the policy text, not from server/src/net:
// the property tests judge the checker against this list.
const EXTRA_V4: Array<[string, number]> = [
  ['192.0.0.0', 24],
  ['100.100.100.200', 32],
  ['168.63.129.16', 32],
];
const EXTRA_V6: Array<[string, number]> = [
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['2001::', 32],
  ['fec0::', 10],
  ['fd00:ec2::254', 128],
];

/**
 * An independent oracle for "global unicast": ipaddr.js `range() === 'unicast'` after unwrapping
 * IPv4-mapped addresses, minus the ranges the policy names explicitly. Pass canonical text only
 * (ipaddr.js reads some non-canonical IPv6 forms differently from inet_pton).
 */
export function oracleIsGlobalUnicast(text: string): boolean {
  if (!ipaddr.isValid(text)) return false;
  let address = ipaddr.parse(text);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  if (address.range() !== 'unicast') return false;
  const extra = address.kind() === 'ipv4' ? EXTRA_V4 : EXTRA_V6;
  return !extra.some(([base, bits]) => {
    const network = ipaddr.parse(base);
    return network.kind() === address.kind() && address.match(network, bits);
  });
}

/** True when an IP or CIDR entry (no port) covers `text`; domain entries are not considered. */
export function oracleCoveredBy(entries: readonly string[], text: string): boolean {
  if (!ipaddr.isValid(text)) return false;
  let address = ipaddr.parse(text);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  return entries.some((entry) => {
    const cidr = entry.includes('/') ? entry : `${entry}/${entry.includes(':') ? 128 : 32}`;
    if (!ipaddr.isValidCIDR(cidr)) return false;
    const [network, bits] = ipaddr.parseCIDR(cidr);
    return network.kind() === address.kind() && address.match(network, bits);
  });
}
