/**
 * Maps the addresses a fixture names (public, private, metadata...) onto loopback addresses, so a
 * test reproduces the case without sending a packet off this machine: addresses the case may reach
 * become approved loopback addresses (127.0.0.10+), the others unapproved ones (127.0.0.40+, or
 * ::1 for ::1). IPv6 addresses keep their family as IPv4-mapped loopback (::ffff:127.0.0.x).
 */
export interface StandIns {
  of(address: string): string;
  /** Approved-network entries that open exactly the reachable stand-ins. */
  readonly approvedEntries: readonly string[];
  /** The loopback host a listener binds for a stand-in (mapped addresses reach the IPv4 one). */
  listenerHost(standIn: string): string;
  /** Every stand-in handed out, original -> stand-in. */
  readonly assigned: ReadonlyMap<string, string>;
}

/** Creates a stand-in table for one test case. */
export function createStandIns(isReachable: (address: string) => boolean): StandIns {
  const assigned = new Map<string, string>();
  const approvedEntries: string[] = [];
  let nextReachable = 10;
  let nextUnreachable = 40;
  return {
    of(address) {
      const known = assigned.get(address);
      if (known) return known;
      const v6 = address.includes(':');
      let standIn: string;
      if (address === '::1') standIn = '::1';
      else if (isReachable(address)) {
        const v4 = `127.0.0.${nextReachable++}`;
        approvedEntries.push(v4);
        standIn = v6 ? `::ffff:${v4}` : v4;
      } else {
        const v4 = `127.0.0.${nextUnreachable++}`;
        standIn = v6 ? `::ffff:${v4}` : v4;
      }
      assigned.set(address, standIn);
      return standIn;
    },
    approvedEntries,
    listenerHost: (standIn) => standIn.replace(/^::ffff:/, ''),
    assigned,
  };
}
