import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { credentials } from './schema';
import type { AtomicWrite, Database } from './database';
import { preparedPerDatabase } from './prepared-per-database';

type CredentialRow = typeof credentials.$inferSelect;

/** Destroys every active credential of a target: ciphertext overwritten, only metadata kept for audit. */
export function credentialsDestroy(db: Database, workspaceId: string, targetId: string, at: Date) {
  return db
    .update(credentials)
    .set({ ciphertext: '', revokedAt: at.toISOString() })
    .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.targetId, targetId), isNull(credentials.revokedAt)));
}

// Prepared once per database: every export call opens the credential it sends.
const activeCiphertextQuery = preparedPerDatabase((db) =>
  db
    .select({ id: credentials.id, kind: credentials.kind, ciphertext: credentials.ciphertext })
    .from(credentials)
    .where(
      and(eq(credentials.workspaceId, sql.placeholder('workspaceId')), eq(credentials.targetId, sql.placeholder('targetId')), isNull(credentials.revokedAt)),
    )
    .limit(1)
    .prepare(),
);

/** The sealed secret of a target's active credential, for the code that calls Jira. */
export async function findActiveCredentialCiphertext(db: Database, workspaceId: string, targetId: string) {
  const [row] = await activeCiphertextQuery(db).all({ workspaceId, targetId });
  return row ?? null;
}

/**
 * Claims the refresh of one OAuth credential until `until` (compare-and-swap on the row): true
 * when this caller holds it, false while another process holds an unexpired claim or the row
 * is no longer the active credential.
 */
export async function credentialClaimRefresh(db: Database, workspaceId: string, credentialId: string, now: Date, until: Date): Promise<boolean> {
  const claimed = await db
    .update(credentials)
    .set({ refreshLeaseUntil: until.toISOString() })
    .where(
      and(
        eq(credentials.workspaceId, workspaceId),
        eq(credentials.id, credentialId),
        isNull(credentials.revokedAt),
        or(isNull(credentials.refreshLeaseUntil), lte(credentials.refreshLeaseUntil, now.toISOString())),
      ),
    )
    .returning({ id: credentials.id });
  return claimed.length === 1;
}

/** Gives a refresh claim back (only the claim this caller made: `until` is its token). */
export function credentialReleaseRefresh(db: Database, workspaceId: string, credentialId: string, until: Date) {
  return db
    .update(credentials)
    .set({ refreshLeaseUntil: null })
    .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, credentialId), eq(credentials.refreshLeaseUntil, until.toISOString())));
}

/**
 * Replaces credential `previousId` by `next`, only while `previousId` is still active: the
 * insert copies nothing when another writer already replaced it, and the destroy then finds
 * nothing either. Run both in one atomic group, then read which credential is active.
 */
export function credentialReplaceIfActive(db: Database, previousId: string, next: typeof credentials.$inferInsert & { id: string; expiresAt: string | null }) {
  const value = <T>(v: T) => sql`${v}`;
  return [
    db.insert(credentials).select(
      db
        .select({
          id: value(next.id).as('id'),
          workspaceId: value(next.workspaceId).as('workspace_id'),
          targetId: value(next.targetId).as('target_id'),
          kind: value(next.kind).as('kind'),
          keyId: value(next.keyId).as('key_id'),
          ciphertext: value(next.ciphertext).as('ciphertext'),
          fingerprint: value(next.fingerprint).as('fingerprint'),
          createdAt: value(next.createdAt).as('created_at'),
          expiresAt: value(next.expiresAt).as('expires_at'),
          revokedAt: sql`null`.as('revoked_at'),
          refreshLeaseUntil: sql`null`.as('refresh_lease_until'),
        })
        .from(credentials)
        .where(and(eq(credentials.workspaceId, next.workspaceId), eq(credentials.id, previousId), isNull(credentials.revokedAt))),
    ),
    db
      .update(credentials)
      .set({ ciphertext: '', revokedAt: next.createdAt, refreshLeaseUntil: null })
      .where(and(eq(credentials.workspaceId, next.workspaceId), eq(credentials.id, previousId), isNull(credentials.revokedAt))),
  ] as const;
}

/** What a new credential row holds: sealed secret and metadata, bound to its workspace and target. */
export interface NewCredential {
  workspaceId: string;
  targetId: string;
  kind: CredentialRow['kind'];
  keyId: string;
  ciphertext: string;
  fingerprint: string;
  createdAt: string;
  expiresAt: string | null;
}

/**
 * The one way a target gets a new credential: destroy the active one (revoked at `revokedAt`,
 * ciphertext overwritten) and insert the new one. Both writes join the caller's atomic group.
 * With `onlyIfActive` (a refresh), the swap happens only while that credential is still the
 * active one, so two refreshers cannot both win (see `credentialReplaceIfActive`).
 */
export function replaceActiveCredential(
  db: Database,
  next: NewCredential & { id: string },
  revokedAt: Date,
  options: { onlyIfActive?: string } = {},
): readonly AtomicWrite[] {
  if (options.onlyIfActive) return credentialReplaceIfActive(db, options.onlyIfActive, next);
  return [credentialsDestroy(db, next.workspaceId, next.targetId, revokedAt), db.insert(credentials).values({ ...next, revokedAt: null })];
}

/** Every credential row of one target of one workspace, destroyed ones included (deleting a draft). */
export function credentialsDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(credentials).where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.targetId, targetId)));
}
