import { parseJql, JqlError } from './fake-jira-dc-jql';
import { fieldMetaBody, issueBody, issueTypeBody, pageBody, permissionsBody, projectBody, serverInfoBody, userBody } from './fake-jira-dc-bodies';
import { errorAnswer, type FakeAnswer, type JiraPermissionKey } from './fake-jira-dc-model';
import { type FakeJiraDcStore } from './fake-jira-dc-state';
import { JIRA_DC_TRANSITION_ROUTES } from './fake-jira-dc-transitions';

/** Who is asking: a user resolved from a PAT, or anonymous (after a failed credential or none). */
export type JiraCaller = { kind: 'user'; name: string; permissions: Record<JiraPermissionKey, boolean> } | { kind: 'anonymous'; credentialFailed: boolean };

/** One request as a route sees it (context path and `/rest/api/2` already removed). */
export interface RouteRequest {
  method: string;
  query: URLSearchParams;
  bodyText: string;
  caller: JiraCaller;
}

/** What routes need from the fake around them. */
export interface RouteContext {
  store: FakeJiraDcStore;
  /** The site's base URL with context path, used in every `self` link. */
  base: string;
  serverInfo: { reportedBaseUrl: string; version: string; deploymentType: string; serverTitle: string };
  now: () => Date;
}

/** `user` routes answer 401 to anonymous callers; `anonymous` ones answer with anonymous data. */
export interface Route {
  method: string;
  pattern: RegExp;
  access: 'anonymous' | 'user';
  handle(request: RouteRequest, match: string[], context: RouteContext): FakeAnswer;
}

