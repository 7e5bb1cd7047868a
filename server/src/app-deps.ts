import type { AppDeps, Egress, ForgeServices, RuntimeDeps } from './deps';
import type { Context } from 'hono';
import { listApprovedNetworksCached } from './db/cached-reads';
import type { ApprovedNetworkRow } from './db/approved-networks-repo';
import { createForgeJwks } from './forge/forge-jwks';
import { rememberInvocation } from './forge/forge-replay';
import type { ForgeVerification } from './forge/verify-forge-invocation';
import type { EgressPolicy } from './net/check-url';
import { forwardedClientAddress, parseTrustedProxies } from './net/forwarded-client';

/** Egress per workspace: global approved entries plus the workspace's own, as committed now (a revocation by the CLI is seen at once). */
function createEgress(runtime: RuntimeDeps): Egress {
  const operatorEntries = Object.freeze([...runtime.config.approvedNetworks]);
  const ownAddresses = Object.freeze([...runtime.ownAddresses]);
  // One frozen entry list per set of committed rows (the cache hands out the same array until
  // something is committed), so checkUrl compiles it once, not on every request.
  const entriesOf = new WeakMap<readonly ApprovedNetworkRow[], readonly string[]>();
  const workspaceEntries = (rows: readonly ApprovedNetworkRow[]) => {
    let entries = entriesOf.get(rows);
    if (!entries) {
      entries = Object.freeze([...operatorEntries, ...rows.flatMap((network) => network.entries)]);
      entriesOf.set(rows, entries);
    }
    return entries;
  };
  const policyFor = async (workspaceId: string | null): Promise<EgressPolicy> => ({
    resolver: runtime.resolver,
    approvedEntries: workspaceId ? workspaceEntries(await listApprovedNetworksCached(runtime.store, workspaceId)) : operatorEntries,
    allowHttpForApproved: runtime.config.allowHttpForApproved,
    ownAddresses,
    selfSockets: runtime.selfSockets,
  });
  return { policyFor, forWorkspace: async (workspaceId) => runtime.egressFetch(await policyFor(workspaceId)) };
}

/** The Forge verifier: Atlassian's key set fetched through egress (global policy) and cached by the JWKS source. */
function createForgeServices(runtime: RuntimeDeps, egress: Egress): ForgeServices {
  const { atlassian } = runtime.config;
  const getKey = createForgeJwks({
    now: () => runtime.clock.now().getTime(),
    fetchKeySet: async () => {
      const result = await (
        await egress.forWorkspace(null)
      )(atlassian.forgeJwksUrl, { method: 'GET', headers: { accept: 'application/json' }, redirect: 'refuse' });
      return result.kind === 'response' && result.status === 200 ? result.json() : null;
    },
  });
  return {
    verification: (): ForgeVerification | null =>
      atlassian.forgeAppId ? { appId: atlassian.forgeAppId, jiraApiPrefix: `${atlassian.apiUrl}/ex/jira/`, getKey, now: () => runtime.clock.now() } : null,
    rememberInvocation: (jti, expiresAt) => rememberInvocation(runtime, jti, expiresAt),
  };
}

/**
 * The client address for sign-in limits: the socket's peer, or with `TRUST_PROXY` the right-most
 * untrusted X-Forwarded-For hop. Forge routes never use this: their limits key on the verified
 * site and installation.
 */
function createClientAddressReader(runtime: RuntimeDeps): (c: Context) => string | null {
  const { proxies } = parseTrustedProxies(runtime.config.trustProxy);
  return (c) => forwardedClientAddress(runtime.socketAddress(c), proxies.length > 0 ? c.req.header('x-forwarded-for') : undefined, proxies);
}

/**
 * Builds, once per runtime, the services commands and routes share: egress per workspace, the
 * Forge verifier and replay guard, the client-address reader. Routes receive them, never build them.
 */
export function buildAppDeps(runtime: RuntimeDeps): AppDeps {
  const egress = createEgress(runtime);
  return { ...runtime, egress, forge: createForgeServices(runtime, egress), clientAddress: createClientAddressReader(runtime) };
}
