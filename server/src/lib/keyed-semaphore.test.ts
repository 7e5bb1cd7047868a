import { describe, expect, it } from 'vitest';
import { createKeyedSemaphore } from './keyed-semaphore';

describe('createKeyedSemaphore', () => {
  it('runs at most `limit` tasks per key, in arrival order, and keys do not share slots', async () => {
    const semaphore = createKeyedSemaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (id: number) => () =>
      new Promise<number>((resolve) => {
        running += 1;
        peak = Math.max(peak, running);
        order.push(id);
        releases.push(() => {
          running -= 1;
          resolve(id);
        });
      });
    const all = [1, 2, 3, 4, 5].map((id) => semaphore.run('a', task(id)));
    const other = semaphore.run('b', task(99));
    await Promise.resolve();
    expect(order).toEqual([1, 2, 99]);
    expect(semaphore.load('a')).toEqual({ active: 2, waiting: 3 });
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5]);
    expect(await other).toBe(99);
    expect(order).toEqual([1, 2, 99, 3, 4, 5]);
    expect(peak).toBe(3);
    expect(semaphore.load('a')).toEqual({ active: 0, waiting: 0 });
  });

  it('frees the slot when a task throws', async () => {
    const semaphore = createKeyedSemaphore(1);
    await expect(semaphore.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await semaphore.run('k', async () => 'next')).toBe('next');
  });

  it('refuses a limit below one', () => expect(() => createKeyedSemaphore(0)).toThrow(RangeError));
});
