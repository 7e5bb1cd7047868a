import { isCanonicalIpv4, parseCanonicalIp } from './ip-literal';

/** DNS servers parsed from configuration, or every bad entry at once. */
export type DnsServersResult = { ok: true; servers: string[] } | { ok: false; errors: string[] };

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

function parseServer(entry: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    const address = bracketed[1] ?? '';
    if (parseCanonicalIp(address)?.kind() !== 'ipv6') return null;
    if (bracketed[2] === undefined) return `[${address}]`;
    const port = parsePort(bracketed[2]);
    return port === null ? null : `[${address}]:${port}`;
  }
  if (parseCanonicalIp(entry)?.kind() === 'ipv6') return entry;
  const [host = '', portText, extra] = entry.split(':');
  if (extra !== undefined || !isCanonicalIpv4(host)) return null;
  if (portText === undefined) return host;
  const port = parsePort(portText);
  return port === null ? null : `${host}:${port}`;
}

/**
 * Parses `DNS_SERVERS` (comma-separated `ip`, `ip:port`, `v6`, `[v6]` or `[v6]:port`) into the
 * form `Resolver#setServers` takes. Servers must be IP addresses: naming a DNS server would need
 * DNS. An empty value means "use the system's servers".
 */
export function parseDnsServers(raw: string): DnsServersResult {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const servers: string[] = [];
  const errors: string[] = [];
  for (const entry of entries) {
    const server = parseServer(entry);
    if (server === null) errors.push(`"${entry}" is not an IP address with an optional port (ip, ip:port, [v6]:port)`);
    else servers.push(server);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, servers };
}
