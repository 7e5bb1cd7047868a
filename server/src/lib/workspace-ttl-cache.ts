import { createTtlCache, type TtlCache } from './ttl-cache';

/**
 * A TTL cache with one budget per workspace: each workspace's entries live in their own
 * size-capped cache, so one tenant filling its budget (many unknown project keys, say) only
 * evicts its own oldest entries, never another tenant's.
 */
export interface WorkspaceTtlCache<V> {
  get(workspaceId: string, key: string, load: () => Promise<V>, keep?: (value: V) => boolean): Promise<{ value: V; hit: boolean }>;
  /** Entries held for one workspace. */
  sizeOf(workspaceId: string): number;
  clear(): void;
}

export function createWorkspaceTtlCache<V>(options: { ttlMs: number; maxEntriesPerWorkspace: number; now?: () => number }): WorkspaceTtlCache<V> {
  // Workspaces are created by the operator, not by callers: one partition each stays bounded.
  const partitions = new Map<string, TtlCache<V>>();
  const partition = (workspaceId: string) => {
    let cache = partitions.get(workspaceId);
    if (!cache)
      partitions.set(
        workspaceId,
        (cache = createTtlCache<V>({ ttlMs: options.ttlMs, maxEntries: options.maxEntriesPerWorkspace, ...(options.now ? { now: options.now } : {}) })),
      );
    return cache;
  };
  return {
    get: (workspaceId, key, load, keep) => partition(workspaceId).get(key, load, keep),
    sizeOf: (workspaceId) => partitions.get(workspaceId)?.size ?? 0,
    clear: () => partitions.clear(),
  };
}
