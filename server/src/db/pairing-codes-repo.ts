import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { pairingCodes } from './schema';
import type { Database } from './database';

export type PairingCodeRow = typeof pairingCodes.$inferSelect;

/** Stores a pairing code by its hash, and sealed (master key, bound to workspace and target) so its page can show it again until used or expired. */
export async function pairingCodeInsert(
  db: Database,
  code: { id: string; workspaceId: string; targetId: string; codeHash: string; codeSealed: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(pairingCodes).values({ ...code, createdAt: code.createdAt.toISOString(), expiresAt: code.expiresAt.toISOString() });
}

/** The pairing code behind a hash, used or not, or null. */
export async function findPairingCode(db: Database, codeHash: string): Promise<PairingCodeRow | null> {
  const [row] = await db.select().from(pairingCodes).where(eq(pairingCodes.codeHash, codeHash)).limit(1);
  return row ?? null;
}

/** Ends every unused, unexpired code of one target of one workspace now (a newer code replaces them). */
export async function pairingCodesExpireUnused(db: Database, workspaceId: string, targetId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .update(pairingCodes)
    .set({ expiresAt: at, codeSealed: null })
    .where(and(eq(pairingCodes.workspaceId, workspaceId), eq(pairingCodes.targetId, targetId), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, at)));
}

/** The newest unused, unexpired code of one target of one workspace, still sealed, or null. */
export async function findPendingPairingCode(
  db: Database,
  workspaceId: string,
  targetId: string,
  now: Date,
): Promise<{ codeSealed: string; expiresAt: string } | null> {
  const [row] = await db
    .select({ codeSealed: pairingCodes.codeSealed, expiresAt: pairingCodes.expiresAt })
    .from(pairingCodes)
    .where(
      and(
        eq(pairingCodes.workspaceId, workspaceId),
        eq(pairingCodes.targetId, targetId),
        isNull(pairingCodes.usedAt),
        isNotNull(pairingCodes.codeSealed),
        gt(pairingCodes.expiresAt, now.toISOString()),
      ),
    )
    .orderBy(desc(pairingCodes.createdAt))
    .limit(1);
  return row?.codeSealed ? { codeSealed: row.codeSealed, expiresAt: row.expiresAt } : null;
}

/** Marks a code used (in the atomic group that pairs its target). */
export function pairingCodeMarkUsed(db: Database, codeId: string, usedAt: string) {
  return db.update(pairingCodes).set({ usedAt, codeSealed: null }).where(eq(pairingCodes.id, codeId));
}

/** Every pairing code of one target of one workspace (deleting a draft). */
export function pairingCodesDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(pairingCodes).where(and(eq(pairingCodes.workspaceId, workspaceId), eq(pairingCodes.targetId, targetId)));
}
