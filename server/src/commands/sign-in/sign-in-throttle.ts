import type { AppDeps } from '../../deps';
import { compareAndSetThrottle, deleteQuietThrottles, deleteThrottle, readThrottle, type ThrottleRow } from '../../db/sign-in-throttles-repo';
import { sha256Hex } from '../../crypto/tokens';
import { ACCOUNT_ADDRESS_POLICY, ADDRESS_POLICY, admitAttempt, lockRemainingMs, type BackoffPolicy, type ThrottleState } from './sign-in-backoff';
import { throttleAddressKey } from './throttle-address-key';

/** The buckets one sign-in attempt counts against. */
export interface SignInBuckets {
  accountAddress: string;
  address: string;
}

/** What admission decided: go ahead (the attempt is counted), or refused for `retryAfterSeconds`. */
export type SignInAdmission =
  | { admitted: true; buckets: SignInBuckets; failures: number; lockedUntil: Date | null }
  | { admitted: false; retryAfterSeconds: number; scope: 'account-address' | 'address' };

const MAX_RACES = 5;
const QUIET_ROWS_AFTER_MS = 24 * 60 * 60_000;

const toState = (row: ThrottleRow | null): ThrottleState | null =>
  row ? { failures: row.failures, lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null, lastAttemptAt: new Date(row.lastAttemptAt) } : null;

/** The buckets of an attempt: the email is hashed (unknown and known emails alike), the address keyed by its /64 for IPv6. */
export async function signInBuckets(email: string, clientAddress: string | null): Promise<SignInBuckets> {
  const address = throttleAddressKey(clientAddress);
  const account = await sha256Hex(`sign-in:${email.trim().toLowerCase()}`);
  return { accountAddress: `acct:${account}:${address}`, address: `addr:${address}` };
}

async function admitOne(
  deps: AppDeps,
  bucket: string,
  policy: BackoffPolicy,
  now: Date,
): Promise<{ ok: true; state: ThrottleState } | { ok: false; retryMs: number }> {
  for (let race = 0; race < MAX_RACES; race += 1) {
    const row = await readThrottle(deps.store.db, bucket);
    const current = toState(row);
    const remaining = lockRemainingMs(current, now);
    if (remaining > 0) return { ok: false, retryMs: remaining };
    const next = admitAttempt(policy, current, now);
    const won = await compareAndSetThrottle(deps.store.db, row, {
      bucket,
      failures: next.failures,
      lockedUntil: next.lockedUntil?.toISOString() ?? null,
      lastAttemptAt: next.lastAttemptAt.toISOString(),
    });
    if (won) {
      if (!row) await deleteQuietThrottles(deps.store.db, new Date(now.getTime() - QUIET_ROWS_AFTER_MS).toISOString(), now.toISOString());
      return { ok: true, state: next };
    }
  }
  // Many writers raced for this bucket at once: that is an attack, not a person.
  return { ok: false, retryMs: policy.baseLockMs };
}

/**
 * Admits one sign-in attempt or refuses it before any password work: a locked bucket answers at
 * once (no PBKDF2 run). An admitted attempt is already counted, so parallel guesses cannot all
 * pass before the first failure is recorded. Both buckets are checked before either is counted.
 */
export async function admitSignIn(deps: AppDeps, email: string, clientAddress: string | null): Promise<SignInAdmission> {
  const now = deps.clock.now();
  const buckets = await signInBuckets(email, clientAddress);
  const refuse = (ms: number, scope: 'account-address' | 'address'): SignInAdmission => ({
    admitted: false,
    retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)),
    scope,
  });
  for (const [bucket, scope] of [
    [buckets.accountAddress, 'account-address'],
    [buckets.address, 'address'],
  ] as const) {
    const remaining = lockRemainingMs(toState(await readThrottle(deps.store.db, bucket)), now);
    if (remaining > 0) return refuse(remaining, scope);
  }
  const address = await admitOne(deps, buckets.address, ADDRESS_POLICY, now);
  if (!address.ok) return refuse(address.retryMs, 'address');
  const account = await admitOne(deps, buckets.accountAddress, ACCOUNT_ADDRESS_POLICY, now);
  if (!account.ok) return refuse(account.retryMs, 'account-address');
  const lockedUntil =
    [account.state.lockedUntil, address.state.lockedUntil].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { admitted: true, buckets, failures: account.state.failures, lockedUntil };
}

/** A correct password clears its own (account, address) bucket; the address bucket keeps its count. */
export async function clearSignInThrottle(deps: AppDeps, buckets: SignInBuckets): Promise<void> {
  await deleteThrottle(deps.store.db, buckets.accountAddress);
}
