import { hasPermission, type FakeIssue, type FakeSite, type FakeUser } from './fake-atlassian-cloud-state';
import { emptyReply, isRecord, jiraError, jsonReply, parseJsonBody, type FakeRequest, type Reply } from './fake-http-reply';
import { FAKE_RESOLUTIONS, FAKE_STATUSES, fakeTransitions, statusBody, type FakeStatus, type FakeWorkflowMode } from './fake-jira-workflow';

/** The workflow each Cloud site's issues follow (default `standard`), per cloud id. */
const workflows = new WeakMap<FakeSite, FakeWorkflowMode>();

/** Sets the workflow of a site's issues. */
export function useCloudWorkflow(site: FakeSite, mode: FakeWorkflowMode): void {
  workflows.set(site, mode);
}

/** An issue's status (To Do until a transition moved it). */
export const cloudIssueStatus = (issue: FakeIssue): FakeStatus => issue.status ?? FAKE_STATUSES.toDo;

/**
 * `fields.status` and `fields.resolution` of a Cloud issue, REST v3 shape. An unresolved issue
 * leaves `resolution` out: Atlassian's document does not allow null field values in IssueBean.
 */
export function renderCloudStatus(issue: FakeIssue, restBase: string): Record<string, unknown> {
  const base = restBase.replace(/\/rest\/api\/3$/, '');
  return {
    status: statusBody(base, '3', cloudIssueStatus(issue)),
    ...(issue.resolution ? { resolution: { self: `${restBase}/resolution/${issue.resolution.id}`, ...issue.resolution, description: '' } } : {}),
  };
}

/** Moves a Cloud issue (a transition, or a person "inside Jira"): status, resolution, updated. */
export function moveCloudIssue(issue: FakeIssue, to: FakeStatus, resolutionId: string | null, now: number): void {
  issue.status = to;
  issue.resolution = to.category === 'done' ? (FAKE_RESOLUTIONS.find(({ id }) => id === resolutionId) ?? FAKE_RESOLUTIONS[0]!) : null;
  issue.updatedAt = now;
}

/** What the transition handlers need from a REST call. */
export interface TransitionContext {
  site: FakeSite;
  user: FakeUser | undefined;
  restBase: string;
  now: number;
}

/** `GET /issue/{key}/transitions` (REST v3). */
export function getCloudTransitions(context: TransitionContext, issue: FakeIssue, request: FakeRequest): Reply {
  const withFields = (request.url.searchParams.get('expand') ?? '').split(',').includes('transitions.fields');
  const allowed = hasPermission(context.user, context.site, 'TRANSITION_ISSUES');
  const offered = allowed ? fakeTransitions(workflows.get(context.site) ?? 'standard', cloudIssueStatus(issue)) : [];
  const base = context.restBase.replace(/\/rest\/api\/3$/, '');
  return jsonReply(200, {
    expand: 'transitions',
    transitions: offered.map((transition) => ({
      id: transition.id,
      name: transition.name,
      to: statusBody(base, '3', transition.to),
      hasScreen: Object.keys(transition.fields).length > 0,
      isGlobal: false,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
      ...(withFields ? { fields: Object.fromEntries(Object.entries(transition.fields).map(([id, field]) => [id, { ...field, key: id }])) } : {}),
    })),
  });
}

/** `POST /issue/{key}/transitions` (REST v3): required screen fields checked, comment (ADF) kept as given. */
export function postCloudTransition(context: TransitionContext, issue: FakeIssue, request: FakeRequest): Reply {
  const body = parseJsonBody(request);
  const input = isRecord(body) ? body : {};
  const transitionId = isRecord(input.transition) ? String(input.transition.id ?? '') : '';
  const offered = hasPermission(context.user, context.site, 'TRANSITION_ISSUES')
    ? fakeTransitions(workflows.get(context.site) ?? 'standard', cloudIssueStatus(issue))
    : [];
  const transition = offered.find(({ id }) => id === transitionId);
  if (!transition) return jiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
  const fields = isRecord(input.fields) ? input.fields : {};
  const errors: Record<string, string> = {};
  for (const [fieldId, meta] of Object.entries(transition.fields)) {
    if (meta.required && !meta.hasDefaultValue && fields[fieldId] === undefined) errors[fieldId] = `${meta.name} is required.`;
  }
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
  const update = isRecord(input.update) && Array.isArray(input.update.comment) ? input.update.comment : [];
  for (const entry of update) if (isRecord(entry) && isRecord(entry.add)) (issue.comments ??= []).push(entry.add.body);
  moveCloudIssue(issue, transition.to, isRecord(fields.resolution) ? String(fields.resolution.id ?? '') : null, context.now);
  return emptyReply(204);
}
