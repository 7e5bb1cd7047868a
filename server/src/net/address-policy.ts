import { addressRangeOf, type AddressRule } from './address-ranges';
import { ipKey, parseCanonicalIp, unwrapMapped, type IpAddress } from './ip-literal';

export type { AddressRule } from './address-ranges';
export { METADATA_ADDRESSES } from './address-ranges';

/** The verdict on one address. */
export interface AddressVerdict {
  allowed: boolean;
  rule: AddressRule;
  reason: string;
}

const RULE_TEXT: Record<AddressRule, string> = {
  'global-unicast': 'a global unicast address',
  'invalid-address': 'not an IP address in canonical notation',
  unspecified: 'an unspecified address (0.0.0.0/8 or ::), which reaches this server itself',
  loopback: 'a loopback address',
  'private-network': 'a private network address',
  'link-local-metadata': 'a link-local or cloud metadata address',
  cgnat: 'a carrier-grade NAT address (100.64.0.0/10)',
  reserved: 'a reserved or special-purpose address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  'ipv6-embedding': 'an IPv6 address that embeds or translates to IPv4 (compatible, NAT64, 6to4 or Teredo)',
  'own-address': "one of this server's own addresses",
};

/** The rule of each range ipaddr.js names, for addresses in no row of ADDRESS_RANGES. */
const RANGE_RULE: Record<string, AddressRule> = {
  unicast: 'global-unicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local-metadata',
  loopback: 'loopback',
  carrierGradeNat: 'cgnat',
  private: 'private-network',
  uniqueLocal: 'private-network',
  deprecatedSiteLocal: 'private-network',
  rfc6145: 'ipv6-embedding',
  rfc6052: 'ipv6-embedding',
  '6to4': 'ipv6-embedding',
  teredo: 'ipv6-embedding',
};

function ruleFor(address: IpAddress): AddressRule {
  const row = addressRangeOf(address);
  if (row) return row.rule;
  // Anything ipaddr.js names that we have not mapped (benchmarking, AMT, AS112, ORCHID, discard,
  // documentation...) is special-purpose: only `unicast` is ever dialled directly.
  return RANGE_RULE[address.range()] ?? 'reserved';
}

function verdict(rule: AddressRule, text: string): AddressVerdict {
  return { allowed: rule === 'global-unicast', rule, reason: `${text} is ${RULE_TEXT[rule]}` };
}

/** Parses and normalizes the server's own addresses once, for `classifyAddress`. */
export function ownAddressKeys(addresses: readonly string[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const text of addresses) {
    const parsed = parseCanonicalIp(text.trim());
    if (parsed) keys.add(ipKey(parsed));
  }
  return keys;
}

/**
 * Decides whether an address may be dialled directly: only global unicast passes, IPv4-mapped
 * IPv6 is judged as its IPv4, and the embeddings and ranges ipaddr.js misses are refused by name.
 */
export function classifyAddress(ip: string, own: ReadonlySet<string> = new Set()): AddressVerdict {
  const parsed = typeof ip === 'string' ? parseCanonicalIp(ip) : null;
  if (!parsed) return verdict('invalid-address', JSON.stringify(String(ip).slice(0, 64)));
  const address = unwrapMapped(parsed);
  if (own.size > 0 && own.has(address.toNormalizedString())) return verdict('own-address', ip);
  return verdict(ruleFor(address), ip);
}

/** Human text for a rule, for reasons composed elsewhere. */
export function describeAddressRule(rule: AddressRule): string {
  return RULE_TEXT[rule];
}
