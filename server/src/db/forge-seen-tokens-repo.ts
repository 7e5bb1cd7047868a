import { lt } from 'drizzle-orm';
import { forgeSeenTokens } from './schema';
import type { Database } from './database';

/** Forgets invocation token ids that expired before `before`. */
export async function forgeSeenTokensPrune(db: Database, before: Date): Promise<void> {
  await db.delete(forgeSeenTokens).where(lt(forgeSeenTokens.expiresAt, before.toISOString()));
}

/** Records a token id until `keepUntil`; false when it was already recorded (a replay). */
export async function forgeSeenTokenRecord(db: Database, jti: string, keepUntil: Date): Promise<boolean> {
  const inserted = await db
    .insert(forgeSeenTokens)
    .values({ jti, expiresAt: keepUntil.toISOString() })
    .onConflictDoNothing()
    .returning({ jti: forgeSeenTokens.jti });
  return inserted.length > 0;
}
