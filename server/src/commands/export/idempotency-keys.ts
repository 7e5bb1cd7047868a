import type { AppDeps } from '../../deps';
import { idempotencyKeyAbandon, idempotencyKeyClaim, idempotencyKeyComplete, type KeyClaim, type KeyRef } from '../../db/idempotency-keys-repo';
import { newId } from '../../crypto/tokens';

export type { KeyClaim, KeyRef };

/**
 * Claims a key before anything is sent: an atomic insert (the unique key lets one caller win,
 * even across processes). The same key with another body is a mismatch; a finished one replays;
 * a pending one whose lease ran out is taken over by exactly one caller. Expired keys are reused.
 */
export function claimIdempotencyKey(
  deps: AppDeps,
  ref: KeyRef,
  input: { requestHash: string; targetId: string; leaseMs: number; ttlMs: number },
): Promise<KeyClaim> {
  return idempotencyKeyClaim(deps.store.db, ref, newId('lease'), deps.clock.now(), input);
}

/** Stores the answer to replay for the key's lifetime. */
export function completeIdempotencyKey(deps: AppDeps, ref: KeyRef, owner: string, status: number, body: unknown): Promise<void> {
  return idempotencyKeyComplete(deps.store.db, ref, owner, status, body);
}

/** Gives the key up after a failure, so the same request may be sent again and run afresh. */
export function abandonIdempotencyKey(deps: AppDeps, ref: KeyRef, owner: string): Promise<void> {
  return idempotencyKeyAbandon(deps.store.db, ref, owner);
}
