import { parseApprovedEntry } from './approved-networks';
import { approvedEntryProblem } from './approved-entry-problem';

export { WIDEST_IPV4_PREFIX, WIDEST_IPV6_PREFIX } from './approved-entry-problem';

/**
 * Why an approved-network entry must be refused, or null when it may be approved: garbage, wider
 * than a /8 (IPv4) or a /32 (IPv6), covering the unspecified address, or naming an address that
 * never opens. Used by every source of approvals (the CLI and `APPROVED_NETWORKS`), so an entry
 * such as `0.0.0.0/0` cannot quietly open the whole Internet and this server's own sockets.
 */
export function approvalProblem(entry: string): string | null {
  const parsed = parseApprovedEntry(entry);
  if (!parsed) return 'is not in the allowlist grammar (IP, CIDR, ip:port, [v6]:port, an exact domain or domain:port)';
  return approvedEntryProblem(parsed);
}
