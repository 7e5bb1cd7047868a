import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createTestCertificates, type TestCertificates } from '../support/test-ca';
import {
  DEFAULT_PROJECT_PERMISSIONS, buildProject, buildSite, createCloudState, opaqueSecret,
  type FakeCloudState, type FakeForgeInstallation, type FakeOAuthClient, type FakeOAuthConsent, type FakeProject, type FakeSite, type FakeUser, type ProjectSeed,
} from './fake-atlassian-cloud-state';
import { header, jiraError, jsonReply, type FakeRequest, type Reply } from './fake-http-reply';
import { GATEWAY_UNAUTHORIZED, accessibleResources, bearerToken, handleAuthHost, mintAccessToken, type TokenMinter } from './fake-atlassian-oauth';
import { handleJiraRest, type JiraCaller } from './fake-jira-cloud-rest';
import { signRs256 } from './test-jwt';

/** Which stand-in a request reached. */
export type CloudHostRole = 'api' | 'auth' | 'jwks' | 'site' | 'unknown';

/** Forge's JWKS path on its CDN host (forge-remote.md §3). */
export const FORGE_JWKS_PATH = '/.well-known/jwks.json';

/** One request the fake received, with every header (tokens included: tests only). */
export interface CloudRequestRecord {
  at: number;
  hostname: string;
  role: CloudHostRole;
  /** SNI the client sent, or undefined. */
  servername: string | undefined;
  method: string;
  /** Path and query. */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** 0 when the connection was dropped instead of answered. */
  status: number;
}

/** A fault to inject into the next matching requests. */
export interface FailureRule {
  /** A role or an exact hostname; default any. */
  host?: CloudHostRole | string;
  method?: string;
  /** A pathname prefix or a pattern tested against the pathname. */
  path?: string | RegExp;
  /** How many matching requests fail; default 1 (use `Infinity` for all). */
  times?: number;
  /**
   * `rate-limit`: 429 with Retry-After and Jira's rate-limit headers. `status`: the given 4xx/5xx with a Jira error
   * body. `html-401`: an HTML 401 page. `drop-before`: connection destroyed before handling. `drop-after`: handled (a
   * create really happens) and then the connection is destroyed: the lost answer.
   */
  kind: 'rate-limit' | 'status' | 'html-401' | 'drop-before' | 'drop-after';
  status?: number;
  retryAfterSeconds?: number;
}

/** Seeds for one user. */
export interface UserSeed {
  accountId?: string;
  email?: string;
  displayName?: string;
  accountType?: 'atlassian' | 'app';
  /** cloudIds the user may use; default every site that exists now. */
  sites?: string[];
  /** `true`: Jira administrator on all of `sites`; or the cloudIds where they are. */
  admin?: boolean | string[];
  projectPermissions?: string[];
}

/** Options of {@link startFakeAtlassianCloud}. */
export interface FakeAtlassianCloudOptions {
  /** Where the one HTTPS server listens; default 127.0.0.1, a free port. */
  listen?: { host?: string; port?: number };
  /** Hostnames of the stand-ins; defaults `api.atlassian.test`, `auth.atlassian.test`, `forge.cdn.atlassian.test`. */
  hostnames?: { api?: string; auth?: string; jwks?: string };
  /** Sites are `<name>.<siteDomain>`; the certificate covers `*.<siteDomain>`. Default `atlassian.test`. */
  siteDomain?: string;
  /** Extra names the certificate must cover (custom-domain sites). */
  extraDnsNames?: string[];
  /** Reuse certificates (e.g. one CA for every fake in a test); default a fresh test CA. */
  tls?: TestCertificates;
  /** What the JWKS host serves (e.g. `signer.jwks`); absent: 404. */
  jwks?: () => unknown;
  now?: () => number;
  /** Seed site `acme` with project SEC, an admin, a member and an OAuth client; default true. */
  seed?: boolean;
}

/** The seeded defaults (present unless `seed: false`). */
export interface FakeCloudDefaults {
  site: FakeSite;
  admin: FakeUser;
  member: FakeUser;
  oauthClient: FakeOAuthClient;
}

