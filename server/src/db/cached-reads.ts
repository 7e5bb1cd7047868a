import type { TargetRecord } from '@webriskops/shared';
import { commitScopedCachePerStore } from './commit-scoped-cache';
import type { Store } from './database';
import { findTarget } from './targets-repo';
import { listApprovedNetworks, type ApprovedNetworkRow } from './approved-networks-repo';
import { findExportProfile, findTargetWithMappingProblems, type StoredExportProfile } from './export-profiles-repo';
import { findActiveCredentialCiphertext } from './credentials-repo';

// Reads every export call repeats, kept per store and dropped whenever the database may have
// changed (the data_version + total_changes stamp the API token cache uses): a change by the CLI
// in another process, or by this one, is read by the very next call. On a store that cannot tell
// when it changed (D1), every call reads. What they hand out is frozen: callers read, never edit.

/** Freezes a value and everything in it: a cached value is shared by every request that reads it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const targets = commitScopedCachePerStore<TargetRecord>();
const targetsForReadiness = commitScopedCachePerStore<{ record: TargetRecord; problems: unknown }>();
const approvedNetworks = commitScopedCachePerStore<readonly ApprovedNetworkRow[]>();

/** The cache key of one target of one workspace: a hit is scoped exactly like the query it stands for. */
const targetKey = (workspaceId: string, targetId: string) => `${workspaceId}\u0000${targetId}`;

/**
 * A per-target read whose "none stored" answer is remembered too (kept as `{ value: null }`; the
 * cache itself never keeps a null): most targets have no export profile, and every export asks.
 */
function perTargetNoneIncluded<V>(read: (store: Store, workspaceId: string, targetId: string) => Promise<V | null>) {
  const cache = commitScopedCachePerStore<{ value: V | null }>();
  return async (store: Store, workspaceId: string, targetId: string): Promise<V | null> => {
    const entry = await cache(store).get(targetKey(workspaceId, targetId), async () => deepFreeze({ value: await read(store, workspaceId, targetId) }));
    return entry?.value ?? null;
  };
}

/** One target of one workspace (null for another workspace's), from memory while nothing was committed. */
export async function findTargetCached(store: Store, workspaceId: string, targetId: string): Promise<TargetRecord | null> {
  return targets(store).get(targetKey(workspaceId, targetId), async () => deepFreeze(await findTarget(store.db, workspaceId, targetId)));
}

/** One target with its export profile's recorded problems (readiness), from memory while nothing was committed. */
export async function findTargetWithMappingProblemsCached(store: Store, workspaceId: string, targetId: string, dataVersion?: number) {
  return targetsForReadiness(store).get(
    targetKey(workspaceId, targetId),
    async () => deepFreeze(await findTargetWithMappingProblems(store.db, workspaceId, targetId)),
    dataVersion,
  );
}

/** {@link findTargetWithMappingProblemsCached} when the answer is in memory and current; undefined when it needs a read. */
export function knownTargetWithMappingProblems(store: Store, workspaceId: string, targetId: string, dataVersion?: number) {
  return targetsForReadiness(store).peek(targetKey(workspaceId, targetId), dataVersion);
}

/** The networks the operator approved for a workspace, from memory while nothing was committed (a revocation is seen at once). */
export async function listApprovedNetworksCached(store: Store, workspaceId: string): Promise<readonly ApprovedNetworkRow[]> {
  return (await approvedNetworks(store).get(workspaceId, async () => deepFreeze(await listApprovedNetworks(store.db, workspaceId)))) ?? [];
}

/** A target's stored export profile (null: none saved), from memory while nothing was committed. */
export const findExportProfileCached = perTargetNoneIncluded<StoredExportProfile>((store, workspaceId, targetId) =>
  findExportProfile(store.db, workspaceId, targetId),
);

/**
 * A target's active credential as stored (null: none), from memory while nothing was committed:
 * the AES-GCM ciphertext bound to workspace, target and kind, opened per call and never kept open.
 */
export const findActiveCredentialCiphertextCached = perTargetNoneIncluded((store, workspaceId, targetId) =>
  findActiveCredentialCiphertext(store.db, workspaceId, targetId),
);
