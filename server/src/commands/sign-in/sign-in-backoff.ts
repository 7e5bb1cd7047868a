/**
 * How one throttle bucket backs off: free attempts, then a lock that doubles with each attempt.
 * The first lock is a minute, far longer than one PBKDF2 run, so even a strictly sequential script
 * waits (a lock of a second or two would expire while the last guess was still being checked).
 */
export interface BackoffPolicy {
  /** Attempts admitted before the first lock. */
  freeAttempts: number;
  /** The first lock, once `freeAttempts` were used. */
  baseLockMs: number;
  /** The longest lock. */
  maxLockMs: number;
  /** After this long without an attempt (and no lock), the bucket starts again from zero. */
  forgetAfterMs: number;
}

/** Per (account, client address): the genuine admin mistyping a few times is never slowed. */
export const ACCOUNT_ADDRESS_POLICY: BackoffPolicy = { freeAttempts: 5, baseLockMs: 60_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

/** Per client address across accounts (password spraying): more room for shared addresses. */
export const ADDRESS_POLICY: BackoffPolicy = { freeAttempts: 20, baseLockMs: 60_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

/** A bucket as stored. */
export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
  lastAttemptAt: Date;
}

/** The lock after `attempts` counted attempts: none while free, then base × 2^(n − free), capped. */
export function lockAfter(policy: BackoffPolicy, attempts: number): number {
  if (attempts < policy.freeAttempts) return 0;
  const doublings = Math.min(attempts - policy.freeAttempts, 30);
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

/** Milliseconds a bucket still refuses at `now`; 0 when an attempt may go ahead. */
export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/**
 * The state after admitting one more attempt at `now` (counted before the password is checked,
 * so parallel guesses cannot all slip in before the first failure is written).
 */
export function admitAttempt(policy: BackoffPolicy, state: ThrottleState | null, now: Date): ThrottleState {
  const forgotten = !state || now.getTime() - state.lastAttemptAt.getTime() > policy.forgetAfterMs;
  const failures = (forgotten ? 0 : state.failures) + 1;
  const lock = lockAfter(policy, failures);
  return { failures, lockedUntil: lock > 0 ? new Date(now.getTime() + lock) : null, lastAttemptAt: now };
}

/**
 * How many attempts one client that retries as soon as it is allowed gets through in `windowMs`
 * from a fresh bucket: the figure the README and the issue note quote.
 */
export function attemptsWithin(policy: BackoffPolicy, windowMs: number): number {
  let state: ThrottleState | null = null;
  let at = 0;
  let count = 0;
  while (at < windowMs) {
    state = admitAttempt(policy, state, new Date(at));
    count += 1;
    at += Math.max(1, lockRemainingMs(state, new Date(at)));
  }
  return count;
}
