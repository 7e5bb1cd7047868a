import { sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { rateLimits } from '../db/schema';
import { AppError } from '../errors';

/**
 * Counts one attempt in a fixed window shared by every process (a database row per bucket and
 * window); throws RATE_LIMITED once `limit` attempts were made in the window.
 */
export async function consumeRateLimit(deps: AppDeps, bucket: string, limit: number, windowMs: number): Promise<void> {
  const now = deps.clock.now().getTime();
  const windowStart = new Date(now - (now % windowMs)).toISOString();
  const [row] = await deps.store.db
    .insert(rateLimits)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  if ((row?.count ?? 0) > limit) {
    const retryAfter = Math.ceil((windowMs - (now % windowMs)) / 1000);
    throw new AppError('RATE_LIMITED', 429, `Too many attempts; try again in ${retryAfter} seconds.`, `Wait ${retryAfter} seconds, then try again.`, retryAfter);
  }
}
