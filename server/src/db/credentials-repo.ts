import { and, eq, isNull } from 'drizzle-orm';
import { credentials } from './schema';
import type { Database } from './database';

/** Destroys every active credential of a target: ciphertext overwritten, only metadata kept for audit. */
export function credentialsDestroy(db: Database, workspaceId: string, targetId: string, at: Date) {
  return db
    .update(credentials)
    .set({ ciphertext: '', revokedAt: at.toISOString() })
    .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.targetId, targetId), isNull(credentials.revokedAt)));
}

/** The sealed secret of a target's active credential, for the code that calls Jira. */
export async function findActiveCredentialCiphertext(db: Database, workspaceId: string, targetId: string) {
  const [row] = await db
    .select({ kind: credentials.kind, ciphertext: credentials.ciphertext })
    .from(credentials)
    .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.targetId, targetId), isNull(credentials.revokedAt)))
    .limit(1);
  return row ?? null;
}
