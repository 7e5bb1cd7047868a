/**
 * A small in-process cache with a time to live and a size cap (oldest entries go first). It keeps
 * the promise, so concurrent callers of a missing key share one load; a load that fails (or whose
 * value `keep` refuses) is forgotten at once.
 */
export interface TtlCache<V> {
  get(key: string, load: () => Promise<V>, keep?: (value: V) => boolean): Promise<{ value: V; hit: boolean }>;
  clear(): void;
  readonly size: number;
}

export function createTtlCache<V>(options: { ttlMs: number; maxEntries: number; now?: () => number }): TtlCache<V> {
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, { expiresAt: number; value: Promise<V> }>();

  return {
    async get(key, load, keep = () => true) {
      const found = entries.get(key);
      if (found && found.expiresAt > now()) return { value: await found.value, hit: true };
      if (found) entries.delete(key);
      const value = load();
      entries.set(key, { expiresAt: now() + options.ttlMs, value });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      try {
        const settled = await value;
        if (!keep(settled) && entries.get(key)?.value === value) entries.delete(key);
        return { value: settled, hit: false };
      } catch (error) {
        if (entries.get(key)?.value === value) entries.delete(key);
        throw error;
      }
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
