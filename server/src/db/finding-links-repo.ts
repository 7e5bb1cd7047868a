import { and, eq, isNull, sql } from 'drizzle-orm';
import { exportFindingIssues } from './schema';
import type { Database } from './database';
import { preparedPerDatabase } from './prepared-per-database';

/** Where a finding stands on a target: linked to an issue, being created by us, or by someone else. */
export type FindingClaim =
  | { kind: 'linked'; issueId: string; issueKey: string }
  /** Ours to create; `lostCreateAt` says an earlier create's answer was lost at that time, its proof made over `lostCreateNonce`. */
  | { kind: 'owner'; owner: string; lostCreateAt: string | null; lostCreateNonce: string | null }
  | { kind: 'busy' };

export interface FindingRef {
  workspaceId: string;
  targetId: string;
  fingerprint: string;
}

const rowOf = (ref: FindingRef) =>
  and(
    eq(exportFindingIssues.workspaceId, ref.workspaceId),
    eq(exportFindingIssues.targetId, ref.targetId),
    eq(exportFindingIssues.fingerprint, ref.fingerprint),
  );

// Prepared once per database: every export call reads its finding's row first.
const rowQuery = preparedPerDatabase((db) =>
  db
    .select()
    .from(exportFindingIssues)
    .where(
      and(
        eq(exportFindingIssues.workspaceId, sql.placeholder('workspaceId')),
        eq(exportFindingIssues.targetId, sql.placeholder('targetId')),
        eq(exportFindingIssues.fingerprint, sql.placeholder('fingerprint')),
      ),
    )
    .prepare(),
);

const readRow = async (db: Database, ref: FindingRef) => (await rowQuery(db).all({ ...ref }))[0];

/**
 * The finding-to-issue map and the lock on creating: the first caller inserts a `creating` row
 * (atomically: the unique key refuses the others) and holds it for `leaseMs` as `newOwner()`; a lease
 * that ran out is taken over by exactly one caller. A linked row answers at once.
 */
export async function findingLinkClaim(
  db: Database,
  ref: FindingRef,
  projectKey: string,
  newOwner: () => string,
  now: Date,
  leaseMs: number,
): Promise<FindingClaim> {
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  // The common case (exported before) is one read; only a missing row costs the atomic insert.
  let row = await readRow(db, ref);
  if (!row) {
    const owner = newOwner();
    const inserted = await db
      .insert(exportFindingIssues)
      .values({ ...ref, projectKey, state: 'creating', leaseOwner: owner, leaseUntil, createdAt: now.toISOString(), updatedAt: now.toISOString() })
      .onConflictDoNothing()
      .returning({ fingerprint: exportFindingIssues.fingerprint });
    if (inserted.length > 0) return { kind: 'owner', owner, lostCreateAt: null, lostCreateNonce: null };
    row = await readRow(db, ref);
    if (!row) return { kind: 'busy' };
  }
  if (row.state === 'linked' && row.issueId && row.issueKey) return { kind: 'linked', issueId: row.issueId, issueKey: row.issueKey };
  if (row.leaseUntil && row.leaseUntil > now.toISOString()) return { kind: 'busy' };
  const owner = newOwner();
  const taken = await db
    .update(exportFindingIssues)
    .set({ leaseOwner: owner, leaseUntil, projectKey, updatedAt: now.toISOString() })
    .where(
      and(
        rowOf(ref),
        eq(exportFindingIssues.state, 'creating'),
        row.leaseUntil ? eq(exportFindingIssues.leaseUntil, row.leaseUntil) : isNull(exportFindingIssues.leaseUntil),
      ),
    )
    .returning({ fingerprint: exportFindingIssues.fingerprint });
  return taken.length > 0 ? { kind: 'owner', owner, lostCreateAt: row.lostCreateAt, lostCreateNonce: row.lostCreateNonce } : { kind: 'busy' };
}

