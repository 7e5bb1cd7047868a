import type { AppDeps } from '../../deps';
import type { AtomicWrite } from '../../db/database';
import { findingLinkByIssue } from '../../db/finding-links-repo';
import { issueEventInsert } from '../../db/issue-events-repo';
import { findIssueStatus, issueStatusUpsert, type FindingIssueStatusRow, type IssueStatusReport, type StatusSource } from '../../db/issue-statuses-repo';

/** What one report did: a new event, the same status again, an older report than the one held, or an issue that is not ours. */
export type RecordOutcome = 'changed' | 'unchanged' | 'stale' | 'not_ours';

const sameStatus = (current: FindingIssueStatusRow, report: IssueStatusReport) =>
  current.issueKey === report.issueKey &&
  current.statusId === report.statusId &&
  current.statusCategory === report.statusCategory &&
  current.resolution === report.resolution &&
  current.deleted === report.deleted;

/**
 * Records what a source told about an issue of a target: only issues in the target's own
 * finding-to-issue map count (anything else is not ours and changes nothing); a report older than
 * the one held (Jira's `updated`) is ignored; a change appends one event, a repeat none. `alsoWrite`
 * (a webhook delivery id) commits in the same atomic group, so a twin delivery racing this one fails whole.
 */
export async function recordIssueStatus(
  deps: AppDeps,
  scope: { workspaceId: string; targetId: string },
  report: IssueStatusReport,
  source: StatusSource,
  alsoWrite: AtomicWrite[] = [],
): Promise<RecordOutcome> {
  const { db } = deps.store;
  const link = await findingLinkByIssue(db, scope.workspaceId, scope.targetId, report.issueId);
  const commitOnly = async (outcome: RecordOutcome) => {
    if (alsoWrite.length > 0) await deps.store.atomic(alsoWrite);
    return outcome;
  };
  if (!link) return commitOnly('not_ours');
  const ref = { ...scope, fingerprint: link.fingerprint };
  const current = await findIssueStatus(db, scope.workspaceId, scope.targetId, link.fingerprint);
  if (current?.jiraUpdatedAt && report.jiraUpdatedAt && report.jiraUpdatedAt < current.jiraUpdatedAt) return commitOnly('stale');
  // A deletion carries no status of its own: the last known one stays, marked deleted.
  const told: IssueStatusReport =
    report.deleted && current && report.statusCategory === null
      ? { ...report, statusId: current.statusId, statusName: current.statusName, statusCategory: current.statusCategory, resolution: current.resolution }
      : report;
  // A report without Jira's `updated` (the companion's own transition) keeps the last one, so a delayed older delivery stays stale.
  // A report without the resolution field keeps the one held while the issue stays done (Jira
  // resolves an issue as it enters a done status and clears it as it leaves), else none.
  const { resolutionMissing, ...known } = told;
  const merged: IssueStatusReport = {
    ...known,
    resolution: resolutionMissing ? (known.statusCategory === 'done' && current?.statusCategory === 'done' ? current.resolution : null) : known.resolution,
    jiraUpdatedAt: told.jiraUpdatedAt ?? current?.jiraUpdatedAt ?? null,
  };
  const changed = !current || !sameStatus(current, merged);
  const at = deps.clock.now();
  await deps.store.atomic([...alsoWrite, issueStatusUpsert(db, ref, merged, source, at), ...(changed ? [issueEventInsert(db, ref, merged, source, at)] : [])]);
  return changed ? 'changed' : 'unchanged';
}
