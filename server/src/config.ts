import { parseDnsServers } from './net/parse-dns-servers';
import { approvalProblem } from './net/approval-problem';
import { parseTargetUrl } from './net/url-policy';
import { parseTrustedProxies } from './net/forwarded-client';

/** Operator settings, parsed once at the edge: every bad key is reported in one error. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Base64 32-byte keys; the first encrypts, all decrypt (rotation). Absent: generated key file on Node. */
  masterKeys: string[];
  publicUrl: string | null;
  /** `host:port` DNS servers for the egress resolver; empty means the system's. */
  dnsServers: string[];
  /** Networks approved for every workspace (single-company deployments), GitLab allowlist grammar. */
  approvedNetworks: string[];
  /** `TRUST_PROXY`: reverse proxies (IP or CIDR) whose X-Forwarded-For names the client; empty: the socket decides. */
  trustProxy: string[];
  /** The companion's egress addresses, shown to customers who allowlist them. */
  egressIps: string[];
  /** PEM file with extra CAs trusted for Jira TLS (private CAs). */
  extraCaFile: string | null;
  /** Whether `http` may be used, and only for approved tunnel networks. */
  allowHttpForApproved: boolean;
  /** How long a recorded check counts for readiness. */
  checkMaxAgeMs: number;
  /** Whether the three attestations alone may stand for Data Center ownership (no DNS record). */
  allowAttestedOwnership: boolean;
  /** How often ready and blocked targets are checked again; 0 turns the periodic check off. */
  recheckIntervalMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  atlassian: AtlassianConfig;
  /** `DOH_URL`: DNS over HTTPS for URL checks where there is no UDP resolver (Workers). */
  dohUrl: string;
  /** `PORTABLE_EXPORT_MAX_MB`: the most a portable export request body may carry, in bytes. */
  portableExportMaxBytes: number;
  /** Jira status coming back: polling and the Data Center webhook. */
  statusSync: StatusSyncConfig;
  /** How long the Node server waits for a client: headers, the whole request, silence, keep-alive. */
  http: HttpTimeouts;
}

/** The Node server's client timeouts, in milliseconds (a slow client cannot hold a connection longer). */
export interface HttpTimeouts {
  /** `HEADERS_TIMEOUT_SECONDS`: the request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** `REQUEST_TIMEOUT_SECONDS`: the whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** `IDLE_TIMEOUT_SECONDS`: a connection with no bytes either way for this long is closed. */
  idleTimeoutMs: number;
  /** `KEEP_ALIVE_TIMEOUT_SECONDS`: an idle kept-alive connection waits this long for its next request. */
  keepAliveTimeoutMs: number;
}

/** How Jira status comes back to the companion when no push reaches it, and what a webhook must prove. */
export interface StatusSyncConfig {
  /** `STATUS_POLL_INTERVAL_MINUTES`: how often the Node server polls ready targets for status changes (0: never). */
  pollIntervalMs: number;
  /** `STATUS_POLL_MIN_SECONDS`: the least time between two polls of one target (the CLI included). */
  pollMinIntervalMs: number;
  /** `ALLOW_UNSIGNED_DC_WEBHOOKS`: accept Data Center webhooks without `X-Hub-Signature` (anyone who reaches the URL can then forge status). */
  allowUnsignedDataCenterWebhooks: boolean;
}

/** Atlassian's hosts and our app's identity: Atlassian's defaults, other hosts for staging or tests. */
export interface AtlassianConfig {
  /** `ATLASSIAN_API_URL`: the API gateway (Forge apiBaseUrl, OAuth resources, /ex/jira). */
  apiUrl: string;
  /** `ATLASSIAN_AUTH_URL`: OAuth 2.0 (3LO) authorize and token endpoints. */
  authUrl: string;
  /** `FORGE_JWKS_URL`: keys that sign Forge Invocation Tokens. */
  forgeJwksUrl: string;
  /** `FORGE_APP_ID`: our app's ARI, the `aud` of every invocation token; null turns Forge off. */
  forgeAppId: string | null;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Raw = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function isBase64Key(value: string): boolean {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return false;
  const normalized = value.replace(/-/g, '+').replace(/_/g, '/');
  return atob(normalized.padEnd(Math.ceil(normalized.length / 4) * 4, '=')).length === 32;
}

function integer(raw: Raw, key: string, fallback: number, min: number, max: number, problems: string[]): number {
  const value = raw[key]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    problems.push(`${key} must be a whole number from ${min} to ${max} (got "${value}")`);
    return fallback;
  }
  return Number(value);
}

