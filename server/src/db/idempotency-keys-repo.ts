import { and, eq, lte } from 'drizzle-orm';
import { exportIdempotencyKeys } from './schema';
import type { Database } from './database';

/** Where an Idempotency-Key stands: ours to run, an answer to replay, running elsewhere, or reused. */
export type KeyClaim = { kind: 'owner'; owner: string } | { kind: 'replay'; status: number; body: unknown } | { kind: 'busy' } | { kind: 'mismatch' };

export interface KeyRef {
  workspaceId: string;
  key: string;
}

const rowOf = (ref: KeyRef) => and(eq(exportIdempotencyKeys.workspaceId, ref.workspaceId), eq(exportIdempotencyKeys.idempotencyKey, ref.key));

/**
 * Claims a key for `owner` before anything is sent: an atomic insert (the unique key lets one
 * caller win, even across processes). The same key with another body is a mismatch; a finished
 * one replays; a pending one whose lease ran out is taken over by exactly one caller. Expired
 * keys are reused.
 */
export async function idempotencyKeyClaim(
  db: Database,
  ref: KeyRef,
  owner: string,
  now: Date,
  input: { requestHash: string; targetId: string; leaseMs: number; ttlMs: number },
): Promise<KeyClaim> {
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + input.leaseMs).toISOString();
  await db.delete(exportIdempotencyKeys).where(and(rowOf(ref), lte(exportIdempotencyKeys.expiresAt, nowIso)));
  const inserted = await db
    .insert(exportIdempotencyKeys)
    .values({
      workspaceId: ref.workspaceId,
      idempotencyKey: ref.key,
      requestHash: input.requestHash,
      targetId: input.targetId,
      state: 'pending',
      leaseOwner: owner,
      leaseUntil,
      createdAt: nowIso,
      expiresAt: new Date(now.getTime() + input.ttlMs).toISOString(),
    })
    .onConflictDoNothing()
    .returning({ key: exportIdempotencyKeys.idempotencyKey });
  if (inserted.length > 0) return { kind: 'owner', owner };
  const [row] = await db.select().from(exportIdempotencyKeys).where(rowOf(ref)).limit(1);
  if (!row) return { kind: 'busy' };
  if (row.requestHash !== input.requestHash) return { kind: 'mismatch' };
  if (row.state === 'done' && row.responseStatus !== null && row.responseBody !== null) {
    return { kind: 'replay', status: row.responseStatus, body: JSON.parse(row.responseBody) as unknown };
  }
  if (row.leaseUntil && row.leaseUntil > nowIso) return { kind: 'busy' };
  const taken = await db
    .update(exportIdempotencyKeys)
    .set({ leaseOwner: owner, leaseUntil })
    .where(and(rowOf(ref), eq(exportIdempotencyKeys.state, 'pending'), eq(exportIdempotencyKeys.leaseUntil, row.leaseUntil ?? '')))
    .returning({ key: exportIdempotencyKeys.idempotencyKey });
  return taken.length > 0 ? { kind: 'owner', owner } : { kind: 'busy' };
}

/** Stores the answer to replay for the key's lifetime (only by the lease's owner). */
export async function idempotencyKeyComplete(db: Database, ref: KeyRef, owner: string, status: number, body: unknown): Promise<void> {
  await db
    .update(exportIdempotencyKeys)
    .set({ state: 'done', responseStatus: status, responseBody: JSON.stringify(body), leaseOwner: null, leaseUntil: null })
    .where(and(rowOf(ref), eq(exportIdempotencyKeys.leaseOwner, owner)));
}

/** Deletes a pending key its owner gives up, so the same request may run afresh. */
export async function idempotencyKeyAbandon(db: Database, ref: KeyRef, owner: string): Promise<void> {
  await db.delete(exportIdempotencyKeys).where(and(rowOf(ref), eq(exportIdempotencyKeys.state, 'pending'), eq(exportIdempotencyKeys.leaseOwner, owner)));
}

/** Every stored export answer of one target of one workspace (deleting a draft). */
export function idempotencyKeysDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(exportIdempotencyKeys).where(and(eq(exportIdempotencyKeys.workspaceId, workspaceId), eq(exportIdempotencyKeys.targetId, targetId)));
}
