import { and, eq } from 'drizzle-orm';
import { statusSync } from './schema';
import type { Database } from './database';

export type StatusSyncRow = typeof statusSync.$inferSelect;

/** A target's sync row by target id alone: the webhook route learns the workspace from it. */
export async function findStatusSyncByTarget(db: Database, targetId: string): Promise<StatusSyncRow | null> {
  const [row] = await db.select().from(statusSync).where(eq(statusSync.targetId, targetId)).limit(1);
  return row ?? null;
}

/** A target's sync row, scoped to the workspace. */
export async function findStatusSync(db: Database, workspaceId: string, targetId: string): Promise<StatusSyncRow | null> {
  const [row] = await db
    .select()
    .from(statusSync)
    .where(and(eq(statusSync.workspaceId, workspaceId), eq(statusSync.targetId, targetId)))
    .limit(1);
  return row ?? null;
}

/** Stores a new sealed webhook secret (the old one stops verifying at once). */
export function statusSyncSetSecret(db: Database, workspaceId: string, targetId: string, sealed: string, at: Date) {
  const values = { webhookSecretSealed: sealed, webhookSecretCreatedAt: at.toISOString() };
  return db
    .insert(statusSync)
    .values({ targetId, workspaceId, ...values })
    .onConflictDoUpdate({ target: statusSync.targetId, set: values });
}

/**
 * Claims the next poll of a target: true when no poll started since `notAfter` (the per-target rate
 * limit, held in the database so it holds across processes), recording `at` as the poll's start.
 */
export async function statusSyncClaimPoll(db: Database, workspaceId: string, targetId: string, at: Date, previous: string | null): Promise<boolean> {
  if (previous === null) {
    const inserted = await db
      .insert(statusSync)
      .values({ targetId, workspaceId, lastPolledAt: at.toISOString() })
      .onConflictDoNothing()
      .returning({ targetId: statusSync.targetId });
    if (inserted.length > 0) return true;
  }
  const [row] = await db.select({ lastPolledAt: statusSync.lastPolledAt }).from(statusSync).where(eq(statusSync.targetId, targetId)).limit(1);
  if (!row || row.lastPolledAt !== previous) return false;
  const updated = await db
    .update(statusSync)
    .set({ lastPolledAt: at.toISOString() })
    .where(and(eq(statusSync.targetId, targetId), eq(statusSync.workspaceId, workspaceId)))
    .returning({ targetId: statusSync.targetId });
  return updated.length > 0;
}

/** Gives a failed poll's claim back: the next poll covers the window again from `previous`. */
export async function statusSyncReleasePoll(db: Database, targetId: string, at: Date, previous: string | null): Promise<void> {
  await db
    .update(statusSync)
    .set({ lastPolledAt: previous })
    .where(and(eq(statusSync.targetId, targetId), eq(statusSync.lastPolledAt, at.toISOString())));
}

/** A target's webhook secret and polling state (deleting a draft). */
export function statusSyncDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(statusSync).where(and(eq(statusSync.workspaceId, workspaceId), eq(statusSync.targetId, targetId)));
}
