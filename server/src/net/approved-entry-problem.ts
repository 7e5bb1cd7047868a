import ipaddr from 'ipaddr.js';
import type { ApprovedEntry } from './approved-networks';
import { hardDenyReason } from './hard-deny';

/** The widest approvals an operator may give: a /8 of IPv4, a /32 of IPv6 (a large site's allocation). */
export const WIDEST_IPV4_PREFIX = 8;
export const WIDEST_IPV6_PREFIX = 32;

const UNSPECIFIED_V4 = ipaddr.IPv4.parse('0.0.0.0');
const UNSPECIFIED_V6 = ipaddr.IPv6.parse('::');

/**
 * Why a parsed approved-network entry opens too much, or null: wider than a /8 (IPv4) or a /32
 * (IPv6), covering the unspecified address, or naming an address that never opens.
 */
export function approvedEntryProblem(parsed: ApprovedEntry): string | null {
  if (parsed.kind === 'domain') return null;
  const { network, prefix } = parsed;
  if (network.kind() === 'ipv4') {
    if (UNSPECIFIED_V4.match(network as ipaddr.IPv4, prefix)) return 'covers the unspecified address 0.0.0.0, which reaches this server itself';
    if (prefix < WIDEST_IPV4_PREFIX)
      return `is wider than a /${WIDEST_IPV4_PREFIX} (a /${prefix} opens ${2 ** (32 - prefix)} addresses); approve the tunnel network itself`;
  } else {
    if (UNSPECIFIED_V6.match(network as ipaddr.IPv6, prefix)) return 'covers the unspecified address ::, which reaches this server itself';
    if (prefix < WIDEST_IPV6_PREFIX) return `is wider than a /${WIDEST_IPV6_PREFIX} of IPv6 (it is a /${prefix}); approve the tunnel network itself`;
  }
  const never = hardDenyReason(network);
  return never ? `names addresses that never open (${never})` : null;
}
