import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createTestCertificates, type TestCertificates } from '../support/test-ca';
import {
  DEFAULT_PROJECT_PERMISSIONS,
  buildProject,
  buildSite,
  createCloudState,
  opaqueSecret,
  type FakeCloudState,
  type FakeForgeInstallation,
  type FakeOAuthClient,
  type FakeOAuthConsent,
  type FakeProject,
  type FakeSite,
  type FakeUser,
  type ProjectSeed,
} from './fake-atlassian-cloud-state';
import { createFaultQueue, faultReply, type FailureRule } from './fake-atlassian-faults';
import { FORGE_JWKS_PATH, createHostRouter, type CloudHostRole } from './fake-atlassian-hosts';
import { jsonReply, type FakeRequest, type Reply } from './fake-http-reply';
import { mintAccessToken, type TokenMinter } from './fake-atlassian-oauth';
import { signRs256 } from './test-jwt';

export { FORGE_JWKS_PATH, type CloudHostRole } from './fake-atlassian-hosts';
export type { FailureRule } from './fake-atlassian-faults';

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
  issueForgeTokens(options: { installationId: string; principal?: string; systemTtlSeconds?: number; userTtlSeconds?: number }): {
    systemToken: string;
    userToken?: string;
  };
  /** Revokes any access token, refresh token or API token. */
  revokeToken(token: string): void;
  failNext(rule: FailureRule): { remaining(): number };
  clearFailures(): void;
  /** Requests that reached a role or hostname, optionally under a path prefix. */
  requestsTo(host: CloudHostRole | string, pathPrefix?: string): CloudRequestRecord[];
  close(): Promise<void>;
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
  const tls =
    options.tls ??
    (await createTestCertificates({
      dnsNames: [...new Set([hostnames.api, hostnames.auth, hostnames.jwks, `*.${siteDomain}`, ...(options.extraDnsNames ?? [])])],
      ipAddresses: [...new Set(['127.0.0.1', ...(options.listen?.host && isIP(options.listen.host) ? [options.listen.host] : [])])],
    }));
  const state = createCloudState(now);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mint: TokenMinter = (claims) => signRs256({ alg: 'RS256', kid: 'fake-atlassian-tokens', typ: 'JWT' }, claims, privateKey);
  const requests: CloudRequestRecord[] = [];
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
  const urls = {
    api: origin(hostnames.api),
    auth: origin(hostnames.auth),
    jwks: origin(hostnames.jwks),
    jwksUrl: `${origin(hostnames.jwks)}${FORGE_JWKS_PATH}`,
  };
  const siteUrl = (cloudId: string) => {
    const site = state.sites.get(cloudId);
    if (!site) throw new Error(`no site ${cloudId}`);
    return site.urlOverride ?? origin(site.hostname);
  };

  const router = createHostRouter({
    state,
    mint,
    hostnames,
    apiOrigin: urls.api,
    siteUrl,
    jwks: () => {
      jwksFetches += 1;
      return jwks?.();
    },
  });
  const faults = createFaultQueue();

  server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const hostname = (incoming.headers.host ?? '')
        .replace(/:\d+$/, '')
        .replace(/^\[|\]$/g, '')
        .toLowerCase();
      const servername = (incoming.socket as TLSSocket).servername || undefined;
      const request: FakeRequest = {
        hostname,
        method: (incoming.method ?? 'GET').toUpperCase(),
        url: new URL(incoming.url ?? '/', `https://${hostname || 'unknown'}`),
        headers: incoming.headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
      };
      const { role, site } = router.roleOf(hostname);
      const record: CloudRequestRecord = {
        at: now(),
        hostname,
        role,
        servername,
        method: request.method,
        path: incoming.url ?? '/',
        headers: incoming.headers,
        body: request.bodyText,
        status: 0,
      };
      requests.push(record);
      const answer = (reply: Reply) => {
        record.status = reply.status;
        response.writeHead(reply.status, reply.headers).end(reply.body);
      };
      if (servername && servername.toLowerCase() !== hostname) return answer(jsonReply(421, { message: `SNI ${servername} does not match Host ${hostname}` }));
      const rule = role === 'unknown' ? undefined : faults.take(role, request);
      if (rule?.kind === 'drop-before') return void incoming.socket.destroy();
      if (rule?.kind === 'delay') return void setTimeout(() => answer(router.dispatch(role, site, request)), rule.delayMs ?? 1000);
      const dropAfter = rule?.kind === 'drop-after';
      const reply = rule && !dropAfter ? faultReply(rule, now()) : router.dispatch(role, site, request);
      if (dropAfter) return void incoming.socket.destroy();
      answer(reply);
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
    const client: FakeOAuthClient = {
      clientId: seed.clientId ?? `client-${randomUUID()}`,
      clientSecret: seed.clientSecret ?? opaqueSecret('cs-'),
      redirectUris: seed.redirectUris ?? [],
    };
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
      state.apiTokens.set(token, {
        token,
        accountId,
        scoped: tokenOptions.scoped ?? false,
        revoked: false,
        ...(tokenOptions.expiresAt !== undefined ? { expiresAt: tokenOptions.expiresAt } : {}),
      });
      return token;
    },
    issueAccessToken({ accountId, cloudIds, scopes, ttlSeconds }) {
      const user = state.users.get(accountId);
      return mintAccessToken(state, mint, {
        kind: 'oauth',
        accountId,
        cloudIds: cloudIds ?? [...(user?.sites ?? [])],
        scopes: scopes ?? ['read:jira-user', 'read:jira-work', 'write:jira-work', 'offline_access'],
        ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
      }).token;
    },
    installApp({ cloudId, installationId, scopes }) {
      if (!state.sites.has(cloudId)) throw new Error(`no site ${cloudId}`);
      const appUser = addUser({ accountId: `557058:${randomUUID()}`, accountType: 'app', displayName: 'WebRiskOps', sites: [cloudId] });
      const installation: FakeForgeInstallation = {
        installationId: installationId ?? `ari:cloud:ecosystem::installation/${randomUUID()}`,
        cloudId,
        appAccountId: appUser.accountId,
        active: true,
        scopes: scopes ?? APP_SCOPES,
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
      const systemToken = mintAccessToken(state, mint, {
        kind: 'forge-system',
        accountId: installation.appAccountId,
        ...common,
        ttlSeconds: systemTtlSeconds ?? 3 * 3600,
      }).token;
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
    failNext: (rule) => faults.add(rule),
    clearFailures: () => faults.clear(),
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
