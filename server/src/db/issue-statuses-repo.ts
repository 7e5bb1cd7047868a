import { and, eq } from 'drizzle-orm';
import { findingIssueStatuses } from './schema';
import type { Database } from './database';

/** Who told the companion about an issue's status. */
export type StatusSource = 'forge_trigger' | 'webhook' | 'poll' | 'companion';

/** Jira's status category keys (`statusCategory.key`). */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** An issue's status as one report told it. */
export interface IssueStatusReport {
  issueId: string;
  issueKey: string;
  statusId: string | null;
  statusName: string | null;
  statusCategory: StatusCategory | null;
  resolution: string | null;
  /**
   * True when the source did not carry the resolution field at all (a Forge issue event's issue
   * has only summary, issue type, creator, created, project, reporter, assignee, updated and
   * status), so `resolution` is not Jira's word: see recordIssueStatus.
   */
  resolutionMissing?: boolean;
  /** Jira's `updated` (ISO), when the report carried it. */
  jiraUpdatedAt: string | null;
  deleted: boolean;
}

export type FindingIssueStatusRow = typeof findingIssueStatuses.$inferSelect;

/** The status row of one finding of a target, scoped to the workspace. */
export async function findIssueStatus(db: Database, workspaceId: string, targetId: string, fingerprint: string): Promise<FindingIssueStatusRow | null> {
  const [row] = await db
    .select()
    .from(findingIssueStatuses)
    .where(
      and(eq(findingIssueStatuses.workspaceId, workspaceId), eq(findingIssueStatuses.targetId, targetId), eq(findingIssueStatuses.fingerprint, fingerprint)),
    )
    .limit(1);
  return row ?? null;
}

/** The upsert of a finding's status, for an atomic group with its event. */
export function issueStatusUpsert(
  db: Database,
  ref: { workspaceId: string; targetId: string; fingerprint: string },
  report: IssueStatusReport,
  source: StatusSource,
  at: Date,
) {
  const values = { ...report, source, recordedAt: at.toISOString() };
  return db
    .insert(findingIssueStatuses)
    .values({ ...ref, ...values })
    .onConflictDoUpdate({ target: [findingIssueStatuses.workspaceId, findingIssueStatuses.targetId, findingIssueStatuses.fingerprint], set: values });
}

/** A target's issue statuses (deleting a draft). */
export function issueStatusesDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(findingIssueStatuses).where(and(eq(findingIssueStatuses.workspaceId, workspaceId), eq(findingIssueStatuses.targetId, targetId)));
}
