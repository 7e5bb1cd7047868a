import type { Store } from './database';

/** What {@link createCommitScopedCache} gives: a read-through lookup by key. */
export interface CommitScopedCache<V> {
  /**
   * The cached value for `key`, or `load()`'s (cached unless null) when the database may have
   * changed since. `dataVersion`: the store's data_version as this request already read it.
   */
  get(key: string, load: () => Promise<V | null>, dataVersion?: number): Promise<V | null>;
  /** The cached value for `key` if there is one and nothing was committed since, at once (no read). */
  peek(key: string, dataVersion?: number): V | undefined;
}

/**
 * A small in-process cache of values read from the database, emptied whenever the database may
 * have changed: another connection committed (SQLite's `data_version`, so the CLI revoking a token
 * is seen by the very next request) or this connection wrote. A store that cannot tell (D1 on
 * Workers) gets no caching at all: every lookup reads. Misses (null) are never cached.
 */
export function createCommitScopedCache<V>(store: Store, maxEntries = 1000): CommitScopedCache<V> {
  let stamp: number | null = null;
  const entries = new Map<string, V>();
  /** The current stamp, the entries emptied when it moved; null where the store cannot tell. */
  const current = (dataVersion: number | undefined) => {
    const now = store.changeStamp?.(dataVersion) ?? null;
    if (now !== null && now !== stamp) {
      entries.clear();
      stamp = now;
    }
    return now;
  };
  return {
    peek(key, dataVersion) {
      return current(dataVersion) === null ? undefined : entries.get(key);
    },
    async get(key, load, dataVersion) {
      const now = current(dataVersion);
      if (now === null) return load();
      const hit = entries.get(key);
      if (hit !== undefined) return hit;
      const value = await load();
      // Read at `now`; if another request has since seen a newer stamp, this value may be older than the cache.
      if (value !== null && stamp === now) {
        if (entries.size >= maxEntries) entries.clear();
        entries.set(key, value);
      }
      return value;
    },
  };
}

/**
 * One {@link createCommitScopedCache} per store, made on first use: a module keeps one of these per
 * kind of read, and every store (the server's, a test's) gets caches of its own.
 */
export function commitScopedCachePerStore<V>(maxEntries?: number): (store: Store) => CommitScopedCache<V> {
  const caches = new WeakMap<Store, CommitScopedCache<V>>();
  return (store) => {
    let cache = caches.get(store);
    if (!cache) {
      cache = createCommitScopedCache<V>(store, maxEntries);
      caches.set(store, cache);
    }
    return cache;
  };
}
