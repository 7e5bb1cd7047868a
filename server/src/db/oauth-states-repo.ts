import { and, eq, isNull } from 'drizzle-orm';
import { oauthStates } from './schema';
import type { Database } from './database';

export type OAuthStateRow = typeof oauthStates.$inferSelect;

/** Stores an OAuth `state` by its hash, bound to the session (by hash), workspace and target. */
export async function oauthStateInsert(db: Database, state: Omit<OAuthStateRow, 'usedAt'>): Promise<void> {
  await db.insert(oauthStates).values(state);
}

/** The state behind a hash, used or not, or null. */
export async function findOAuthState(db: Database, stateHash: string): Promise<OAuthStateRow | null> {
  const [row] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash)).limit(1);
  return row ?? null;
}

/** Marks a state used once: true for the one caller that did it (compare-and-swap on `used_at`). */
export async function oauthStateClaim(db: Database, stateId: string, at: Date): Promise<boolean> {
  const claimed = await db
    .update(oauthStates)
    .set({ usedAt: at.toISOString() })
    .where(and(eq(oauthStates.id, stateId), isNull(oauthStates.usedAt)))
    .returning({ id: oauthStates.id });
  return claimed.length > 0;
}

/** Every OAuth state of one target of one workspace (deleting a draft). */
export function oauthStatesDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(oauthStates).where(and(eq(oauthStates.workspaceId, workspaceId), eq(oauthStates.targetId, targetId)));
}
