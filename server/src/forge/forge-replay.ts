import { lt } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { forgeSeenTokens } from '../db/schema';
import { ForgeTokenError } from './verify-forge-invocation';

/**
 * Accepts each invocation token once: its `jti` is stored until the token expires, and a second
 * use is refused. Stored in the database, so it holds across processes and Workers isolates.
 */
export async function rememberInvocation(deps: AppDeps, jti: string, expiresAt: Date): Promise<void> {
  const now = deps.clock.now();
  await deps.store.db.delete(forgeSeenTokens).where(lt(forgeSeenTokens.expiresAt, new Date(now.getTime() - 60_000).toISOString()));
  const inserted = await deps.store.db
    .insert(forgeSeenTokens)
    .values({ jti, expiresAt: new Date(Math.max(expiresAt.getTime(), now.getTime()) + 10_000).toISOString() })
    .onConflictDoNothing()
    .returning({ jti: forgeSeenTokens.jti });
  if (inserted.length === 0) throw new ForgeTokenError('This Forge Invocation Token was already used.');
}
