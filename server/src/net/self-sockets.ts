import { parseCanonicalIp, unwrapMapped, type IpAddress } from './ip-literal';

/** One socket this server listens on (its HOST and PORT): never a Jira, whatever is approved. */
export interface SelfSocket {
  /** The listening address as configured: an IP, `0.0.0.0`/`::` (every local address) or a name. */
  address: string;
  port: number;
}

function isLocalAddress(address: IpAddress, ownKeys: ReadonlySet<string>): boolean {
  const range = address.range();
  if (range === 'loopback' || range === 'unspecified') return true;
  return ownKeys.has(address.toNormalizedString());
}

function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();
}

/**
 * Why dialling `address:port` would reach one of this server's own listening sockets, or null.
 * A socket on `0.0.0.0` or `::` (or on a name we cannot pin down) answers on every local address
 * at its port: loopback, unspecified and this machine's interface addresses. `ownKeys` are those
 * interface addresses (see ownAddressKeys).
 */
export function selfSocketReason(addressText: string, port: number, sockets: readonly SelfSocket[], ownKeys: ReadonlySet<string>): string | null {
  if (sockets.length === 0) return null;
  const parsed = parseCanonicalIp(addressText);
  if (!parsed) return null;
  const address = unwrapMapped(parsed);
  for (const socket of sockets) {
    if (socket.port !== port) continue;
    const listenText = socket.address.replace(/^\[|\]$/g, '');
    const localhost = listenText.toLowerCase() === 'localhost';
    const listen = localhost ? null : parseCanonicalIp(listenText);
    const listenAddress = listen ? unwrapMapped(listen) : null;
    const hit =
      listenAddress === null
        ? localhost
          ? address.range() === 'loopback'
          : isLocalAddress(address, ownKeys)
        : listenAddress.range() === 'unspecified'
          ? isLocalAddress(address, ownKeys)
          : sameAddress(address, listenAddress);
    if (hit) return `this companion's own listening socket (${socket.address}:${socket.port})`;
  }
  return null;
}