/** A running fake of Atlassian's cloud: auth, api gateway (3LO, Forge tokens, scoped API tokens), sites, JWKS. */
export interface FakeAtlassianCloud {
  readonly port: number;
  readonly listenHost: string;
  /** PEM of the CA that signed the server certificate. */
  readonly ca: string;
  readonly tls: TestCertificates;
  readonly hostnames: { api: string; auth: string; jwks: string };
  /** Origins with port: what `ATLASSIAN_API_URL`, `ATLASSIAN_AUTH_URL` and `FORGE_JWKS_URL` point at. */
  readonly urls: { api: string; auth: string; jwks: string; jwksUrl: string };
  readonly state: FakeCloudState;
  readonly requests: readonly CloudRequestRecord[];
  readonly jwksFetches: number;
  readonly defaults: FakeCloudDefaults;
  siteUrl(cloudId: string): string;
  /** `ATLASSIAN_API_URL/ex/jira/<cloudId>`: the FIT's apiBaseUrl. */
  apiBaseUrl(cloudId: string): string;
  addSite(seed: { name: string; cloudId?: string; hostname?: string; urlOverride?: string; projects?: ProjectSeed[] }): FakeSite;
  addProject(cloudId: string, seed: ProjectSeed): FakeProject;
  addUser(seed?: UserSeed): FakeUser;
  setAdmin(accountId: string, cloudId: string, admin: boolean): void;
  addOAuthClient(seed?: Partial<FakeOAuthClient>): FakeOAuthClient;
  /** Who consents at `/authorize` next (undefined: every authorize answers access_denied). */
  setConsent(consent: FakeOAuthConsent | undefined): void;
  setRejectRefresh(reject: boolean): void;
  setJwks(jwks: (() => unknown) | undefined): void;
  /** An API token for basic auth: unscoped (site only) or scoped (api gateway only). */
  issueApiToken(accountId: string, options?: { scoped?: boolean; expiresAt?: number }): string;
  /** A 3LO access token without the browser dance. */
  issueAccessToken(options: { accountId: string; cloudIds?: string[]; scopes?: string[]; ttlSeconds?: number }): string;
  /** Installs the Forge app on a site: a new installation id and app (bot) user. */
  installApp(options: { cloudId: string; installationId?: string; scopes?: string[] }): FakeForgeInstallation;
  /** Uninstalls: every Forge token of the installation stops working. */
  uninstallApp(installationId: string): void;
  /** The app system token (and the user token when `principal` is given) Forge would put in the headers. */
  issueForgeTokens(options: { installationId: string; principal?: string; systemTtlSeconds?: number; userTtlSeconds?: number }): { systemToken: string; userToken?: string };
  /** Revokes any access token, refresh token or API token. */
  revokeToken(token: string): void;
  failNext(rule: FailureRule): { remaining(): number };
  clearFailures(): void;
  /** Requests that reached a role or hostname, optionally under a path prefix. */
  requestsTo(host: CloudHostRole | string, pathPrefix?: string): CloudRequestRecord[];
  close(): Promise<void>;
}

interface ActiveRule extends FailureRule {
  left: number;
}

const APP_SCOPES = ['read:jira-work', 'write:jira-work'];

