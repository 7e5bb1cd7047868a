/**
 * At most `limit` holders per key at once, the rest queued first come, first served. In-process:
 * it caps what one companion sends to one Jira, which is what Jira's rate limits count.
 */
export interface KeyedSemaphore {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Holders and waiters per key, for tests and diagnostics. */
  load(key: string): { active: number; waiting: number };
}

export function createKeyedSemaphore(limit: number): KeyedSemaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const slots = new Map<string, { active: number; queue: (() => void)[] }>();

  async function acquire(key: string): Promise<void> {
    let slot = slots.get(key);
    if (!slot) {
      slot = { active: 0, queue: [] };
      slots.set(key, slot);
    }
    if (slot.active < limit) {
      slot.active += 1;
      return;
    }
    await new Promise<void>((resolve) => slot.queue.push(resolve));
  }

  function release(key: string): void {
    const slot = slots.get(key);
    if (!slot) return;
    const next = slot.queue.shift();
    if (next) return next(); // the slot passes straight to the next waiter
    slot.active -= 1;
    if (slot.active === 0) slots.delete(key);
  }

  return {
    async run(key, task) {
      await acquire(key);
      try {
        return await task();
      } finally {
        release(key);
      }
    },
    load(key) {
      const slot = slots.get(key);
      return { active: slot?.active ?? 0, waiting: slot?.queue.length ?? 0 };
    },
  };
}
