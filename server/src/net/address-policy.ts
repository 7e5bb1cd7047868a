import ipaddr from 'ipaddr.js';
import { ipKey, parseCanonicalIp, unwrapMapped, type IpAddress } from './ip-literal';

/** Why an address may or may not be dialled; one id per rule a person can look up. */
export type AddressRule =
  | 'global-unicast'
  | 'invalid-address'
  | 'unspecified'
  | 'loopback'
  | 'private-network'
  | 'link-local-metadata'
  | 'cgnat'
  | 'reserved'
  | 'multicast'
  | 'broadcast'
  | 'ipv6-embedding'
  | 'own-address';

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

/**
 * Cloud metadata endpoints outside link-local space: Alibaba (in CGNAT), AWS IMDS over IPv6,
 * Oracle, and Azure's WireServer (a public address that only ever reaches the host agent).
 */
export const METADATA_ADDRESSES: readonly string[] = ['100.100.100.200', 'fd00:ec2::254', '192.0.0.192', '168.63.129.16'];

const METADATA_KEYS = new Set(METADATA_ADDRESSES.map((text) => ipaddr.parse(text).toNormalizedString()));

/** Ranges ipaddr.js calls `unicast` (or files elsewhere) that we refuse by name. */
const EXPLICIT_V6: ReadonlyArray<[ipaddr.IPv6, number, AddressRule]> = [
  [ipaddr.IPv6.parse('::'), 96, 'ipv6-embedding'],
  [ipaddr.IPv6.parse('64:ff9b::'), 96, 'ipv6-embedding'],
  [ipaddr.IPv6.parse('64:ff9b:1::'), 48, 'ipv6-embedding'],
  [ipaddr.IPv6.parse('2002::'), 16, 'ipv6-embedding'],
  [ipaddr.IPv6.parse('2001::'), 32, 'ipv6-embedding'],
  [ipaddr.IPv6.parse('fec0::'), 10, 'private-network'],
];
const IETF_PROTOCOL_ASSIGNMENTS = ipaddr.IPv4.parse('192.0.0.0');

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
  if (METADATA_KEYS.has(address.toNormalizedString())) return 'link-local-metadata';
  if (address.kind() === 'ipv4') {
    if ((address as ipaddr.IPv4).match(IETF_PROTOCOL_ASSIGNMENTS, 24)) return 'reserved';
  } else {
    const range = address.range();
    if (range !== 'unspecified' && range !== 'loopback') {
      for (const [prefix, bits, rule] of EXPLICIT_V6) {
        if ((address as ipaddr.IPv6).match(prefix, bits)) return rule;
      }
    }
  }
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
