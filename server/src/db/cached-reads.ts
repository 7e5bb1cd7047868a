import type { TargetRecord } from '@webriskops/shared';
import { commitScopedCachePerStore } from './commit-scoped-cache';
import type { Store } from './database';
import { findTarget } from './targets-repo';
import { listApprovedNetworks, type ApprovedNetworkRow } from './approved-networks-repo';
import { findTargetWithMappingProblems } from './export-profiles-repo';

// Reads every export call repeats, kept per store and dropped whenever the database may have
// changed (the data_version + total_changes stamp the API token cache uses): a change by the CLI
// in another process, or by this one, is read by the very next call. On a store that cannot tell
// when it changed (D1), every call reads. What they hand out is frozen: callers read, never edit.

/** Freezes a value and everything in it: a cached value is shared by every request that reads it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const targets = commitScopedCachePerStore<TargetRecord>();
const targetsForReadiness = commitScopedCachePerStore<{ record: TargetRecord; problems: unknown }>();
const approvedNetworks = commitScopedCachePerStore<readonly ApprovedNetworkRow[]>();

/** One target of one workspace (null for another workspace's), from memory while nothing was committed. */
export async function findTargetCached(store: Store, workspaceId: string, targetId: string): Promise<TargetRecord | null> {
  // The workspace is part of the key: a hit is scoped exactly like the query it stands for.
  return targets(store).get(`${workspaceId}\u0000${targetId}`, async () => deepFreeze(await findTarget(store.db, workspaceId, targetId)));
}

/** One target with its export profile's recorded problems (readiness), from memory while nothing was committed. */
export async function findTargetWithMappingProblemsCached(store: Store, workspaceId: string, targetId: string) {
  return targetsForReadiness(store).get(`${workspaceId}\u0000${targetId}`, async () =>
    deepFreeze(await findTargetWithMappingProblems(store.db, workspaceId, targetId)),
  );
}

/** The networks the operator approved for a workspace, from memory while nothing was committed (a revocation is seen at once). */
export async function listApprovedNetworksCached(store: Store, workspaceId: string): Promise<readonly ApprovedNetworkRow[]> {
  return (await approvedNetworks(store).get(workspaceId, async () => deepFreeze(await listApprovedNetworks(store.db, workspaceId)))) ?? [];
}
