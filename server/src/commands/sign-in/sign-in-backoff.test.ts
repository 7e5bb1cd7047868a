import { describe, expect, it } from 'vitest';
import { ACCOUNT_ADDRESS_POLICY, ADDRESS_POLICY, admitAttempt, attemptsWithin, lockAfter, lockRemainingMs, type ThrottleState } from './sign-in-backoff';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 30) + ms);

describe('sign-in backoff', () => {
  it('admits the free attempts, then locks for 1, 2, 4, 8 minutes up to 15 minutes', () => {
    const policy = ACCOUNT_ADDRESS_POLICY;
    expect([1, 2, 3, 4].map((n) => lockAfter(policy, n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => lockAfter(policy, n))).toEqual([60_000, 120_000, 240_000, 480_000, 900_000]);
    expect(lockAfter(policy, 40)).toBe(15 * 60_000);
    expect(lockAfter(policy, 10_000)).toBe(15 * 60_000);
  });

  it('counts an attempt before the password is checked and keeps counting while retried', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i += 1) state = admitAttempt(ACCOUNT_ADDRESS_POLICY, state, at(i));
    expect(state).toMatchObject({ failures: 4, lockedUntil: null });
    state = admitAttempt(ACCOUNT_ADDRESS_POLICY, state, at(10));
    expect(lockRemainingMs(state, at(10))).toBe(60_000);
    expect(lockRemainingMs(state, at(60_010))).toBe(0);
  });

  it('forgets a quiet bucket after an hour', () => {
    const old: ThrottleState = { failures: 12, lockedUntil: at(0), lastAttemptAt: at(0) };
    expect(admitAttempt(ACCOUNT_ADDRESS_POLICY, old, at(61 * 60_000))).toMatchObject({ failures: 1, lockedUntil: null });
    expect(admitAttempt(ACCOUNT_ADDRESS_POLICY, old, at(30 * 60_000)).failures).toBe(13);
  });

  it('one address gets 5 guesses at one account, and 20 across accounts, in its first minute; then at most 4 an hour', () => {
    expect(attemptsWithin(ACCOUNT_ADDRESS_POLICY, 60_000)).toBe(5);
    expect(attemptsWithin(ADDRESS_POLICY, 60_000)).toBe(20);
    expect(attemptsWithin(ACCOUNT_ADDRESS_POLICY, 60 * 60_000)).toBe(11);
    expect(attemptsWithin(ADDRESS_POLICY, 60 * 60_000)).toBe(26);
    const steadyHour = attemptsWithin(ACCOUNT_ADDRESS_POLICY, 25 * 60 * 60_000) - attemptsWithin(ACCOUNT_ADDRESS_POLICY, 24 * 60 * 60_000);
    expect(steadyHour).toBeLessThanOrEqual(4);
  });
});
