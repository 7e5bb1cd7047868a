import { describe, expect, it } from 'vitest';
import { ACCOUNT_ADDRESS_POLICY, ADDRESS_POLICY, admitAttempt, attemptsWithin, lockAfter, lockRemainingMs, type ThrottleState } from './sign-in-backoff';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 30) + ms);

describe('sign-in backoff', () => {
  it('admits the free attempts, then locks for 1 s, 2 s, 4 s ... up to 15 minutes', () => {
    const policy = ACCOUNT_ADDRESS_POLICY;
    expect([1, 2, 3, 4].map((n) => lockAfter(policy, n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => lockAfter(policy, n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(lockAfter(policy, 40)).toBe(15 * 60_000);
    expect(lockAfter(policy, 10_000)).toBe(15 * 60_000);
  });

  it('counts an attempt before the password is checked and keeps counting while retried', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i += 1) state = admitAttempt(ACCOUNT_ADDRESS_POLICY, state, at(i));
    expect(state).toMatchObject({ failures: 4, lockedUntil: null });
    state = admitAttempt(ACCOUNT_ADDRESS_POLICY, state, at(10));
    expect(lockRemainingMs(state, at(10))).toBe(1_000);
    expect(lockRemainingMs(state, at(1_010))).toBe(0);
  });

  it('forgets a quiet bucket after an hour', () => {
    const old: ThrottleState = { failures: 12, lockedUntil: at(0), lastAttemptAt: at(0) };
    expect(admitAttempt(ACCOUNT_ADDRESS_POLICY, old, at(61 * 60_000))).toMatchObject({ failures: 1, lockedUntil: null });
    expect(admitAttempt(ACCOUNT_ADDRESS_POLICY, old, at(30 * 60_000)).failures).toBe(13);
  });

  it('one address gets at most 10 guesses at one account, and 25 across accounts, in its first minute; then about 4 an hour', () => {
    expect(attemptsWithin(ACCOUNT_ADDRESS_POLICY, 60_000)).toBe(10);
    expect(attemptsWithin(ADDRESS_POLICY, 60_000)).toBe(25);
    expect(attemptsWithin(ACCOUNT_ADDRESS_POLICY, 60 * 60_000)).toBeLessThanOrEqual(20);
  });
});
