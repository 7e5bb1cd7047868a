import type { AppDeps } from '../deps';
import { checkUrl, type EgressPolicy, type UrlVerdict } from '../net/check-url';
import { approvedEntriesFor } from './approved-networks';

/** The egress policy in force for a workspace right now: its approved networks, read fresh. */
export async function egressPolicyFor(deps: AppDeps, workspaceId: string | null): Promise<EgressPolicy> {
  return {
    resolver: deps.resolver,
    approvedEntries: workspaceId ? await approvedEntriesFor(deps, workspaceId) : deps.config.approvedNetworks,
    allowHttpForApproved: deps.config.allowHttpForApproved,
    ownAddresses: deps.ownAddresses,
    selfSockets: deps.selfSockets,
  };
}

/** Judges URLs for a workspace: resolves and checks only, opens no connection to the target. */
export async function checkUrlsForWorkspace(deps: AppDeps, workspaceId: string | null, urls: readonly string[]): Promise<UrlVerdict[]> {
  const policy = await egressPolicyFor(deps, workspaceId);
  return Promise.all(urls.map((url) => checkUrl(url, policy)));
}
