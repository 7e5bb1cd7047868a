import type { AppDeps } from '../../deps';
import type { ForgeInvocation } from '../../forge/verify-forge-invocation';
import { issueStatusOf } from '../../jira/issue-status';
import { objectOf } from '../../jira/jira-rest';
import { findInstallation } from '../../providers/jira-cloud/forge-installations';
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
 * A verified Forge issue-event trigger: the installation (as the invocation token proves it) names
 * the paired target; the issue counts only when it is in that target's finding-to-issue map, so an
 * issue someone else labelled, or the property copied onto another issue, changes nothing.
 */
export async function receiveForgeIssueEvent(deps: AppDeps, invocation: ForgeInvocation, body: unknown): Promise<ForgeIssueEventReceipt> {
  const installation = await findInstallation(deps, invocation.installationId);
  if (!installation?.workspaceId || !installation.targetId || installation.uninstalledAt) return { outcome: 'not_paired' };
  const event = objectOf(body);
  const kind = typeof event.eventType === 'string' ? FORGE_ISSUE_EVENT_KINDS[event.eventType] : undefined;
  const report = kind ? issueStatusOf(event.issue, kind.deleted) : null;
  if (!report) return { outcome: 'ignored' };
  const outcome = await recordIssueStatus(deps, { workspaceId: installation.workspaceId, targetId: installation.targetId }, report, 'forge_trigger');
  return { outcome };
}
