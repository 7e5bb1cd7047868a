import type { AppDeps } from '../deps';
import { rateLimitHit } from '../db/rate-limits-repo';
import { rateLimited } from '../errors';

/**
 * Counts one attempt in a fixed window shared by every process (a database row per bucket and
 * window); throws RATE_LIMITED once `limit` attempts were made in the window.
 */
export async function consumeRateLimit(deps: AppDeps, bucket: string, limit: number, windowMs: number): Promise<void> {
  const now = deps.clock.now().getTime();
  const windowStart = new Date(now - (now % windowMs)).toISOString();
  const count = await rateLimitHit(deps.store.db, bucket, windowStart);
  if (count > limit) {
    const retryAfter = Math.ceil((windowMs - (now % windowMs)) / 1000);
    throw rateLimited(`Too many attempts; try again in ${retryAfter} seconds.`, `Wait ${retryAfter} seconds, then try again.`, retryAfter);
  }
}
