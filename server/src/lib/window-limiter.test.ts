import { describe, expect, it } from 'vitest';
import { createWindowLimiter } from './window-limiter';

describe('createWindowLimiter', () => {
  it('admits `limit` events per key and window, then answers the seconds left in the window', () => {
    let now = 0;
    const limiter = createWindowLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([null, null, null]);
    now = 15_000;
    expect(limiter.take('a')).toBe(45);
    now = 60_000;
    expect(limiter.take('a')).toBeNull();
  });
});
