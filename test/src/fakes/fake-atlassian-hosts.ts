import type { FakeCloudState, FakeSite, FakeUser } from './fake-atlassian-cloud-state';
import { GATEWAY_UNAUTHORIZED, accessibleResources, bearerToken, handleAuthHost, type TokenMinter } from './fake-atlassian-oauth';
import { header, jiraError, jsonReply, type FakeRequest, type Reply } from './fake-http-reply';
import { handleJiraRest, type JiraCaller } from './fake-jira-cloud-rest';

/** Which stand-in a request reached. */
export type CloudHostRole = 'api' | 'auth' | 'jwks' | 'site' | 'unknown';

/** Forge's JWKS path on its CDN host (forge-remote.md §3). */
export const FORGE_JWKS_PATH = '/.well-known/jwks.json';

/** What the router needs from the running fake. */
export interface HostRouterDeps {
  state: FakeCloudState;
  mint: TokenMinter;
  hostnames: { api: string; auth: string; jwks: string };
  apiOrigin: string;
  siteUrl: (cloudId: string) => string;
  /** The JWKS to serve, or undefined (404); called once per fetch. */
  jwks: () => unknown;
}

/** Routes a request by its Host to the api gateway, the auth host, the JWKS host or a site. */
export interface HostRouter {
  roleOf(hostname: string): { role: CloudHostRole; site?: FakeSite };
  dispatch(role: CloudHostRole, site: FakeSite | undefined, request: FakeRequest): Reply;
}

/** Builds the router over the fake's state. */
export function createHostRouter(deps: HostRouterDeps): HostRouter {
  const { state, mint, hostnames, siteUrl } = deps;
  const now = () => state.now();

  function roleOf(hostname: string): { role: CloudHostRole; site?: FakeSite } {
    if (hostname === hostnames.api) return { role: 'api' };
    if (hostname === hostnames.auth) return { role: 'auth' };
    if (hostname === hostnames.jwks) return { role: 'jwks' };
    const site = [...state.sites.values()].find((candidate) => candidate.hostname === hostname);
    return site ? { role: 'site', site } : { role: 'unknown' };
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
    return handleJiraRest(
      { state, site, caller, base: { restBase: `${deps.apiOrigin}/ex/jira/${site.cloudId}/rest/api/3`, siteUrl: siteUrl(site.cloudId) } },
      request,
      rest[1]!,
    );
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
      case 'api':
        return handleApi(request);
      case 'auth':
        return handleAuthHost(state, request, mint);
      case 'site':
        return handleSite(request, site!);
      case 'jwks': {
        if (request.method !== 'GET' || request.url.pathname !== FORGE_JWKS_PATH) return jsonReply(404, { message: 'Not Found' });
        const jwks = deps.jwks();
        return jwks === undefined ? jsonReply(404, { message: 'Not Found' }) : jsonReply(200, jwks, { 'cache-control': 'public, max-age=300' });
      }
      default:
        return jsonReply(421, { message: `This server does not serve ${request.hostname}` });
    }
  }

  return { roleOf, dispatch };
}