/** Starts the fake on loopback with a certificate for every stand-in hostname. */
export async function startFakeAtlassianCloud(options: FakeAtlassianCloudOptions = {}): Promise<FakeAtlassianCloud> {
  const now = options.now ?? Date.now;
  const siteDomain = (options.siteDomain ?? 'atlassian.test').toLowerCase();
  const hostnames = {
    api: (options.hostnames?.api ?? 'api.atlassian.test').toLowerCase(),
    auth: (options.hostnames?.auth ?? 'auth.atlassian.test').toLowerCase(),
    jwks: (options.hostnames?.jwks ?? 'forge.cdn.atlassian.test').toLowerCase(),
  };
  const tls = options.tls ?? await createTestCertificates({
    dnsNames: [...new Set([hostnames.api, hostnames.auth, hostnames.jwks, `*.${siteDomain}`, ...(options.extraDnsNames ?? [])])],
    ipAddresses: ['127.0.0.1'],
  });
  const state = createCloudState(now);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mint: TokenMinter = (claims) => signRs256({ alg: 'RS256', kid: 'fake-atlassian-tokens', typ: 'JWT' }, claims, privateKey);
  const requests: CloudRequestRecord[] = [];
  let rules: ActiveRule[] = [];
  let jwks = options.jwks;
  let jwksFetches = 0;
  let projectIds = 10000;

  const server: Server = createServer({ key: tls.key, cert: tls.cert });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.listen?.host ?? '127.0.0.1', port: options.listen?.port ?? 0 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = (hostname: string) => `https://${hostname}${port === 443 ? '' : `:${port}`}`;
  const urls = { api: origin(hostnames.api), auth: origin(hostnames.auth), jwks: origin(hostnames.jwks), jwksUrl: `${origin(hostnames.jwks)}${FORGE_JWKS_PATH}` };
  const siteUrl = (cloudId: string) => {
    const site = state.sites.get(cloudId);
    if (!site) throw new Error(`no site ${cloudId}`);
    return site.urlOverride ?? origin(site.hostname);
  };

  function roleOf(hostname: string): { role: CloudHostRole; site?: FakeSite } {
    if (hostname === hostnames.api) return { role: 'api' };
    if (hostname === hostnames.auth) return { role: 'auth' };
    if (hostname === hostnames.jwks) return { role: 'jwks' };
    const site = [...state.sites.values()].find((candidate) => candidate.hostname === hostname);
    return site ? { role: 'site', site } : { role: 'unknown' };
  }

  function matchingRule(role: CloudHostRole, request: FakeRequest): ActiveRule | undefined {
    const rule = rules.find((candidate) => candidate.left > 0
      && (!candidate.host || candidate.host === role || candidate.host === request.hostname)
      && (!candidate.method || candidate.method.toUpperCase() === request.method)
      && (!candidate.path || (typeof candidate.path === 'string' ? request.url.pathname.startsWith(candidate.path) : candidate.path.test(request.url.pathname))));
    if (rule) rule.left -= 1;
    return rule;
  }

  function faultReply(rule: ActiveRule): Reply {
    if (rule.kind === 'rate-limit') {
      const retryAfter = rule.retryAfterSeconds ?? 1;
      return jiraError(429, ['Rate limit exceeded.'], {}, {
        'retry-after': String(retryAfter), 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(now() + retryAfter * 1000).toISOString(), 'ratelimit-reason': 'jira-burst-based',
      });
    }
    if (rule.kind === 'html-401') {
      return { status: 401, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: '<html><head><title>Unauthorized (401)</title></head><body><h1>Unauthorized (401)</h1></body></html>' };
    }
    const status = rule.status ?? 503;
    return jiraError(status, [status >= 500 ? 'Internal server error' : 'Request failed'], {}, rule.retryAfterSeconds !== undefined ? { 'retry-after': String(rule.retryAfterSeconds) } : {});
  }

  function gatewayCaller(request: FakeRequest, site: FakeSite): JiraCaller | Reply {
    const access = bearerToken(state, request);
    if (access) {
      if (!access.cloudIds.includes(site.cloudId)) return jsonReply(401, GATEWAY_UNAUTHORIZED);
      if (access.installationId && !state.installations.get(access.installationId)?.active) return jsonReply(401, GATEWAY_UNAUTHORIZED);
      return { user: state.users.get(access.accountId), scopes: access.scopes, failedCredentials: false };
    }
    const basic = basicUser(request, true);
    if (basic) return { user: basic, scopes: undefined, failedCredentials: false };
    return jsonReply(401, GATEWAY_UNAUTHORIZED);
  }

  function basicUser(request: FakeRequest, scoped: boolean): FakeUser | undefined {
    const match = /^Basic\s+(\S+)$/i.exec(header(request, 'authorization') ?? '');
    if (!match) return undefined;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const email = decoded.slice(0, colon).toLowerCase();
    const apiToken = state.apiTokens.get(decoded.slice(colon + 1));
    if (!apiToken || apiToken.revoked || apiToken.scoped !== scoped || (apiToken.expiresAt !== undefined && apiToken.expiresAt <= now())) return undefined;
    const user = state.users.get(apiToken.accountId);
    return user?.email?.toLowerCase() === email ? user : undefined;
  }

  function handleApi(request: FakeRequest): Reply {
    const path = request.url.pathname;
    if (path === '/oauth/token/accessible-resources' && request.method === 'GET') return accessibleResources(state, request, siteUrl);
    const match = /^\/ex\/jira\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) return jsonReply(404, { code: 404, message: 'Not Found' });
    const site = state.sites.get(match[1]!);
    if (!site) return jsonReply(404, { errorMessages: ['Site not found'], errors: {} });
    const caller = gatewayCaller(request, site);
    if ('status' in caller) return caller;
    const rest = /^\/rest\/api\/3(\/.*)$/.exec(match[2] ?? '');
    if (!rest) return jiraError(404, [`null for uri: ${request.url.href}`]);
    return handleJiraRest({ state, site, caller, base: { restBase: `${urls.api}/ex/jira/${site.cloudId}/rest/api/3`, siteUrl: siteUrl(site.cloudId) } }, request, rest[1]!);
  }

  function handleSite(request: FakeRequest, site: FakeSite): Reply {
    const path = request.url.pathname;
    if (path === '/_edge/tenant_info' && request.method === 'GET') return jsonReply(200, { cloudId: site.cloudId });
    const rest = /^\/rest\/api\/3(\/.*)$/.exec(path);
    if (!rest) return { status: 404, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: '<html><body>Page not found</body></html>' };
    const user = basicUser(request, false);
    const caller: JiraCaller = { user, scopes: undefined, failedCredentials: !user && header(request, 'authorization') !== undefined };
    const base = siteUrl(site.cloudId);
    return handleJiraRest({ state, site, caller, base: { restBase: `${base}/rest/api/3`, siteUrl: base } }, request, rest[1]!);
  }

  function dispatch(role: CloudHostRole, site: FakeSite | undefined, request: FakeRequest): Reply {
    switch (role) {
      case 'api': return handleApi(request);
      case 'auth': return handleAuthHost(state, request, mint);
      case 'site': return handleSite(request, site!);
      case 'jwks':
        if (request.method !== 'GET' || request.url.pathname !== FORGE_JWKS_PATH) return jsonReply(404, { message: 'Not Found' });
        jwksFetches += 1;
        return jwks ? jsonReply(200, jwks(), { 'cache-control': 'public, max-age=300' }) : jsonReply(404, { message: 'Not Found' });
      default:
        return jsonReply(421, { message: `This server does not serve ${request.hostname}` });
    }
  }

  server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const hostname = (incoming.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
      const servername = (incoming.socket as TLSSocket).servername || undefined;
      const request: FakeRequest = {
        hostname,
        method: (incoming.method ?? 'GET').toUpperCase(),
        url: new URL(incoming.url ?? '/', `https://${hostname || 'unknown'}`),
        headers: incoming.headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
      };
      const { role, site } = roleOf(hostname);
      const record: CloudRequestRecord = { at: now(), hostname, role, servername, method: request.method, path: incoming.url ?? '/', headers: incoming.headers, body: request.bodyText, status: 0 };
      requests.push(record);
      let reply: Reply;
      let dropAfter = false;
      if (servername && servername.toLowerCase() !== hostname) {
        reply = jsonReply(421, { message: `SNI ${servername} does not match Host ${hostname}` });
      } else {
        const rule = role === 'unknown' ? undefined : matchingRule(role, request);
        if (rule?.kind === 'drop-before') return void incoming.socket.destroy();
        dropAfter = rule?.kind === 'drop-after';
        reply = rule && !dropAfter ? faultReply(rule) : dispatch(role, site, request);
      }
      if (dropAfter) return void incoming.socket.destroy();
      record.status = reply.status;
      response.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });

  function addUser(seed: UserSeed = {}): FakeUser {
    const sites = new Set(seed.sites ?? [...state.sites.keys()]);
    const adminOf = new Set(seed.admin === true ? sites : Array.isArray(seed.admin) ? seed.admin : []);
    const user: FakeUser = {
      accountId: seed.accountId ?? `712020:${randomUUID()}`,
      accountType: seed.accountType ?? 'atlassian',
      ...(seed.email !== undefined || seed.accountType !== 'app' ? { email: seed.email ?? `user-${state.users.size + 1}@example.test` } : {}),
      displayName: seed.displayName ?? seed.email ?? 'Test User',
      sites,
      adminOf,
      projectPermissions: new Set(seed.projectPermissions ?? DEFAULT_PROJECT_PERMISSIONS),
    };
    state.users.set(user.accountId, user);
    return user;
  }

  function addProject(cloudId: string, seed: ProjectSeed): FakeProject {
    const site = state.sites.get(cloudId);
    if (!site) throw new Error(`no site ${cloudId}`);
    const project = buildProject(seed, String(projectIds++));
    site.projects.set(project.key, project);
    return project;
  }

  function addSite(seed: { name: string; cloudId?: string; hostname?: string; urlOverride?: string; projects?: ProjectSeed[] }): FakeSite {
    const site = buildSite({ ...seed, hostname: seed.hostname ?? `${seed.name}.${siteDomain}` });
    state.sites.set(site.cloudId, site);
    for (const project of seed.projects ?? []) addProject(site.cloudId, project);
    return site;
  }

  function addOAuthClient(seed: Partial<FakeOAuthClient> = {}): FakeOAuthClient {
    const client: FakeOAuthClient = { clientId: seed.clientId ?? `client-${randomUUID()}`, clientSecret: seed.clientSecret ?? opaqueSecret('cs-'), redirectUris: seed.redirectUris ?? [] };
    state.oauthClients.set(client.clientId, client);
    return client;
  }

  let defaults: FakeCloudDefaults | undefined;
  if (options.seed !== false) {
    const site = addSite({ name: 'acme', projects: [{ key: 'SEC', name: 'Security' }] });
    defaults = {
      site,
      admin: addUser({ email: 'admin@acme.test', displayName: 'Ada Admin', admin: true }),
      member: addUser({ email: 'dev@acme.test', displayName: 'Dev Member' }),
      oauthClient: addOAuthClient({ clientId: 'wro-test-client', clientSecret: 'wro-test-secret' }),
    };
  }

  return {
    port,
    listenHost: options.listen?.host ?? '127.0.0.1',
    ca: tls.ca,
    tls,
    hostnames,
    urls,
    state,
    requests,
    get jwksFetches() {
      return jwksFetches;
    },
    get defaults() {
      if (!defaults) throw new Error('started with seed: false');
      return defaults;
    },
    siteUrl,
    apiBaseUrl: (cloudId) => `${urls.api}/ex/jira/${cloudId}`,
    addSite,
    addProject,
    addUser,
    setAdmin(accountId, cloudId, admin) {
      const user = state.users.get(accountId);
      if (!user) throw new Error(`no user ${accountId}`);
      if (admin) user.adminOf.add(cloudId);
      else user.adminOf.delete(cloudId);
    },
    addOAuthClient,
    setConsent(consent) {
      state.consent = consent;
    },
    setRejectRefresh(reject) {
      state.rejectRefresh = reject;
    },
    setJwks(next) {
      jwks = next;
    },
    issueApiToken(accountId, tokenOptions = {}) {
      const token = opaqueSecret('ATATT3x');
      state.apiTokens.set(token, { token, accountId, scoped: tokenOptions.scoped ?? false, revoked: false, ...(tokenOptions.expiresAt !== undefined ? { expiresAt: tokenOptions.expiresAt } : {}) });
      return token;
    },
    issueAccessToken({ accountId, cloudIds, scopes, ttlSeconds }) {
      const user = state.users.get(accountId);
      return mintAccessToken(state, mint, {
        kind: 'oauth', accountId, cloudIds: cloudIds ?? [...(user?.sites ?? [])],
        scopes: scopes ?? ['read:jira-user', 'read:jira-work', 'write:jira-work', 'offline_access'],
        ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
      }).token;
    },
    installApp({ cloudId, installationId, scopes }) {
      if (!state.sites.has(cloudId)) throw new Error(`no site ${cloudId}`);
      const appUser = addUser({ accountId: `557058:${randomUUID()}`, accountType: 'app', displayName: 'WebRiskOps', sites: [cloudId] });
      const installation: FakeForgeInstallation = {
        installationId: installationId ?? `ari:cloud:ecosystem::installation/${randomUUID()}`,
        cloudId, appAccountId: appUser.accountId, active: true, scopes: scopes ?? APP_SCOPES,
      };
      state.installations.set(installation.installationId, installation);
      return installation;
    },
    uninstallApp(installationId) {
      const installation = state.installations.get(installationId);
      if (installation) installation.active = false;
      for (const token of state.accessTokens.values()) if (token.installationId === installationId) token.revoked = true;
    },
    issueForgeTokens({ installationId, principal, systemTtlSeconds, userTtlSeconds }) {
      const installation = state.installations.get(installationId);
      if (!installation?.active) throw new Error(`no active installation ${installationId}`);
      const common = { cloudIds: [installation.cloudId], scopes: installation.scopes, installationId };
      const systemToken = mintAccessToken(state, mint, { kind: 'forge-system', accountId: installation.appAccountId, ...common, ttlSeconds: systemTtlSeconds ?? 3 * 3600 }).token;
      if (!principal) return { systemToken };
      const userToken = mintAccessToken(state, mint, { kind: 'forge-user', accountId: principal, ...common, ttlSeconds: userTtlSeconds ?? 4 * 3600 }).token;
      return { systemToken, userToken };
    },
    revokeToken(token) {
      const access = state.accessTokens.get(token);
      if (access) access.revoked = true;
      const refresh = state.refreshTokens.get(token);
      if (refresh) refresh.state = 'revoked';
      const apiToken = state.apiTokens.get(token);
      if (apiToken) apiToken.revoked = true;
    },
    failNext(rule) {
      const active: ActiveRule = { ...rule, left: rule.times ?? 1 };
      rules.push(active);
      return { remaining: () => active.left };
    },
    clearFailures() {
      rules = [];
    },
    requestsTo(host, pathPrefix) {
      return requests.filter((record) => (record.role === host || record.hostname === host) && (!pathPrefix || record.path.startsWith(pathPrefix)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
