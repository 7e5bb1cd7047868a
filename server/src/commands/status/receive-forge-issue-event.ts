import type { AppDeps, Principal } from '../../deps';
import { findingLinkByIssue } from '../../db/finding-links-repo';
import type { IssueStatusReport } from '../../db/issue-statuses-repo';
import { findTarget } from '../../db/targets-repo';
import type { ForgeInvocation } from '../../forge/verify-forge-invocation';
import { issueStatusOf } from '../../jira/issue-status';
import { objectOf } from '../../jira/jira-rest';
import { findInstallation } from '../../providers/jira-cloud/forge-installations';
import { connectJira } from '../export/connect-jira';
import { createExportRuntime } from '../export/export-runtime';
import { assertExportable } from '../export/read-export-readiness';
import { recordIssueStatus, type RecordOutcome } from './record-issue-status';

/** The Forge issue events the status trigger subscribes to, and whether each means the issue is gone. */
const FORGE_ISSUE_EVENT_KINDS: Record<string, { deleted: boolean }> = {
  'avi:jira:updated:issue': { deleted: false },
  'avi:jira:deleted:issue': { deleted: true },
};

/** What one trigger invocation did (always answered 2xx: a retry would change nothing). */
export interface ForgeIssueEventReceipt {
  outcome: RecordOutcome | 'not_paired' | 'ignored';
}

/**
 * The issue's status as Jira gives it now, for an update event of one of the target's own issues:
 * the event's issue carries no resolution (Atlassian's payload has summary, issue type, creator,
 * created, project, reporter, assignee, updated and status), and "Done" means little to a security
 * team without "Fixed" or "Won't Do". Null when the issue is not ours (no call is made) or Jira
 * cannot be read now: the event's own report is recorded then, its resolution kept while the
 * issue stays done, and the next poll reads the rest.
 */
async function statusFromJira(deps: AppDeps, scope: { workspaceId: string; targetId: string }, told: IssueStatusReport): Promise<IssueStatusReport | null> {
  if (!told.resolutionMissing || !(await findingLinkByIssue(deps.store.db, scope.workspaceId, scope.targetId, told.issueId))) return null;
  const target = await findTarget(deps.store.db, scope.workspaceId, scope.targetId);
  if (!target) return null;
  let problem: string;
  try {
    assertExportable(deps, target);
    const principal: Principal = { workspaceId: scope.workspaceId, role: 'admin', actor: 'system:forge-trigger' };
    const api = await connectJira(
      deps,
      createExportRuntime({}, () => deps.clock.now().getTime()),
      principal,
      target,
    );
    const read = await api.workflow.issueStatus(told.issueId);
    if (read.ok && read.value !== 'not_found') return read.value;
    problem = read.ok ? 'not_found' : read.problem.kind;
  } catch (error) {
    problem = (error as Error).name;
  }
  deps.logger.warn('forge issue event: the issue could not be read back; the event is recorded as it came', {
    target_id: scope.targetId,
    issue: told.issueKey,
    problem,
  });
  return null;
}

/**
 * A verified Forge issue-event trigger: the installation (as the invocation token proves it) names
 * the paired target; the issue counts only when it is in that target's finding-to-issue map, so an
 * issue someone else labelled, or the property copied onto another issue, changes nothing. An
 * update is read back from Jira for its resolution (see statusFromJira).
 */
export async function receiveForgeIssueEvent(deps: AppDeps, invocation: ForgeInvocation, body: unknown): Promise<ForgeIssueEventReceipt> {
  const installation = await findInstallation(deps, invocation.installationId);
  if (!installation?.workspaceId || !installation.targetId || installation.uninstalledAt) return { outcome: 'not_paired' };
  const event = objectOf(body);
  const kind = typeof event.eventType === 'string' ? FORGE_ISSUE_EVENT_KINDS[event.eventType] : undefined;
  const report = kind ? issueStatusOf(event.issue, kind.deleted) : null;
  if (!report) return { outcome: 'ignored' };
  const scope = { workspaceId: installation.workspaceId, targetId: installation.targetId };
  const outcome = await recordIssueStatus(deps, scope, (await statusFromJira(deps, scope, report)) ?? report, 'forge_trigger');
  return { outcome };
}
