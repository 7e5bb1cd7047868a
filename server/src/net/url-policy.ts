import { isValidDomainName } from './domain-name';
import { isCanonicalIpv4 } from './ip-literal';

/** Why a URL was refused before any address was looked at. */
export type UrlRule = 'invalid-url' | 'control-characters' | 'scheme' | 'userinfo' | 'host' | 'notation' | 'port' | 'query' | 'fragment';

/** What kind of host a URL names. */
export type HostKind = 'domain' | 'ipv4' | 'ipv6';

/** A URL that passed the syntactic policy; `host` carries no IPv6 brackets. */
export interface ParsedTargetUrl {
  ok: true;
  url: URL;
  normalized: string;
  scheme: 'https' | 'http';
  host: string;
  hostKind: HostKind;
  port: number;
}

/** A URL refused by the syntactic policy, with the rule and a reason a person understands. */
export interface RefusedTargetUrl {
  ok: false;
  rule: UrlRule;
  reason: string;
}

/**
 * `allowHttp` lets `http` through this stage only so that `checkUrl` can accept it for approved
 * (tunnel) networks. `purpose: 'base'` (default) is a Jira base URL: no query, path without
 * trailing slash. `purpose: 'request'` is a URL safeFetch calls or a redirect hop: a query is kept.
 */
export interface ParseTargetUrlOptions {
  allowHttp: boolean;
  purpose?: 'base' | 'request';
}

const MAX_URL_LENGTH = 2048;
// Whitespace, C0/C1 controls and invisible format characters (soft hyphen, zero-width, bidi).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/u;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

function refuse(rule: UrlRule, reason: string): RefusedTargetUrl {
  return { ok: false, rule, reason };
}

function splitAuthority(raw: string, schemeLength: number): { authority: string; rawHost: string } {
  const rest = raw.slice(schemeLength + 3);
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  const rawHost = hostAndPort.startsWith('[') ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1) : (hostAndPort.split(':')[0] ?? '');
  return { authority, rawHost };
}

function hostCheck(hostname: string, rawHost: string): { kind: HostKind; host: string } | RefusedTargetUrl {
  if (hostname === '') return refuse('host', 'The URL has no host.');
  if (hostname.startsWith('[')) return { kind: 'ipv6', host: hostname.slice(1, -1) };
  if (isCanonicalIpv4(hostname)) {
    if (rawHost !== hostname) {
      return refuse(
        'notation',
        `The host "${rawHost}" is an IPv4 address in non-standard notation (it means ${hostname}); write addresses as four decimal numbers.`,
      );
    }
    return { kind: 'ipv4', host: hostname };
  }
  if (rawHost.includes('%')) return refuse('notation', 'The host is percent-encoded; write the host name plainly.');
  if (!isValidDomainName(hostname)) return refuse('host', `"${hostname}" is not a valid host name.`);
  return { kind: 'domain', host: hostname };
}

/**
 * Applies the syntactic half of the egress policy to a URL typed by a person: WHATWG parsing,
 * https only, port 443 or 1024-65535 (also for http, so http needs an explicit port), no userinfo,
 * no control characters, canonical IPv4 only. A query or fragment is refused, never stripped, so
 * `https://jira.example.com?@127.0.0.1/` cannot turn into a valid base URL by truncation.
 * It resolves nothing; `checkUrl` judges the addresses.
 */
export function parseTargetUrl(raw: string, opts: ParseTargetUrlOptions): ParsedTargetUrl | RefusedTargetUrl {
  if (typeof raw !== 'string' || raw.length === 0) return refuse('invalid-url', 'The URL is empty.');
  if (raw.length > MAX_URL_LENGTH) return refuse('invalid-url', `The URL is longer than ${MAX_URL_LENGTH} characters.`);
  if (INVISIBLE.test(raw)) {
    return refuse('control-characters', 'The URL contains whitespace, control or invisible characters.');
  }
  if (raw.includes('\\')) return refuse('invalid-url', 'The URL contains a backslash.');
  const schemeMatch = SCHEME.exec(raw);
  if (!schemeMatch) return refuse('invalid-url', 'The URL must be absolute and start with https://.');
  const scheme = (schemeMatch[1] ?? '').toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') {
    return refuse('scheme', `The scheme "${scheme}" is not allowed; only https is.`);
  }
  if (scheme === 'http' && !opts.allowHttp) {
    return refuse('scheme', 'Plain http is not allowed; use https (http is possible only inside an approved network).');
  }
  if (raw.slice(scheme.length + 1, scheme.length + 3) !== '//') {
    return refuse('invalid-url', `The URL must start with ${scheme}:// followed by the host.`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('invalid-url', 'The URL cannot be parsed.');
  }
  const { authority, rawHost } = splitAuthority(raw, scheme.length);
  if (authority.includes('@') || url.username !== '' || url.password !== '') {
    return refuse('userinfo', 'The URL carries a user name or password (user@host); credentials belong in their own fields.');
  }
  const host = hostCheck(url.hostname, rawHost);
  if ('ok' in host) return host;
  const port = url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port);
  if (port !== 443 && (port < 1024 || port > 65535)) {
    return refuse('port', `Port ${port} is not allowed; use 443 or a port from 1024 to 65535.`);
  }
  const purpose = opts.purpose ?? 'base';
  if (raw.includes('#')) return refuse('fragment', 'The URL must not carry a fragment (#...).');
  if (purpose === 'base' && raw.includes('?')) {
    return refuse('query', 'A base URL must not carry a query (?...).');
  }
  const path = purpose === 'base' ? url.pathname.replace(/\/+$/, '') : url.pathname + url.search;
  const normalized = `${scheme}://${url.host}${path}`;
  return { ok: true, url, normalized, scheme, host: host.host, hostKind: host.kind, port };
}