function bool(raw: Raw, key: string, problems: string[]): boolean {
  const value = raw[key]?.trim().toLowerCase();
  if (value === undefined || value === '') return false;
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  problems.push(`${key} must be true or false (got "${raw[key]}")`);
  return false;
}

/** Parses raw settings (usually the environment); throws ConfigError naming every bad key. */
export function parseConfig(raw: Raw): Config {
  const problems: string[] = [];
  const port = integer(raw, 'PORT', 8787, 0, 65535, problems);
  const host = raw.HOST?.trim() || '127.0.0.1';
  const dataDir = raw.DATA_DIR?.trim() || './data';

  const masterKeys = list(raw.MASTER_KEY);
  masterKeys.forEach((key, index) => {
    if (!isBase64Key(key)) problems.push(`MASTER_KEY entry ${index + 1} must be base64 of exactly 32 bytes (generate one with: openssl rand -base64 32)`);
  });

  let publicUrl: string | null = null;
  if (raw.PUBLIC_URL?.trim()) {
    const typed = typedUrlProblem(raw.PUBLIC_URL.trim(), true);
    try {
      const url = new URL(raw.PUBLIC_URL.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      if (typed) throw new Error(typed);
      publicUrl = url.origin + url.pathname.replace(/\/+$/, '');
    } catch (error) {
      const why = error instanceof Error && error.message !== 'scheme' && !(error instanceof TypeError) ? `: ${error.message}` : '';
      problems.push(`PUBLIC_URL must be an absolute http(s) URL (got "${raw.PUBLIC_URL}")${why}`);
    }
  }

  const parsedDns = parseDnsServers(raw.DNS_SERVERS ?? '');
  const dnsServers = parsedDns.ok ? parsedDns.servers : [];
  if (!parsedDns.ok) parsedDns.errors.forEach((error) => problems.push(`DNS_SERVERS entry ${error}`));

  const approvedNetworks = list(raw.APPROVED_NETWORKS);
  for (const entry of approvedNetworks) {
    const problem = approvalProblem(entry);
    if (problem) problems.push(`APPROVED_NETWORKS entry "${entry}" ${problem}`);
  }
  const trustProxy = list(raw.TRUST_PROXY);
  for (const entry of parseTrustedProxies(trustProxy).bad)
    problems.push(`TRUST_PROXY entry "${entry}" must be an IP address or CIDR in canonical notation (the proxies in front of the companion)`);
  const egressIps = list(raw.EGRESS_IPS);
  const logLevel = (raw.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${raw.LOG_LEVEL}")`);
  const checkMaxAgeHours = integer(raw, 'CHECK_MAX_AGE_HOURS', 24, 1, 24 * 90, problems);
  const allowHttpForApproved = bool(raw, 'ALLOW_HTTP_FOR_APPROVED', problems);
  const allowAttestedOwnership = bool(raw, 'ALLOW_ATTESTED_OWNERSHIP', problems);
  const recheckMinutes = integer(raw, 'RECHECK_INTERVAL_MINUTES', 60, 0, 7 * 24 * 60, problems);

  const atlassian = parseAtlassian(raw, problems);
  const dohUrl = httpsUrl(raw, 'DOH_URL', 'https://cloudflare-dns.com/dns-query', problems);
  const portableExportMaxMb = integer(raw, 'PORTABLE_EXPORT_MAX_MB', 256, 1, 4096, problems);
  const http = parseHttpTimeouts(raw, problems);
  const statusSync: StatusSyncConfig = {
    pollIntervalMs: integer(raw, 'STATUS_POLL_INTERVAL_MINUTES', 15, 0, 24 * 60, problems) * 60_000,
    pollMinIntervalMs: integer(raw, 'STATUS_POLL_MIN_SECONDS', 60, 0, 24 * 3600, problems) * 1000,
    allowUnsignedDataCenterWebhooks: bool(raw, 'ALLOW_UNSIGNED_DC_WEBHOOKS', problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir,
    masterKeys,
    publicUrl,
    dnsServers,
    approvedNetworks,
    trustProxy,
    egressIps,
    extraCaFile: raw.EXTRA_CA_FILE?.trim() || null,
    allowHttpForApproved,
    checkMaxAgeMs: checkMaxAgeHours * 3_600_000,
    allowAttestedOwnership,
    recheckIntervalMs: recheckMinutes * 60_000,
    logLevel,
    atlassian,
    dohUrl,
    portableExportMaxBytes: portableExportMaxMb * 1024 * 1024,
    statusSync,
    http,
  };
}

function parseHttpTimeouts(raw: Raw, problems: string[]): HttpTimeouts {
  const headers = integer(raw, 'HEADERS_TIMEOUT_SECONDS', 10, 1, 300, problems);
  const request = integer(raw, 'REQUEST_TIMEOUT_SECONDS', 60, 1, 3600, problems);
  const idle = integer(raw, 'IDLE_TIMEOUT_SECONDS', 30, 1, 3600, problems);
  const keepAlive = integer(raw, 'KEEP_ALIVE_TIMEOUT_SECONDS', 5, 1, 600, problems);
  if (headers > request) problems.push(`HEADERS_TIMEOUT_SECONDS (${headers}) must not be longer than REQUEST_TIMEOUT_SECONDS (${request})`);
  return { headersTimeoutMs: headers * 1000, requestTimeoutMs: request * 1000, idleTimeoutMs: idle * 1000, keepAliveTimeoutMs: keepAlive * 1000 };
}

/**
 * Why a configured URL is refused when judged as typed by the rules for Jira URLs (IPv4 notation,
 * userinfo, control characters, host syntax, scheme), or null. The operator chooses ports freely.
 */
function typedUrlProblem(value: string, allowHttp: boolean): string | null {
  const typed = parseTargetUrl(value, { allowHttp, purpose: 'request' });
  return typed.ok || typed.rule === 'port' ? null : typed.reason;
}

/** An https URL the companion calls, judged as typed (see typedUrlProblem). */
function httpsUrl(raw: Raw, key: string, fallback: string, problems: string[]): string {
  const value = raw[key]?.trim() || fallback;
  const problem = typedUrlProblem(value, false);
  if (problem) {
    problems.push(`${key} must be an absolute https URL (got "${value}"): ${problem}`);
    return fallback;
  }
  return value.replace(/\/+$/, '');
}

function parseAtlassian(raw: Raw, problems: string[]): AtlassianConfig {
  const forgeAppId = raw.FORGE_APP_ID?.trim() || null;
  if (forgeAppId && !/^ari:cloud:ecosystem::app\/[0-9a-f-]{36}$/.test(forgeAppId)) {
    problems.push(`FORGE_APP_ID must be the app ARI, ari:cloud:ecosystem::app/<uuid> (got "${forgeAppId}")`);
  }
  const oauthClientId = raw.ATLASSIAN_CLIENT_ID?.trim() || null;
  const oauthClientSecret = raw.ATLASSIAN_CLIENT_SECRET?.trim() || null;
  if (Boolean(oauthClientId) !== Boolean(oauthClientSecret)) problems.push('ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET must be set together');
  return {
    apiUrl: httpsUrl(raw, 'ATLASSIAN_API_URL', 'https://api.atlassian.com', problems),
    authUrl: httpsUrl(raw, 'ATLASSIAN_AUTH_URL', 'https://auth.atlassian.com', problems),
    forgeJwksUrl: httpsUrl(raw, 'FORGE_JWKS_URL', 'https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json', problems),
    forgeAppId,
    oauthClientId,
    oauthClientSecret,
  };
}
