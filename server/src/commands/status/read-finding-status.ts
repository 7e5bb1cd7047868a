import type { AppDeps, Principal } from '../../deps';
import { findingLinkOf } from '../../db/finding-links-repo';
import { listIssueEventsAfter } from '../../db/issue-events-repo';
import { findIssueStatus, type StatusCategory, type StatusSource } from '../../db/issue-statuses-repo';
import { findTarget } from '../../db/targets-repo';
import { notFound, notFoundWith } from '../../errors';

/** A finding's issue and its status as last told, for `GET /targets/{id}/findings/{fingerprint}`. */
export interface FindingStatusView {
  target_id: string;
  fingerprint: string;
  issue: { id: string; key: string; url: string };
  /** Null until a source told the companion (Forge trigger, webhook, poll, or its own resolve/reopen). */
  status: {
    id: string | null;
    name: string | null;
    category: StatusCategory | null;
    resolution: string | null;
    updated: string | null;
    deleted: boolean;
    source: StatusSource;
    recorded_at: string;
  } | null;
}

/** One status change in the feed. */
export interface IssueEventView {
  cursor: number;
  fingerprint: string;
  issue_key: string;
  status: string | null;
  status_category: StatusCategory | null;
  resolution: string | null;
  updated: string | null;
  deleted: boolean;
  source: StatusSource;
  recorded_at: string;
}

/** A keyset page of the feed: `next_cursor` is what to send as `after` next (the same when nothing new came). */
export interface IssueEventsPage {
  target_id: string;
  events: IssueEventView[];
  next_cursor: number;
}

async function scopedTarget(deps: AppDeps, principal: Principal, targetId: string) {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  return target;
}

/** The finding's issue (from the local map) and its recorded status; no call to Jira. */
export async function readFindingStatus(deps: AppDeps, principal: Principal, targetId: string, fingerprint: string): Promise<FindingStatusView> {
  const target = await scopedTarget(deps, principal, targetId);
  const link = await findingLinkOf(deps.store.db, { workspaceId: principal.workspaceId, targetId, fingerprint });
  if (!link)
    throw notFoundWith(`No Jira issue is recorded for finding ${fingerprint} on this target.`, 'Export the finding first (POST /api/v1/targets/{id}/issues).');
  const row = await findIssueStatus(deps.store.db, principal.workspaceId, targetId, fingerprint);
  const baseUrl = (target.base_url ?? '').replace(/\/+$/, '');
  const issueKey = row?.issueKey ?? link.issueKey;
  return {
    target_id: targetId,
    fingerprint,
    issue: { id: link.issueId, key: issueKey, url: `${baseUrl}/browse/${encodeURIComponent(issueKey)}` },
    status: row
      ? {
          id: row.statusId,
          name: row.statusName,
          category: row.statusCategory,
          resolution: row.resolution,
          updated: row.jiraUpdatedAt,
          deleted: row.deleted,
          source: row.source,
          recorded_at: row.recordedAt,
        }
      : null,
  };
}

/** The status changes of a target's findings after `after`, oldest first: a job keeps `next_cursor` and asks again. */
export async function listIssueEvents(deps: AppDeps, principal: Principal, targetId: string, after: number, limit: number): Promise<IssueEventsPage> {
  await scopedTarget(deps, principal, targetId);
  const rows = await listIssueEventsAfter(deps.store.db, principal.workspaceId, targetId, after, limit);
  return {
    target_id: targetId,
    events: rows.map((row) => ({
      cursor: row.id,
      fingerprint: row.fingerprint,
      issue_key: row.issueKey,
      status: row.statusName,
      status_category: row.statusCategory,
      resolution: row.resolution,
      updated: row.jiraUpdatedAt,
      deleted: row.deleted,
      source: row.source,
      recorded_at: row.createdAt,
    })),
    next_cursor: rows.at(-1)?.id ?? after,
  };
}
