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
// A target without a profile is remembered too (as `stored: null`): most export calls carry their own mapping.
const exportProfiles = commitScopedCachePerStore<{ stored: StoredExportProfile | null }>();
// Sealed credentials only (AES-GCM ciphertext bound to workspace, target and kind): opened per call, never kept open.
type SealedCredential = Awaited<ReturnType<typeof findActiveCredentialCiphertext>>;
const sealedCredentials = commitScopedCachePerStore<{ row: SealedCredential }>();

/** One target of one workspace (null for another workspace's), from memory while nothing was committed. */
export async function findTargetCached(store: Store, workspaceId: string, targetId: string): Promise<TargetRecord | null> {
  // The workspace is part of the key: a hit is scoped exactly like the query it stands for.
  return targets(store).get(`${workspaceId}\u0000${targetId}`, async () => deepFreeze(await findTarget(store.db, workspaceId, targetId)));
}

/** One target with its export profile's recorded problems (readiness), from memory while nothing was committed. */
export async function findTargetWithMappingProblemsCached(store: Store, workspaceId: string, targetId: string, dataVersion?: number) {
  return targetsForReadiness(store).get(
    `${workspaceId}\u0000${targetId}`,
    async () => deepFreeze(await findTargetWithMappingProblems(store.db, workspaceId, targetId)),
    dataVersion,
  );
}

/** {@link findTargetWithMappingProblemsCached} when the answer is in memory and current; undefined when it needs a read. */
export function knownTargetWithMappingProblems(store: Store, workspaceId: string, targetId: string, dataVersion?: number) {
  return targetsForReadiness(store).peek(`${workspaceId}\u0000${targetId}`, dataVersion);
}

/** The networks the operator approved for a workspace, from memory while nothing was committed (a revocation is seen at once). */
export async function listApprovedNetworksCached(store: Store, workspaceId: string): Promise<readonly ApprovedNetworkRow[]> {
  return (await approvedNetworks(store).get(workspaceId, async () => deepFreeze(await listApprovedNetworks(store.db, workspaceId)))) ?? [];
}

/** A target's stored export profile (null: none saved), from memory while nothing was committed. */
export async function findExportProfileCached(store: Store, workspaceId: string, targetId: string): Promise<StoredExportProfile | null> {
  const entry = await exportProfiles(store).get(`${workspaceId}\u0000${targetId}`, async () =>
    deepFreeze({ stored: await findExportProfile(store.db, workspaceId, targetId) }),
  );
  return entry?.stored ?? null;
}

/** A target's active credential as stored (sealed; null: none), from memory while nothing was committed. */
export async function findActiveCredentialCiphertextCached(store: Store, workspaceId: string, targetId: string): Promise<SealedCredential> {
  const entry = await sealedCredentials(store).get(`${workspaceId}\u0000${targetId}`, async () =>
    deepFreeze({ row: await findActiveCredentialCiphertext(store.db, workspaceId, targetId) }),
  );
  return entry?.row ?? null;
}
