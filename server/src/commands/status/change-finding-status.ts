import type { AppDeps, Principal } from '../../deps';
import { auditInsert } from '../../db/audit-repo';
import { findingLinkOf } from '../../db/finding-links-repo';
import type { IssueStatusReport } from '../../db/issue-statuses-repo';
import { findTarget } from '../../db/targets-repo';
import type { IssueTransition } from '../../jira/issue-workflow';
import { AppError, notFound, notFoundWith } from '../../errors';
import { connectJira } from '../export/connect-jira';
import type { ExportRuntime } from '../export/export-runtime';
import { throwForJiraProblem } from '../export/jira-problem-error';
import { assertExportable } from '../export/read-export-readiness';
import { recordIssueStatus } from './record-issue-status';

/** Which way a finding's issue moves: into a done-category status, or out of it. */
export type StatusDirection = 'resolve' | 'reopen';

/** The answer to `POST …/findings/{fingerprint}/resolve|reopen`. */
export interface ChangeStatusResult {
  action: 'resolved' | 'reopened';
  target_id: string;
  fingerprint: string;
  issue: { id: string; key: string; url: string };
  transition: { id: string; name: string };
  status: { id: string | null; name: string | null; category: string | null; resolution: string | null };
}

/** Per direction: which target categories a transition may lead to, the default comment, the audit action. */
const DIRECTIONS: Record<StatusDirection, { leadsTo(category: string | null): boolean; comment: string; action: ChangeStatusResult['action'] }> = {
  resolve: {
    leadsTo: (category) => category === 'done',
    comment: 'WebRiskOps: this finding is no longer detected; the issue was resolved by the export job.',
    action: 'resolved',
  },
  reopen: {
    leadsTo: (category) => category === 'new' || category === 'indeterminate',
    comment: 'WebRiskOps: this finding was detected again; the issue was reopened by the export job.',
    action: 'reopened',
  },
};

/** Resolution names preferred when a done screen requires one and has no default. */
const PREFERRED_RESOLUTIONS = ['done', 'fixed'];

/**
 * The fields a transition needs from us: a required resolution without default gets Done (or Fixed,
 * or the first allowed one) when resolving; any other required field without default cannot be filled.
 */
function fieldsFor(transition: IssueTransition, direction: StatusDirection): { fields: Record<string, unknown>; resolution: string | null; missing: string[] } {
  const fields: Record<string, unknown> = {};
  const missing: string[] = [];
  let resolution: string | null = null;
  for (const field of transition.fields) {
    if (!field.required || field.hasDefaultValue) continue;
    if (field.id === 'resolution' && direction === 'resolve' && field.allowedValues.length > 0) {
      const chosen = field.allowedValues.find((value) => PREFERRED_RESOLUTIONS.includes((value.name ?? '').toLowerCase())) ?? field.allowedValues[0]!;
      fields.resolution = { id: chosen.id };
      resolution = chosen.name;
    } else missing.push(`${field.name} (${field.id})`);
  }
  return { fields, resolution, missing };
}

/**
 * Moves a finding's issue into (resolve) or out of (reopen) a done-category status through a
 * transition the workflow offers from where the issue is, with a comment. Refuses with
 * NO_TRANSITION when no offered transition leads there, TRANSITION_NEEDS_FIELDS when each one's
 * screen requires fields the companion cannot fill. Through the export's turn guard and checked egress; audited.
 */
export async function changeFindingStatus(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  targetId: string,
  fingerprint: string,
  direction: StatusDirection,
  note: string | null,
): Promise<ChangeStatusResult> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  const link = await findingLinkOf(deps.store.db, { workspaceId: principal.workspaceId, targetId, fingerprint });
  if (!link) {
    throw notFoundWith(
      `No Jira issue is recorded for finding ${fingerprint} on this target.`,
      'Export the finding first (POST /api/v1/targets/{id}/issues); only issues the companion created or adopted can be resolved or reopened.',
    );
  }
  assertExportable(deps, target);
  const rule = DIRECTIONS[direction];
  const api = await connectJira(deps, runtime, principal, target);
  const offered = await api.workflow.transitions(link.issueKey);
  if (!offered.ok) return throwForJiraProblem(deps, principal, targetId, offered.problem, 'GET /issue/{key}/transitions');
  if (offered.value === 'not_found') {
    throw notFoundWith(
      `Jira no longer shows issue ${link.issueKey} (deleted, or moved out of the credential's reach).`,
      'Export the finding again to create a new issue.',
    );
  }
  const candidates = offered.value.filter((transition) => rule.leadsTo(transition.to.category));
  if (candidates.length === 0) {
    const names =
      offered.value.map((transition) => `${transition.name} → ${transition.to.name ?? '?'} (${transition.to.category ?? '?'})`).join(', ') || 'none';
    throw new AppError(
      'NO_TRANSITION',
      409,
      `The workflow of ${link.issueKey} offers no transition from its current status to a ${direction === 'resolve' ? 'done' : 'to-do or in-progress'} status; offered: ${names}. Nothing was changed.`,
      `Ask the Jira admin to add such a transition to the workflow (or grant the Transition Issues permission), or ${direction} the issue in Jira by hand.`,
    );
  }
  const planned = candidates.map((transition) => ({ transition, ...fieldsFor(transition, direction) }));
  const chosen = planned.find((plan) => plan.missing.length === 0);
  if (!chosen) {
    const named = planned.map((plan) => `${plan.transition.name}: ${plan.missing.join(', ')}`).join('; ');
    throw new AppError(
      'TRANSITION_NEEDS_FIELDS',
      422,
      `Every transition of ${link.issueKey} that would ${direction} it shows a screen with required fields the companion cannot fill (${named}). Nothing was changed.`,
      `Ask the Jira admin to give those fields defaults or remove them from the transition screen, or ${direction} the issue in Jira by hand.`,
    );
  }
  const comment = note ? `${rule.comment}\n\n${note}` : rule.comment;
  const moved = await api.workflow.transition(link.issueKey, chosen.transition.id, chosen.fields, comment);
  if (!moved.ok) return throwForJiraProblem(deps, principal, targetId, moved.problem, 'POST /issue/{key}/transitions');
  // Jira's own record after the move (with its `updated`, so a delayed older webhook stays stale); the transition's target if it cannot be read.
  const after = await api.workflow.issueStatus(link.issueKey);
  const report: IssueStatusReport =
    after.ok && after.value !== 'not_found' && after.value.issueId === link.issueId
      ? after.value
      : {
          issueId: link.issueId,
          issueKey: link.issueKey,
          statusId: chosen.transition.to.id,
          statusName: chosen.transition.to.name,
          statusCategory: chosen.transition.to.category,
          resolution: direction === 'resolve' ? chosen.resolution : null,
          jiraUpdatedAt: null,
          deleted: false,
        };
  await recordIssueStatus(deps, { workspaceId: principal.workspaceId, targetId }, report, 'companion', [
    auditInsert(deps.store.db, {
      workspaceId: principal.workspaceId,
      targetId,
      actor: principal.actor,
      action: `finding.${rule.action}`,
      detail: { fingerprint, issue_key: link.issueKey, transition: chosen.transition.name, to_status: chosen.transition.to.name },
      at: deps.clock.now(),
    }),
  ]);
  return {
    action: rule.action,
    target_id: targetId,
    fingerprint,
    issue: { id: link.issueId, key: link.issueKey, url: api.browseUrl(link.issueKey) },
    transition: { id: chosen.transition.id, name: chosen.transition.name },
    status: { id: report.statusId, name: report.statusName, category: report.statusCategory, resolution: report.resolution },
  };
}
