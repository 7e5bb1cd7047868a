import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { setupTokens, users } from './schema';
import type { Database } from './database';

/** A setup link's row as the setup flow needs it. */
export interface SetupTokenRow {
  id: string;
  workspaceId: string;
}

const noUserIn = (workspaceId: string | typeof setupTokens.workspaceId) => sql`not exists (select 1 from ${users} where ${users.workspaceId} = ${workspaceId})`;

/**
 * The setup link behind a token hash, when it is unused, unexpired and its workspace still has no
 * user: a link printed before the first admin existed is dead once one does.
 */
export async function findUsableSetupToken(db: Database, tokenHash: string, now: Date): Promise<SetupTokenRow | null> {
  const [row] = await db
    .select({ id: setupTokens.id, workspaceId: setupTokens.workspaceId })
    .from(setupTokens)
    .where(
      and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now.toISOString()), noUserIn(setupTokens.workspaceId)),
    )
    .limit(1);
  return row ?? null;
}

/** The workspace a setup link was issued for, used or not (null: no such link, or replaced by a newer one). */
export async function findSetupTokenWorkspace(db: Database, tokenHash: string): Promise<string | null> {
  const [row] = await db.select({ workspaceId: setupTokens.workspaceId }).from(setupTokens).where(eq(setupTokens.tokenHash, tokenHash)).limit(1);
  return row?.workspaceId ?? null;
}

/** Deletes every unused setup link of a workspace: run when a newer one is issued or an admin appears. */
export function setupTokensRevokeUnused(db: Database, workspaceId: string) {
  return db.delete(setupTokens).where(and(eq(setupTokens.workspaceId, workspaceId), isNull(setupTokens.usedAt)));
}

/** Marks one setup link used (inside the same atomic group that creates the first admin). */
export function setupTokenMarkUsed(db: Database, tokenId: string, now: Date) {
  return db.update(setupTokens).set({ usedAt: now.toISOString() }).where(eq(setupTokens.id, tokenId));
}

/**
 * The workspace id for the first admin's row, as SQL that yields NULL (so the NOT NULL column
 * aborts the whole atomic group) unless the link is still unused and unexpired and the workspace
 * has no user yet: the "no admin exists" check runs in the same transaction as the insert.
 */
export function firstAdminWorkspaceGuard(tokenId: string, workspaceId: string, now: Date) {
  return sql`(select ${setupTokens.workspaceId} from ${setupTokens} where ${setupTokens.id} = ${tokenId} and ${setupTokens.usedAt} is null and ${setupTokens.expiresAt} > ${now.toISOString()} and ${noUserIn(workspaceId)})`;
}

/** True for the error the guard above raises when the link was used or an admin appeared meanwhile. */
export function isFirstAdminGuardFailure(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${String((error as { cause?: unknown })?.cause ?? '')}`;
  return /NOT NULL constraint failed: users\.workspace_id/.test(text);
}

/** Adds a setup link by its token hash (the token itself is printed once, never stored). */
export function setupTokenInsert(db: Database, token: { id: string; workspaceId: string; tokenHash: string; createdAt: Date; expiresAt: Date }) {
  return db.insert(setupTokens).values({ ...token, createdAt: token.createdAt.toISOString(), expiresAt: token.expiresAt.toISOString() });
}
