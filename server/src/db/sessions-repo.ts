import { and, eq, gt } from 'drizzle-orm';
import { sessions, users } from './schema';
import type { Database } from './database';

/** Stores a session by the hash of its cookie value (never the value). */
export async function sessionInsert(
  db: Database,
  session: { id: string; tokenHash: string; userId: string; workspaceId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values({ ...session, createdAt: session.createdAt.toISOString(), expiresAt: session.expiresAt.toISOString() });
}

/** The workspace and email behind an unexpired session's token hash, or null. */
export async function findLiveSession(db: Database, tokenHash: string, now: Date): Promise<{ workspaceId: string; email: string } | null> {
  const [row] = await db
    .select({ workspaceId: sessions.workspaceId, email: users.email })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now.toISOString())))
    .limit(1);
  return row ?? null;
}

/** Deletes a session by its token hash. */
export async function sessionDelete(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
