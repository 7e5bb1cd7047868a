/**
 * In-process fixed-window counters: `take(key)` counts one event and answers null while the key
 * is within `limit` per window, else the seconds until its window ends. Old windows are swept so
 * the map stays as small as the keys active in the current window.
 */
export interface WindowLimiter {
  take(key: string): number | null;
}

export function createWindowLimiter(options: { limit: number; windowMs: number; now: () => number }): WindowLimiter {
  const counts = new Map<string, number>();
  let currentWindow = -1;
  return {
    take(key) {
      const now = options.now();
      const window = Math.floor(now / options.windowMs);
      if (window !== currentWindow) {
        counts.clear();
        currentWindow = window;
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return count > options.limit ? Math.max(1, Math.ceil(((window + 1) * options.windowMs - now) / 1000)) : null;
    },
  };
}
