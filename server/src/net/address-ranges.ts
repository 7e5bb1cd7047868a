import ipaddr from 'ipaddr.js';
import type { IpAddress } from './ip-literal';

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

/** One row of the address table: a range, the rule it falls under, and whether it is hard-denied. */
export interface AddressRange {
  cidr: string;
  rule: AddressRule;
  /** Why no operator approval can ever open this range; null: an approved network may open it. */
  hardDeny: string | null;
}

const METADATA = 'a cloud metadata endpoint';

/**
 * The one table of address ranges the policy names itself, read by both `classifyAddress` (the
 * rule of each range) and `hardDenyReason` (the `hardDeny` column). First match wins; addresses
 * in no row get the range ipaddr.js names (see `RANGE_RULE` in address-policy.ts), and only
 * global unicast is ever dialled directly. To add a range: add a row here (above any broader row
 * it falls in), and a case to address-policy.test.ts or hard-deny.test.ts.
 */
export const ADDRESS_RANGES: readonly AddressRange[] = [
  // Cloud metadata endpoints outside link-local space: Alibaba (in CGNAT), AWS IMDS over IPv6,
  // Oracle, and Azure's WireServer (a public address that only ever reaches the host agent).
  { cidr: '100.100.100.200/32', rule: 'link-local-metadata', hardDeny: METADATA },
  { cidr: 'fd00:ec2::254/128', rule: 'link-local-metadata', hardDeny: METADATA },
  { cidr: '192.0.0.192/32', rule: 'link-local-metadata', hardDeny: METADATA },
  { cidr: '168.63.129.16/32', rule: 'link-local-metadata', hardDeny: METADATA },
  // Hard-denied: closed whatever an operator approves.
  { cidr: '0.0.0.0/8', rule: 'unspecified', hardDeny: 'the unspecified range 0.0.0.0/8, which reaches this server' },
  { cidr: '169.254.0.0/16', rule: 'link-local-metadata', hardDeny: 'link-local 169.254.0.0/16, where cloud metadata lives' },
  { cidr: '224.0.0.0/4', rule: 'multicast', hardDeny: 'multicast' },
  { cidr: '255.255.255.255/32', rule: 'broadcast', hardDeny: 'the broadcast address' },
  { cidr: '::/128', rule: 'unspecified', hardDeny: 'the unspecified address ::, which reaches this server' },
  { cidr: 'fe80::/10', rule: 'link-local-metadata', hardDeny: 'link-local fe80::/10' },
  { cidr: 'ff00::/8', rule: 'multicast', hardDeny: 'multicast' },
  // Named here because ipaddr.js calls them `unicast` or files them elsewhere; an approval may open them.
  { cidr: '192.0.0.0/24', rule: 'reserved', hardDeny: null },
  { cidr: '::1/128', rule: 'loopback', hardDeny: null },
  { cidr: '::/96', rule: 'ipv6-embedding', hardDeny: null },
  { cidr: '64:ff9b::/96', rule: 'ipv6-embedding', hardDeny: null },
  { cidr: '64:ff9b:1::/48', rule: 'ipv6-embedding', hardDeny: null },
  { cidr: '2002::/16', rule: 'ipv6-embedding', hardDeny: null },
  { cidr: '2001::/32', rule: 'ipv6-embedding', hardDeny: null },
  { cidr: 'fec0::/10', rule: 'private-network', hardDeny: null },
];

const PARSED = ADDRESS_RANGES.map((row) => ({ row, cidr: ipaddr.parseCIDR(row.cidr) }));

/** The first row of the table an address falls in (the address already unwrapped from IPv4-mapped form). */
export function addressRangeOf(address: IpAddress): AddressRange | null {
  for (const { row, cidr } of PARSED) {
    if (cidr[0].kind() === address.kind() && address.match(cidr)) return row;
  }
  return null;
}

/** The single addresses of the cloud metadata rows. */
export const METADATA_ADDRESSES: readonly string[] = ADDRESS_RANGES.filter((row) => row.hardDeny === METADATA).map((row) => row.cidr.replace(/\/\d+$/, ''));
