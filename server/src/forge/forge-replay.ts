import type { RuntimeDeps } from '../deps';
import { forgeSeenTokenRecord, forgeSeenTokensPrune } from '../db/forge-seen-tokens-repo';
import { ForgeTokenError } from './verify-forge-invocation';

/**
 * Accepts each invocation token once: its `jti` is stored until the token expires, and a second
 * use is refused. Stored in the database, so it holds across processes and Workers isolates.
 */
export async function rememberInvocation(deps: Pick<RuntimeDeps, 'store' | 'clock'>, jti: string, expiresAt: Date): Promise<void> {
  const now = deps.clock.now();
  await forgeSeenTokensPrune(deps.store.db, new Date(now.getTime() - 60_000));
  const recorded = await forgeSeenTokenRecord(deps.store.db, jti, new Date(Math.max(expiresAt.getTime(), now.getTime()) + 10_000));
  if (!recorded) throw new ForgeTokenError('This Forge Invocation Token was already used.');
}
