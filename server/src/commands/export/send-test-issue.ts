import type { AppDeps, Principal } from '../../deps';
import { notFound, unprocessable } from '../../errors';
import { auditInsert } from '../../db/audit-repo';
import { findTarget } from '../../db/targets-repo';
import { SEVERITIES, type Finding } from './export-input';
import type { ExportRuntime } from './export-runtime';
import { checkProfileAgainstJira } from './export-profile';
import { createIssueBody } from './issue-content';
import { throwForJiraProblem } from './jira-problem-error';
import { planIssue } from './plan-issue';
import { resolveMapping } from './resolve-mapping';

/** The label every test issue carries, so it is found and deleted easily. */
export const TEST_ISSUE_LABEL = 'webriskops-test';

/** The answer to "Send a test issue". */
export interface TestIssueResult {
  target_id: string;
  project_key: string;
  label: typeof TEST_ISSUE_LABEL;
  issue: { id: string; key: string; url: string };
}

/**
 * `POST /targets/{id}/export-profile/test-issue` (admin): creates one issue with the saved profile
 * through the export path's safety (readiness, the target turn guard, the checked egress, the
 * mapping checked first), labelled webriskops-test and without the finding property, so it is
 * never taken for a finding's issue. Audited with the issue key only.
 */
export async function sendTestIssue(deps: AppDeps, runtime: ExportRuntime, principal: Principal, targetId: string): Promise<TestIssueResult> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  const mapping = await resolveMapping(deps, principal, target.id, undefined);
  const { api, metadata, problems } = await checkProfileAgainstJira(deps, runtime, principal, target, mapping);
  if (problems.length > 0) {
    throw unprocessable(
      `The export profile does not fit its Jira any more: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join(' ')} Nothing was sent.`,
      problems[0]!.next_action,
    );
  }
  const severity = SEVERITIES.find((candidate) => mapping.severity_priority_ids?.[candidate] !== undefined) ?? 'medium';
  const finding: Finding = {
    fingerprint: 'test',
    title: 'WebRiskOps test issue',
    description: 'Sent from the Jira export mapping step to show that the export profile works. You may delete this issue.',
    severity,
    url: 'https://webriskops.invalid/test-issue',
  };
  const planned = planIssue(await metadata.createFields(mapping.project_key, mapping.issue_type_id), finding, mapping);
  if (!planned.ok) {
    throw unprocessable(
      `The export profile does not fit its Jira: ${planned.problems.map((problem) => `${problem.field}: ${problem.message}`).join(' ')} Nothing was sent.`,
      'Fix the export profile in the Jira export mapping step, then send the test issue again.',
    );
  }
  const { fields } = createIssueBody(api.flavor, target.id, finding, mapping, planned.plan, { proof: '' });
  const created = await api.issues.create({ fields: { ...fields, labels: [...new Set([...mapping.labels, TEST_ISSUE_LABEL])] } });
  if (!created.ok) return throwForJiraProblem(deps, principal, target.id, created.problem, 'POST /issue');
  await deps.store.atomic([
    auditInsert(deps.store.db, {
      workspaceId: principal.workspaceId,
      targetId: target.id,
      actor: principal.actor,
      action: 'export_profile.test_issue',
      detail: { project_key: mapping.project_key, issue_key: created.value.key },
      at: deps.clock.now(),
    }),
  ]);
  return {
    target_id: target.id,
    project_key: mapping.project_key,
    label: TEST_ISSUE_LABEL,
    issue: { id: created.value.id, key: created.value.key, url: api.browseUrl(created.value.key) },
  };
}
