import type { Store } from './database';

/** What {@link createCommitScopedCache} gives: a read-through lookup by key. */
export interface CommitScopedCache<V> {
  /** The cached value for `key`, or `load()`'s (cached unless null) when the database may have changed since. */
  get(key: string, load: () => Promise<V | null>): Promise<V | null>;
}

/**
 * A small in-process cache of values read from the database, emptied whenever the database may
 * have changed: another connection committed (SQLite's `data_version`, so the CLI revoking a token
 * is seen by the very next request) or this connection wrote. A store that cannot tell (D1 on
 * Workers) gets no caching at all: every lookup reads. Misses (null) are never cached.
 */
export function createCommitScopedCache<V>(store: Store, maxEntries = 1000): CommitScopedCache<V> {
  let stamp: string | null = null;
  const entries = new Map<string, V>();
  return {
    async get(key, load) {
      const now = store.changeStamp?.() ?? null;
      if (now === null) return load();
      if (now !== stamp) {
        entries.clear();
        stamp = now;
      }
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
