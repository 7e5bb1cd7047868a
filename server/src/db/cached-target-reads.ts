import type { TargetRecord } from '@webriskops/shared';
import { createCommitScopedCache, type CommitScopedCache } from './commit-scoped-cache';
import type { Store } from './database';
import { findTarget } from './targets-repo';

/** Freezes a record and everything in it: a cached record is shared by every request that reads it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// Target records by workspace and id, per store, dropped whenever the database may have changed
// (the same data_version + total_changes stamp as the API token cache): a change by the CLI in
// another process, or by this one, is read by the very next request.
const targetCaches = new WeakMap<Store, CommitScopedCache<TargetRecord>>();

/**
 * One target of one workspace (null for another workspace's), read from memory while the database
 * has not changed since it was last read. The record is frozen: callers read it, never edit it.
 * On a store that cannot tell when it changed (D1), every call reads.
 */
export async function findTargetCached(store: Store, workspaceId: string, targetId: string): Promise<TargetRecord | null> {
  let cache = targetCaches.get(store);
  if (!cache) {
    cache = createCommitScopedCache<TargetRecord>(store);
    targetCaches.set(store, cache);
  }
  // The workspace is part of the key: a hit is scoped exactly like the query it stands for.
  return cache.get(`${workspaceId}\u0000${targetId}`, async () => deepFreeze(await findTarget(store.db, workspaceId, targetId)));
}
