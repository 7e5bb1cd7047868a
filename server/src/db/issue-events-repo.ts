import { and, asc, eq, gt } from 'drizzle-orm';
import { issueEvents } from './schema';
import type { Database } from './database';
import type { IssueStatusReport, StatusSource } from './issue-statuses-repo';

export type IssueEventRow = typeof issueEvents.$inferSelect;

/** The append of one status change, for an atomic group with the status upsert. */
export function issueEventInsert(
  db: Database,
  ref: { workspaceId: string; targetId: string; fingerprint: string },
  report: IssueStatusReport,
  source: StatusSource,
  at: Date,
) {
  return db.insert(issueEvents).values({
    ...ref,
    issueKey: report.issueKey,
    statusName: report.statusName,
    statusCategory: report.statusCategory,
    resolution: report.resolution,
    jiraUpdatedAt: report.jiraUpdatedAt,
    deleted: report.deleted,
    source,
    createdAt: at.toISOString(),
  });
}

/** One keyset page of a target's events: ids after `after`, oldest first, scoped to the workspace. */
export function listIssueEventsAfter(db: Database, workspaceId: string, targetId: string, after: number, limit: number): Promise<IssueEventRow[]> {
  return db
    .select()
    .from(issueEvents)
    .where(and(eq(issueEvents.workspaceId, workspaceId), eq(issueEvents.targetId, targetId), gt(issueEvents.id, after)))
    .orderBy(asc(issueEvents.id))
    .limit(limit);
}

/** A target's status events (deleting a draft). */
export function issueEventsDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(issueEvents).where(and(eq(issueEvents.workspaceId, workspaceId), eq(issueEvents.targetId, targetId)));
}
