import { sql } from 'drizzle-orm';
import { rateLimits } from './schema';
import type { Database } from './database';

/** Counts one hit in a bucket's window (one row per bucket and window, shared by every process); returns the new count. */
export async function rateLimitHit(db: Database, bucket: string, windowStart: string): Promise<number> {
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return row?.count ?? 0;
}