const NO_PERMISSIONS = Object.fromEntries(
  (['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'ADD_COMMENTS', 'ADMINISTER'] as const).map((key) => [key, false]),
) as Record<JiraPermissionKey, boolean>;

/** The caller's permissions (none when anonymous). */
export const permissionsOf = (caller: JiraCaller) => (caller.kind === 'user' ? caller.permissions : NO_PERMISSIONS);

const visibleProjectKeys = (context: RouteContext, caller: JiraCaller) =>
  permissionsOf(caller).BROWSE_PROJECTS ? context.store.projects.filter(({ archived }) => !archived).map(({ key }) => key) : [];

const nonNegativeInteger = (text: string | null | undefined, fallback: number) => {
  const value = Number(text);
  return text !== null && text !== undefined && text !== '' && Number.isInteger(value) && value >= 0 ? value : fallback;
};

/** `fields=` as Jira reads it: absent, `*all` or `*navigable` mean every field. */
function wantedFields(list: readonly string[] | undefined): readonly string[] | 'all' {
  const names = (list ?? [])
    .flatMap((entry) => entry.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length === 0 || names.includes('*all') || names.includes('*navigable') ? 'all' : names.filter((name) => !name.startsWith('-'));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const UNPARSEABLE = errorAnswer(400, ['Unexpected character: was expecting a JSON value.']);

function projectForMeta(context: RouteContext, caller: JiraCaller, idOrKey: string) {
  const project = context.store.findProject(idOrKey);
  return project && permissionsOf(caller).BROWSE_PROJECTS ? project : undefined;
}

function visibleIssue(context: RouteContext, caller: JiraCaller, idOrKey: string) {
  const issue = context.store.findIssue(decodeURIComponent(idOrKey));
  return issue && permissionsOf(caller).BROWSE_PROJECTS ? issue : undefined;
}

const ISSUE_NOT_FOUND = errorAnswer(404, ['Issue Does Not Exist']);

function search(
  context: RouteContext,
  caller: JiraCaller,
  jql: string,
  startAt: number,
  maxResults: number,
  fields: readonly string[] | undefined,
): FakeAnswer {
  let clauses;
  try {
    clauses = parseJql(jql);
  } catch (error) {
    if (error instanceof JqlError) return errorAnswer(400, [error.message]);
    throw error;
  }
  const matched = context.store.search(clauses, visibleProjectKeys(context, caller));
  if (typeof matched === 'string') return errorAnswer(400, [matched]);
  // Issues are held in creation order; `ORDER BY created DESC` (the only ordering clients here send besides ASC) reverses it.
  const found = /\border\s+by\s+created\s+desc\s*$/i.test(jql) ? [...matched].reverse() : matched;
  const wanted = wantedFields(fields);
  return {
    status: 200,
    body: {
      expand: 'schema,names',
      startAt,
      maxResults,
      total: found.length,
      issues: found.slice(startAt, startAt + maxResults).map((issue) => {
        const project = context.store.findProject(issue.projectKey);
        return issueBody(context.base, issue, project, context.store.issueType(issue), { fields: wanted, properties: 'none' });
      }),
    },
  };
}

/** The REST resources the fake serves under `{base}/rest/api/2` (and `/rest/api/latest`). */
export const JIRA_DC_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^serverInfo$/,
    access: 'anonymous',
    handle: (_request, _match, context) => ({
      status: 200,
      body: serverInfoBody({ ...context.serverInfo, baseUrl: context.serverInfo.reportedBaseUrl, now: context.now() }),
    }),
  },
  {
    method: 'GET',
    pattern: /^myself$/,
    access: 'user',
    handle: (request, _match, context) => ({ status: 200, body: userBody(context.base, request.caller.kind === 'user' ? request.caller.name : 'anonymous') }),
  },
  {
    method: 'GET',
    pattern: /^mypermissions$/,
    access: 'anonymous',
    handle: (request, _match, context) => {
      // DC 10.3 has no `permissions` filter: it lists every permission, whatever was asked.
      const projectRef = request.query.get('projectKey') ?? request.query.get('projectId');
      if (projectRef && !context.store.findProject(projectRef)) return errorAnswer(404, [`No project could be found with key '${projectRef}'.`]);
      const issueRef = request.query.get('issueKey') ?? request.query.get('issueId');
      if (issueRef && !visibleIssue(context, request.caller, issueRef)) return ISSUE_NOT_FOUND;
      return { status: 200, body: permissionsBody(permissionsOf(request.caller)) };
    },
  },
  {
    method: 'GET',
    pattern: /^project$/,
    access: 'anonymous',
    handle: (request, _match, context) => ({
      status: 200,
      body: context.store.projects
        .filter(({ key }) => visibleProjectKeys(context, request.caller).includes(key))
        .map((project) => projectBody(context.base, project)),
    }),
  },
  {
    method: 'GET',
    pattern: /^project\/([^/]+)$/,
    access: 'anonymous',
    handle: (request, [, ref = ''], context) => {
      const project = projectForMeta(context, request.caller, decodeURIComponent(ref));
      return project ? { status: 200, body: projectBody(context.base, project, true) } : errorAnswer(404, [`No project could be found with key '${ref}'.`]);
    },
  },
  {
    method: 'GET',
    pattern: /^issue\/createmeta\/([^/]+)\/issuetypes$/,
    access: 'anonymous',
    handle: (request, [, ref = ''], context) => {
      const project = projectForMeta(context, request.caller, decodeURIComponent(ref));
      if (!project) return errorAnswer(400, [`No project could be found with key '${ref}'.`]);
      // "Data will not be returned if the user does not have permission to create issues."
      const types = permissionsOf(request.caller).CREATE_ISSUES ? project.issueTypes.map((type) => issueTypeBody(context.base, type)) : [];
      return {
        status: 200,
        body: pageBody(types, nonNegativeInteger(request.query.get('startAt'), 0), nonNegativeInteger(request.query.get('maxResults'), 50)),
      };
    },
  },
  {
    method: 'GET',
    pattern: /^issue\/createmeta\/([^/]+)\/issuetypes\/([^/]+)$/,
    access: 'anonymous',
    handle: (request, [, ref = '', typeId = ''], context) => {
      const project = projectForMeta(context, request.caller, decodeURIComponent(ref));
      if (!project) return errorAnswer(400, [`No project could be found with key '${ref}'.`]);
      const type = project.issueTypes.find(({ id }) => id === typeId);
      if (!type) return errorAnswer(400, [`The issue type with id '${typeId}' does not exist or is not available in project '${project.key}'.`]);
      const fields = permissionsOf(request.caller).CREATE_ISSUES ? type.fields.map((field) => fieldMetaBody(context.base, project, type, field)) : [];
      return {
        status: 200,
        body: pageBody(fields, nonNegativeInteger(request.query.get('startAt'), 0), nonNegativeInteger(request.query.get('maxResults'), 50)),
      };
    },
  },
  {
    method: 'POST',
    pattern: /^issue$/,
    access: 'user',
    handle: (request, _match, context) => {
      const { caller } = request;
      if (caller.kind !== 'user') throw new Error('user routes never see anonymous callers');
      const parsed = parseJson(request.bodyText);
      return parsed.ok ? context.store.create(parsed.value, caller.name, caller.permissions, `${context.base}/rest/api/2`) : UNPARSEABLE;
    },
  },
  {
    method: 'GET',
    pattern: /^issue\/([^/]+)$/,
    access: 'user',
    handle: (request, [, ref = ''], context) => {
      const issue = visibleIssue(context, request.caller, ref);
      if (!issue) return ISSUE_NOT_FOUND;
      const properties = request.query.get('properties');
      return {
        status: 200,
        body: issueBody(context.base, issue, context.store.findProject(issue.projectKey), context.store.issueType(issue), {
          fields: wantedFields(request.query.getAll('fields')),
          properties: properties === null ? 'none' : properties.split(',').includes('*all') ? 'all' : properties.split(','),
        }),
      };
    },
  },
  {
    method: 'PUT',
    pattern: /^issue\/([^/]+)$/,
    access: 'user',
    handle: (request, [, ref = ''], context) => {
      const issue = visibleIssue(context, request.caller, ref);
      if (!issue) return ISSUE_NOT_FOUND;
      const permissions = permissionsOf(request.caller);
      if (request.query.get('notifyUsers') === 'false' && !permissions.ADMINISTER) {
        return errorAnswer(403, ['To discard the user notification either admin or project admin permissions are required.']);
      }
      if (!permissions.EDIT_ISSUES) return errorAnswer(403, ['You do not have permission to edit issues in this project.']);
      const parsed = parseJson(request.bodyText);
      return parsed.ok ? context.store.update(issue, parsed.value) : UNPARSEABLE;
    },
  },
  {
    method: 'GET',
    pattern: /^issue\/([^/]+)\/properties\/([^/]+)$/,
    access: 'user',
    handle: (request, [, ref = '', rawKey = ''], context) => {
      const issue = visibleIssue(context, request.caller, ref);
      if (!issue) return ISSUE_NOT_FOUND;
      const key = decodeURIComponent(rawKey);
      if (!(key in issue.properties)) return errorAnswer(404, [`The property with key '${key}' does not exist.`]);
      return { status: 200, body: { key, value: issue.properties[key] } };
    },
  },
  {
    method: 'PUT',
    pattern: /^issue\/([^/]+)\/properties\/([^/]+)$/,
    access: 'user',
    handle: (request, [, ref = '', rawKey = ''], context) => {
      const issue = visibleIssue(context, request.caller, ref);
      if (!issue) return ISSUE_NOT_FOUND;
      const key = decodeURIComponent(rawKey);
      if (key.length > 255) return errorAnswer(400, ['The property key cannot be longer than 255 characters.']);
      if (!permissionsOf(request.caller).EDIT_ISSUES) return errorAnswer(403, [`You do not have permission to edit issue ${issue.key}.`]);
      const parsed = parseJson(request.bodyText);
      if (!parsed.ok) return errorAnswer(400, ['The property value must be valid JSON.']);
      const created = !(key in issue.properties);
      issue.properties[key] = parsed.value;
      return { status: created ? 201 : 200 };
    },
  },
  ...JIRA_DC_TRANSITION_ROUTES,
  {
    method: 'GET',
    pattern: /^search$/,
    access: 'anonymous',
    handle: (request, _match, context) =>
      search(
        context,
        request.caller,
        request.query.get('jql') ?? '',
        nonNegativeInteger(request.query.get('startAt'), 0),
        Math.min(nonNegativeInteger(request.query.get('maxResults'), 50), 1000),
        request.query.getAll('fields'),
      ),
  },
  {
    method: 'POST',
    pattern: /^search$/,
    access: 'anonymous',
    handle: (request, _match, context) => {
      const parsed = parseJson(request.bodyText);
      if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return UNPARSEABLE;
      const body = parsed.value as { jql?: unknown; startAt?: unknown; maxResults?: unknown; fields?: unknown };
      return search(
        context,
        request.caller,
        typeof body.jql === 'string' ? body.jql : '',
        nonNegativeInteger(String(body.startAt ?? ''), 0),
        Math.min(nonNegativeInteger(String(body.maxResults ?? ''), 50), 1000),
        Array.isArray(body.fields) ? body.fields.map(String) : undefined,
      );
    },
  },
];
