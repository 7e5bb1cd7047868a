import { errorAnswer, type FakeJiraIssue } from './fake-jira-dc-model';
import type { JiraCaller, Route, RouteContext } from './fake-jira-dc-routes';
import { FAKE_RESOLUTIONS, fakeTransitions, statusBody, type FakeStatus } from './fake-jira-workflow';

/**
 * Moves an issue as a transition (REST or a person "inside Jira") does: status, resolution (set on
 * done, cleared otherwise), a comment, `updated`; then the store tells its listeners (webhooks).
 */
export function moveIssue(
  context: Pick<RouteContext, 'store' | 'now'>,
  issue: FakeJiraIssue,
  to: FakeStatus,
  resolutionId: string | null,
  comment: string | null,
): void {
  issue.status = to;
  issue.resolution = to.category === 'done' ? (FAKE_RESOLUTIONS.find(({ id }) => id === resolutionId) ?? FAKE_RESOLUTIONS[0]!) : null;
  if (comment) issue.comments.push(comment);
  issue.updated = context.now();
  context.store.issueChanged(issue, 'jira:issue_updated');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the caller holds a permission (anonymous callers hold none). */
const holds = (caller: JiraCaller, permission: 'BROWSE_PROJECTS' | 'TRANSITION_ISSUES') => caller.kind === 'user' && caller.permissions[permission];

function visible(context: RouteContext, caller: JiraCaller, ref: string) {
  const issue = context.store.findIssue(decodeURIComponent(ref));
  return issue && holds(caller, 'BROWSE_PROJECTS') ? issue : undefined;
}

/** `GET` and `POST /issue/{key}/transitions` of Jira Data Center 10.3 (REST v2). */
export const JIRA_DC_TRANSITION_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^issue\/([^/]+)\/transitions$/,
    access: 'user',
    handle: (request, [, ref = ''], context) => {
      const issue = visible(context, request.caller, ref);
      if (!issue) return errorAnswer(404, ['Issue Does Not Exist']);
      const withFields = (request.query.get('expand') ?? '').split(',').includes('transitions.fields');
      const offered = holds(request.caller, 'TRANSITION_ISSUES') ? fakeTransitions(context.store.workflow, issue.status) : [];
      return {
        status: 200,
        body: {
          expand: 'transitions',
          transitions: offered.map((transition) => ({
            id: transition.id,
            name: transition.name,
            to: statusBody(context.base, '2', transition.to),
            hasScreen: Object.keys(transition.fields).length > 0,
            isGlobal: false,
            isInitial: false,
            isAvailable: true,
            isConditional: false,
            ...(withFields ? { fields: transition.fields } : {}),
          })),
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: /^issue\/([^/]+)\/transitions$/,
    access: 'user',
    handle: (request, [, ref = ''], context) => {
      const issue = visible(context, request.caller, ref);
      if (!issue) return errorAnswer(404, ['Issue Does Not Exist']);
      let input: unknown;
      try {
        input = JSON.parse(request.bodyText);
      } catch {
        return errorAnswer(400, ['Unexpected character: was expecting a JSON value.']);
      }
      const body = isObject(input) ? input : {};
      const transitionId = isObject(body.transition) ? String(body.transition.id ?? '') : '';
      const transition = holds(request.caller, 'TRANSITION_ISSUES')
        ? fakeTransitions(context.store.workflow, issue.status).find(({ id }) => id === transitionId)
        : undefined;
      if (!transition) return errorAnswer(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
      const fields = isObject(body.fields) ? body.fields : {};
      const errors: Record<string, string> = {};
      for (const [fieldId, meta] of Object.entries(transition.fields)) {
        if (meta.required && !meta.hasDefaultValue && fields[fieldId] === undefined) errors[fieldId] = `${meta.name} is required.`;
      }
      if (Object.keys(errors).length > 0) return errorAnswer(400, [], errors);
      const comments = isObject(body.update) && Array.isArray(body.update.comment) ? body.update.comment : [];
      const first = comments[0];
      const comment = isObject(first) && isObject(first.add) && typeof first.add.body === 'string' ? first.add.body : null;
      const resolutionId = isObject(fields.resolution) ? String(fields.resolution.id ?? '') : null;
      moveIssue(context, issue, transition.to, resolutionId, comment);
      return { status: 204 };
    },
  },
];
