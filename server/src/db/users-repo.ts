import { asc, eq, type SQL } from 'drizzle-orm';
import { users } from './schema';
import type { Database } from './database';

export type UserRow = typeof users.$inferSelect;

/** A user by email (emails are unique across workspaces and stored lowercase), or null. */
export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

/**
 * Inserts an admin; `workspaceId` may be a guard expression (see `firstAdminWorkspaceGuard`) that
 * yields NULL, aborting the atomic group, when the guarded condition no longer holds.
 */
export function userInsert(db: Database, user: { id: string; email: string; passwordHash: string }, workspaceId: string | SQL, createdAt: Date) {
  return db.insert(users).values({ ...user, workspaceId, role: 'admin', createdAt: createdAt.toISOString() });
}

/** How many users a workspace has. */
export async function countWorkspaceUsers(db: Database, workspaceId: string): Promise<number> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.workspaceId, workspaceId));
  return rows.length;
}

/** Users as the operator's `user list` shows them (never the password hash), oldest first. */
export function listUsers(db: Database, workspaceId: string | null): Promise<Pick<UserRow, 'workspaceId' | 'email' | 'role' | 'createdAt'>[]> {
  return db
    .select({ workspaceId: users.workspaceId, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(workspaceId === null ? undefined : eq(users.workspaceId, workspaceId))
    .orderBy(asc(users.createdAt), asc(users.email));
}