/** Records the issue that carries the finding (and ends any lease). */
export async function findingLinkSet(db: Database, ref: FindingRef, projectKey: string, issue: { id: string; key: string }, now: Date): Promise<void> {
  const at = now.toISOString();
  const values = {
    projectKey,
    state: 'linked' as const,
    issueId: issue.id,
    issueKey: issue.key,
    leaseOwner: null,
    leaseUntil: null,
    lostCreateAt: null,
    lostCreateNonce: null,
    updatedAt: at,
  };
  await db
    .insert(exportFindingIssues)
    .values({ ...ref, ...values, createdAt: at })
    .onConflictDoUpdate({ target: [exportFindingIssues.workspaceId, exportFindingIssues.targetId, exportFindingIssues.fingerprint], set: values });
}

/** Records, while `owner` holds the lease, that a create was sent and its answer lost. */
export async function findingLinkMarkLostCreate(db: Database, ref: FindingRef, owner: string, nonce: string, at: string): Promise<void> {
  await db
    .update(exportFindingIssues)
    .set({ lostCreateAt: at, lostCreateNonce: nonce, updatedAt: at })
    .where(and(rowOf(ref), eq(exportFindingIssues.state, 'creating'), eq(exportFindingIssues.leaseOwner, owner)));
}

/** Ends `owner`'s lease at `now`; the row stays, so the next caller searches Jira first. */
export async function findingLinkRelease(db: Database, ref: FindingRef, owner: string, now: Date): Promise<void> {
  await db
    .update(exportFindingIssues)
    .set({ leaseUntil: now.toISOString(), leaseOwner: null })
    .where(and(rowOf(ref), eq(exportFindingIssues.state, 'creating'), eq(exportFindingIssues.leaseOwner, owner)));
}

/** Forgets a link to an issue Jira no longer shows. */
export async function findingLinkForget(db: Database, ref: FindingRef, issueId: string): Promise<void> {
  await db.delete(exportFindingIssues).where(and(rowOf(ref), eq(exportFindingIssues.issueId, issueId)));
}

/** Every finding link of one target of one workspace (deleting a draft). */
export function findingLinksDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(exportFindingIssues).where(and(eq(exportFindingIssues.workspaceId, workspaceId), eq(exportFindingIssues.targetId, targetId)));
}

/** The finding a target's issue carries, by Jira issue id (only linked rows count). */
export async function findingLinkByIssue(
  db: Database,
  workspaceId: string,
  targetId: string,
  issueId: string,
): Promise<{ fingerprint: string; issueKey: string } | null> {
  const [row] = await db
    .select({ fingerprint: exportFindingIssues.fingerprint, issueKey: exportFindingIssues.issueKey })
    .from(exportFindingIssues)
    .where(
      and(
        eq(exportFindingIssues.workspaceId, workspaceId),
        eq(exportFindingIssues.targetId, targetId),
        eq(exportFindingIssues.issueId, issueId),
        eq(exportFindingIssues.state, 'linked'),
      ),
    )
    .limit(1);
  return row?.issueKey ? { fingerprint: row.fingerprint, issueKey: row.issueKey } : null;
}

/** The linked findings of a target (fingerprint and issue), for polling; scoped to the workspace. */
export async function listLinkedFindings(
  db: Database,
  workspaceId: string,
  targetId: string,
): Promise<{ fingerprint: string; issueId: string; issueKey: string }[]> {
  const rows = await db
    .select({ fingerprint: exportFindingIssues.fingerprint, issueId: exportFindingIssues.issueId, issueKey: exportFindingIssues.issueKey })
    .from(exportFindingIssues)
    .where(and(eq(exportFindingIssues.workspaceId, workspaceId), eq(exportFindingIssues.targetId, targetId), eq(exportFindingIssues.state, 'linked')));
  return rows.flatMap((row) => (row.issueId && row.issueKey ? [{ fingerprint: row.fingerprint, issueId: row.issueId, issueKey: row.issueKey }] : []));
}

/** The issue a finding of a target is linked to, or null (not exported, or still being created). */
export async function findingLinkOf(db: Database, ref: FindingRef): Promise<{ issueId: string; issueKey: string } | null> {
  const [row] = await db.select().from(exportFindingIssues).where(rowOf(ref)).limit(1);
  return row?.state === 'linked' && row.issueId && row.issueKey ? { issueId: row.issueId, issueKey: row.issueKey } : null;
}
