import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { signInThrottles } from './schema';
import type { Database } from './database';

/** A throttle bucket as stored; `null` when the bucket has no row. */
export interface ThrottleRow {
  bucket: string;
  failures: number;
  lockedUntil: string | null;
  lastAttemptAt: string;
}

/** Reads one bucket. */
export async function readThrottle(db: Database, bucket: string): Promise<ThrottleRow | null> {
  const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.bucket, bucket)).limit(1);
  return row ?? null;
}

/**
 * Writes a bucket's next state only if it still holds `expected` (compare and set, one statement,
 * so it is atomic on SQLite and D1 alike). True when this writer won.
 */
export async function compareAndSetThrottle(db: Database, expected: ThrottleRow | null, next: ThrottleRow): Promise<boolean> {
  if (!expected) {
    const inserted = await db.insert(signInThrottles).values(next).onConflictDoNothing().returning({ bucket: signInThrottles.bucket });
    return inserted.length === 1;
  }
  const updated = await db
    .update(signInThrottles)
    .set({ failures: next.failures, lockedUntil: next.lockedUntil, lastAttemptAt: next.lastAttemptAt })
    .where(
      and(
        eq(signInThrottles.bucket, expected.bucket),
        eq(signInThrottles.failures, expected.failures),
        eq(signInThrottles.lastAttemptAt, expected.lastAttemptAt),
      ),
    )
    .returning({ bucket: signInThrottles.bucket });
  return updated.length === 1;
}

/** Forgets a bucket (a successful sign-in clears its own account-and-address bucket). */
export async function deleteThrottle(db: Database, bucket: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.bucket, bucket));
}

/** Drops buckets quiet since `before` and no longer locked, so the table does not grow without end. */
export async function deleteQuietThrottles(db: Database, before: string, now: string): Promise<void> {
  await db
    .delete(signInThrottles)
    .where(and(lt(signInThrottles.lastAttemptAt, before), or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, now))));
}
