import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { apiTokens } from './schema';
import type { Database } from './database';
import { preparedPerDatabase } from './prepared-per-database';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Adds a token row (only the SHA-256 of the token, never the token). */
export function apiTokenInsert(
  db: Database,
  token: { id: string; workspaceId: string; prefix: string; tokenHash: string; role: ApiTokenRow['role']; label: string | null; createdAt: Date },
) {
  return db.insert(apiTokens).values({ ...token, createdAt: token.createdAt.toISOString() });
}

/** The unrevoked token with this prefix, or null; with `workspaceId`, only that workspace's. */
export async function findActiveApiToken(db: Database, prefix: string, workspaceId: string | null = null): Promise<ApiTokenRow | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.prefix, prefix), isNull(apiTokens.revokedAt), workspaceId === null ? undefined : eq(apiTokens.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/** What a token list shows: everything but the hash. */
export type ApiTokenListRow = Omit<ApiTokenRow, 'tokenHash' | 'id'>;

/** The tokens of one workspace (or of all, for the operator's CLI), oldest first, revoked ones included. */
export function listApiTokens(db: Database, workspaceId: string | null): Promise<ApiTokenListRow[]> {
  return db
    .select({
      workspaceId: apiTokens.workspaceId,
      prefix: apiTokens.prefix,
      role: apiTokens.role,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(workspaceId === null ? undefined : eq(apiTokens.workspaceId, workspaceId))
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.prefix));
}

/** Records that a token was used (callers write this at most once per few minutes per token). */
export function apiTokenMarkUsed(db: Database, tokenId: string, at: Date) {
  return db.update(apiTokens).set({ lastUsedAt: at.toISOString() }).where(eq(apiTokens.id, tokenId));
}

/** Revokes one token by id. */
export function apiTokenRevoke(db: Database, tokenId: string, at: Date) {
  return db.update(apiTokens).set({ revokedAt: at.toISOString() }).where(eq(apiTokens.id, tokenId));
}

// Prepared once per database: every API request whose token is not cached looks it up.
const tokenQuery = preparedPerDatabase((db) =>
  db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.prefix, sql.placeholder('prefix')))
    .limit(1)
    .prepare(),
);

/** The token with this prefix, revoked or not, or null (a prepared query, for the hot path). */
export async function findApiTokenByPrefix(db: Database, prefix: string): Promise<ApiTokenRow | null> {
  const query = tokenQuery(db);
  const [row] = await query.all({ prefix });
  return row ?? null;
}
