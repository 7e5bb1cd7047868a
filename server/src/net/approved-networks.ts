import type ipaddr from 'ipaddr.js';
import { domainKey, toAsciiDomain } from './domain-name';
import { hardDenyReason } from './hard-deny';
import { approvedEntryProblem } from './approved-entry-problem';
import { parseCanonicalIp, unwrapMapped, type IpAddress } from './ip-literal';

/** One parsed approved-network entry, in GitLab's allowlist grammar. */
export type ApprovedEntry =
  { kind: 'ip'; raw: string; network: IpAddress; prefix: number; port: number | null } | { kind: 'domain'; raw: string; domain: string; port: number | null };

/** A compiled approved-network list: which entries parsed, which were ignored, and the matcher. */
export interface ApprovedNetworks {
  readonly entries: readonly ApprovedEntry[];
  readonly ignored: readonly string[];
  /**
   * The entry that approves dialling `address` for `host` on `port`, or null. An address in the
   * hard-deny set is never approved, whatever the entries say.
   */
  approve(target: { host: string; address: string; port: number }): ApprovedEntry | null;
  /** Entries covering `address` for `host` on any port (hard-deny excluded), to explain refusals. */
  covering(target: { host: string; address: string }): ApprovedEntry[];
}

function parsePort(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function ipEntry(raw: string, addressText: string, prefixText: string | null, port: number | null): ApprovedEntry | null {
  const parsed = parseCanonicalIp(addressText);
  if (!parsed) return null;
  const max = parsed.kind() === 'ipv4' ? 32 : 128;
  let prefix = max;
  if (prefixText !== null) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
    prefix = Number(prefixText);
  }
  const network = unwrapMapped(parsed);
  // A mapped entry (::ffff:a.b.c.d/104) approves the IPv4 range it names, as addresses are unwrapped.
  if (network !== parsed) {
    if (prefix < 96) return null;
    prefix -= 96;
  }
  return { kind: 'ip', raw, network, prefix, port };
}

/**
 * Parses one approved-network entry: IP, CIDR, `ip:port`, `[v6]:port`, exact domain or
 * `domain:port`, case-insensitive, IDN as punycode. Returns null for garbage, which never matches.
 */
export function parseApprovedEntry(input: string): ApprovedEntry | null {
  const raw = input.trim();
  const text = raw.toLowerCase();
  if (text.length === 0 || text.length > 300) return null;
  const cidr = /^([^/]+)\/([^/]*)$/.exec(text);
  if (cidr) return ipEntry(raw, cidr[1] ?? '', cidr[2] ?? '', null);
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(text);
  if (bracketed) {
    const port = parsePort(bracketed[2]);
    const inner = bracketed[1] ?? '';
    if (port === undefined || parseCanonicalIp(inner)?.kind() !== 'ipv6') return null;
    return ipEntry(raw, inner, null, port);
  }
  if (parseCanonicalIp(text)) return ipEntry(raw, text, null, null);
  const withPort = /^([^:]+):([^:]*)$/.exec(text);
  const hostText = withPort ? (withPort[1] ?? '') : text;
  const port = parsePort(withPort ? withPort[2] : undefined);
  if (port === undefined || hostText.includes(':')) return null;
  if (parseCanonicalIp(hostText)) return ipEntry(raw, hostText, null, port);
  const domain = toAsciiDomain(hostText);
  // A name the URL parser reads as an IP (e.g. "127.1") is notation, not a domain: refuse it.
  if (domain === null || parseCanonicalIp(domain)) return null;
  return { kind: 'domain', raw, domain: domainKey(domain), port };
}

function portMatches(entry: ApprovedEntry, port: number): boolean {
  return entry.port === null || entry.port === port;
}

/** Compiles approved-network entries once into a matcher; garbage and over-wide entries are set aside. */
export function compileApprovedNetworks(entries: readonly string[]): ApprovedNetworks {
  const parsed: ApprovedEntry[] = [];
  const ignored: string[] = [];
  for (const entry of entries) {
    const result = typeof entry === 'string' ? parseApprovedEntry(entry) : null;
    // An entry that opens too much (stored before the width rule, or slipped in otherwise) never matches.
    if (result && approvedEntryProblem(result) === null) parsed.push(result);
    else ignored.push(String(entry));
  }
  function covering(host: string, address: string): ApprovedEntry[] {
    if (parsed.length === 0) return [];
    const ip = parseCanonicalIp(address);
    if (!ip || hardDenyReason(ip) !== null) return [];
    const unwrapped = unwrapMapped(ip);
    const hostKey = domainKey(host);
    return parsed.filter((entry) =>
      entry.kind === 'domain'
        ? entry.domain === hostKey
        : entry.network.kind() === unwrapped.kind() && (unwrapped as ipaddr.IPv4).match(entry.network as ipaddr.IPv4, entry.prefix),
    );
  }
  return {
    entries: parsed,
    ignored,
    approve({ host, address, port }) {
      return covering(host, address).find((entry) => portMatches(entry, port)) ?? null;
    },
    covering({ host, address }) {
      return covering(host, address);
    },
  };
}
