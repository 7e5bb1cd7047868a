import { PROVIDER_KEYS } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { listLinkedFindings } from '../../db/finding-links-repo';
import { findStatusSync, statusSyncClaimPoll, statusSyncReleasePoll } from '../../db/status-sync-repo';
import { findTarget, listTargetsForRecheck } from '../../db/targets-repo';
import { jqlString } from '../../jira/jira-rest';
import { AppError, notFound, rateLimited } from '../../errors';
import { connectJira } from '../export/connect-jira';
import { createExportRuntime, type ExportRuntime } from '../export/export-runtime';
import { findingLabel } from '../export/export-input';
import { throwForJiraProblem } from '../export/jira-problem-error';
import { assertExportable } from '../export/read-export-readiness';
import { recordIssueStatus } from './record-issue-status';

/** Labels per JQL query (Jira caps the length of a query; 50 quoted labels stay far below it). */
const LABELS_PER_QUERY = 50;
/** Minutes added before the last poll: an issue updated while the last poll ran is read again, never missed. */
const OVERLAP_MINUTES = 2;

/** What one poll of a target found. */
export interface PollResult {
  target_id: string;
  findings: number;
  issues_read: number;
  changed: number;
  since: string | null;
}

/**
 * JQL for a batch of finding labels. `updated >= "-Nm"` is relative, so it does not depend on the
 * Jira user's time zone (absolute JQL dates do); N covers the time since the last poll plus an overlap.
 */
export function statusPollJql(fingerprints: readonly string[], sinceMinutes: number | null): string {
  const labels = fingerprints.map((fingerprint) => jqlString(findingLabel(fingerprint))).join(', ');
  const since = sinceMinutes === null ? '' : ` AND updated >= ${jqlString(`-${sinceMinutes}m`)}`;
  return `labels in (${labels})${since} ORDER BY updated ASC`;
}

/**
 * Polls one ready target for status changes of its findings' issues: JQL on the finding labels,
 * updated since the last poll (minus an overlap), through the export's guarded, checked egress.
 * At most one poll per target per STATUS_POLL_MIN_SECONDS, held in the database (429 otherwise);
 * a failed poll gives its window back.
 */
export async function pollIssueStatuses(deps: AppDeps, principal: Principal, targetId: string, runtime?: ExportRuntime): Promise<PollResult> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  assertExportable(deps, target);
  const now = deps.clock.now();
  const previous = (await findStatusSync(deps.store.db, principal.workspaceId, targetId))?.lastPolledAt ?? null;
  const minMs = deps.config.statusSync.pollMinIntervalMs;
  const wait = previous === null ? 0 : Date.parse(previous) + minMs - now.getTime();
  if (wait > 0 || !(await statusSyncClaimPoll(deps.store.db, principal.workspaceId, targetId, now, previous))) {
    throw rateLimited(
      `This target was polled less than ${Math.round(minMs / 1000)} s ago (STATUS_POLL_MIN_SECONDS).`,
      'Wait for Retry-After; status changes are not lost in between (the next poll reads everything updated since the last one).',
      Math.max(1, Math.ceil(wait / 1000)),
    );
  }
  try {
    const findings = await listLinkedFindings(deps.store.db, principal.workspaceId, targetId);
    const sinceMinutes = previous === null ? null : Math.ceil((now.getTime() - Date.parse(previous)) / 60_000) + OVERLAP_MINUTES;
    let issuesRead = 0;
    let changed = 0;
    if (findings.length > 0) {
      const api = await connectJira(deps, runtime ?? createExportRuntime({}, () => deps.clock.now().getTime()), principal, target);
      for (let start = 0; start < findings.length; start += LABELS_PER_QUERY) {
        const batch = findings.slice(start, start + LABELS_PER_QUERY).map(({ fingerprint }) => fingerprint);
        const found = await api.workflow.searchStatuses(statusPollJql(batch, sinceMinutes));
        if (!found.ok) return await throwForJiraProblem(deps, principal, targetId, found.problem, 'the status poll (GET /search)');
        issuesRead += found.value.length;
        for (const report of found.value) {
          if ((await recordIssueStatus(deps, { workspaceId: principal.workspaceId, targetId }, report, 'poll')) === 'changed') changed += 1;
        }
      }
    }
    return { target_id: targetId, findings: findings.length, issues_read: issuesRead, changed, since: previous };
  } catch (error) {
    await statusSyncReleasePoll(deps.store.db, targetId, now, previous);
    throw error;
  }
}

/** The periodic poll: every ready target, one failure never stopping the others. */
export async function pollAllTargets(deps: AppDeps): Promise<{ polled: number; changed: number; errors: number }> {
  const due = await listTargetsForRecheck(deps.store.db, PROVIDER_KEYS, ['ready']);
  const runtime = createExportRuntime({}, () => deps.clock.now().getTime());
  let changed = 0;
  let errors = 0;
  for (const target of due) {
    try {
      changed += (await pollIssueStatuses(deps, { workspaceId: target.workspaceId, role: 'admin', actor: 'system:status-poll' }, target.id, runtime)).changed;
    } catch (error) {
      // Polled a moment ago (by the CLI or another process): nothing is lost, the next round covers it.
      if (error instanceof AppError && error.code === 'RATE_LIMITED') continue;
      errors += 1;
      deps.logger.warn('status poll failed', { workspace_id: target.workspaceId, target_id: target.id, error_name: (error as Error).name });
    }
  }
  return { polled: due.length, changed, errors };
}
