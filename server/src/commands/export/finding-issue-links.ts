import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { exportFindingIssues } from '../../db/schema';
import { newId } from '../../crypto/tokens';

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
  and(eq(exportFindingIssues.workspaceId, ref.workspaceId), eq(exportFindingIssues.targetId, ref.targetId), eq(exportFindingIssues.fingerprint, ref.fingerprint));

/**
 * The finding-to-issue map and the lock on creating: the first caller inserts a `creating` row
 * (atomically: the unique key refuses the others) and holds it for `leaseMs`; a lease that ran out
 * (a crashed process, a lost answer) is taken over by exactly one caller, who searches Jira before
 * creating anything. A linked row answers at once.
 */
export async function claimFinding(deps: AppDeps, ref: FindingRef, projectKey: string, leaseMs: number): Promise<FindingClaim> {
  const { db } = deps.store;
  const now = deps.clock.now();
  const owner = newId('lease');
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  // The common case (exported before) is one read; only a missing row costs the atomic insert.
  let [row] = await db.select().from(exportFindingIssues).where(rowOf(ref)).limit(1);
  if (!row) {
    const inserted = await db
      .insert(exportFindingIssues)
      .values({ ...ref, projectKey, state: 'creating', leaseOwner: owner, leaseUntil, createdAt: now.toISOString(), updatedAt: now.toISOString() })
      .onConflictDoNothing()
      .returning({ fingerprint: exportFindingIssues.fingerprint });
    if (inserted.length > 0) return { kind: 'owner', owner, lostCreateAt: null, lostCreateNonce: null };
    [row] = await db.select().from(exportFindingIssues).where(rowOf(ref)).limit(1);
    if (!row) return { kind: 'busy' };
  }
  if (row.state === 'linked' && row.issueId && row.issueKey) return { kind: 'linked', issueId: row.issueId, issueKey: row.issueKey };
  if (row.leaseUntil && row.leaseUntil > now.toISOString()) return { kind: 'busy' };
  const taken = await db
    .update(exportFindingIssues)
    .set({ leaseOwner: owner, leaseUntil, projectKey, updatedAt: now.toISOString() })
    .where(and(rowOf(ref), eq(exportFindingIssues.state, 'creating'), row.leaseUntil ? eq(exportFindingIssues.leaseUntil, row.leaseUntil) : isNull(exportFindingIssues.leaseUntil)))
    .returning({ fingerprint: exportFindingIssues.fingerprint });
  return taken.length > 0 ? { kind: 'owner', owner, lostCreateAt: row.lostCreateAt, lostCreateNonce: row.lostCreateNonce } : { kind: 'busy' };
}

/** Records the issue that carries the finding (and ends any lease). */
export async function linkFinding(deps: AppDeps, ref: FindingRef, projectKey: string, issue: { id: string; key: string }): Promise<void> {
  const now = deps.clock.now().toISOString();
  const values = { projectKey, state: 'linked' as const, issueId: issue.id, issueKey: issue.key, leaseOwner: null, leaseUntil: null, lostCreateAt: null, lostCreateNonce: null, updatedAt: now };
  await deps.store.db
    .insert(exportFindingIssues)
    .values({ ...ref, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [exportFindingIssues.workspaceId, exportFindingIssues.targetId, exportFindingIssues.fingerprint], set: values });
}

/**
 * Records that a create was sent and its answer lost: the issue may exist although search does not
 * show it yet; it carries a proof made over `nonce`, which whoever reconciles later must accept.
 */
export async function markLostCreate(deps: AppDeps, ref: FindingRef, owner: string, nonce: string): Promise<string> {
  const at = deps.clock.now().toISOString();
  await deps.store.db
    .update(exportFindingIssues)
    .set({ lostCreateAt: at, lostCreateNonce: nonce, updatedAt: at })
    .where(and(rowOf(ref), eq(exportFindingIssues.state, 'creating'), eq(exportFindingIssues.leaseOwner, owner)));
  return at;
}

/** Ends our lease early after a failure; the row stays, so the next caller searches Jira first. */
export async function releaseFinding(deps: AppDeps, ref: FindingRef, owner: string): Promise<void> {
  await deps.store.db
    .update(exportFindingIssues)
    .set({ leaseUntil: deps.clock.now().toISOString(), leaseOwner: null })
    .where(and(rowOf(ref), eq(exportFindingIssues.state, 'creating'), eq(exportFindingIssues.leaseOwner, owner)));
}

/** Forgets a link whose issue Jira no longer shows (deleted or moved out of reach). */
export async function forgetFinding(deps: AppDeps, ref: FindingRef, issueId: string): Promise<void> {
  await deps.store.db.delete(exportFindingIssues).where(and(rowOf(ref), eq(exportFindingIssues.issueId, issueId)));
}
