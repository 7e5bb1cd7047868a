import { hasPermission, type FakeCloudState, type FakeIssue, type FakeProject, type FakeSite, type FakeUser } from './fake-atlassian-cloud-state';
import { emptyReply, isRecord, jiraError, jsonReply, parseJsonBody, type FakeRequest, type Reply } from './fake-http-reply';
import {
  applyUpdateOperations,
  avatarUrls,
  renderIssueFields,
  renderIssueType,
  renderProject,
  selectFields,
  validateFields,
  type FieldErrors,
  type RenderBase,
} from './fake-jira-cloud-fields';
import { parseJql, type JqlIssueView } from './fake-jira-cloud-jql';
import { PERMISSION_CATALOGUE } from './fake-jira-cloud-permissions';
import { cloudIssueStatus, getCloudTransitions, postCloudTransition, type TransitionContext } from './fake-jira-cloud-transitions';

/** Who is calling, as the credential check decided. */
export interface JiraCaller {
  /** Undefined: anonymous. */
  user: FakeUser | undefined;
  /** Classic OAuth scopes the credential carries; undefined for site basic auth (no scope check). */
  scopes: string[] | undefined;
  /** Credentials were sent and failed (the site then answers anonymously and says so in a header). */
  failedCredentials: boolean;
}

/** One Jira REST call on one site. */
export interface JiraRestContext {
  state: FakeCloudState;
  site: FakeSite;
  caller: JiraCaller;
  base: RenderBase;
}

type Handler = (context: JiraRestContext, request: FakeRequest, params: string[]) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  /** Classic scope the operation declares in `x-atlassian-oauth2-scopes` (null: none). */
  scope: string | null;
  /** `401`: anonymous callers are refused; `allowed`: they get an anonymous answer. */
  anonymous: '401' | 'allowed';
  handler: Handler;
}

/** The gateway's answer when a token lacks the operation's scope. */
export const SCOPE_MISMATCH_BODY = { code: 401, message: 'Unauthorized; scope does not match' };
const NOT_AUTHENTICATED = 'Client must be authenticated to access this resource.';
const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

const can = (context: JiraRestContext, permission: string) => hasPermission(context.caller.user, context.site, permission);

function findProject(context: JiraRestContext, idOrKey: string | undefined): FakeProject | undefined {
  if (idOrKey === undefined) return undefined;
  for (const project of context.site.projects.values()) {
    if (project.id === idOrKey || project.key.toLowerCase() === idOrKey.toLowerCase()) return project;
  }
  return undefined;
}

function findIssue(context: JiraRestContext, idOrKey: string): FakeIssue | undefined {
  const issue =
    context.site.issues.get(idOrKey) ?? [...context.site.issues.values()].find((candidate) => candidate.key.toLowerCase() === idOrKey.toLowerCase());
  return issue && can(context, 'BROWSE_PROJECTS') ? issue : undefined;
}

function listParam(url: URL, name: string): string[] {
  return url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  const value = raw === null ? fallback : Number.parseInt(raw, 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function fieldErrorReply(errors: FieldErrors): Reply | undefined {
  if (Object.keys(errors.adf).length > 0) return jsonReply(400, { errors: errors.adf });
  if (Object.keys(errors.other).length > 0) return jiraError(400, [], errors.other);
  return undefined;
}

function issueBean(context: JiraRestContext, issue: FakeIssue, fields: readonly string[], properties: readonly string[]): Record<string, unknown> {
  const project = context.site.projects.get(issue.projectKey)!;
  const bean: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${context.base.restBase}/issue/${issue.id}`,
    key: issue.key,
  };
  const selected = selectFields(renderIssueFields(issue, project, context.base), fields);
  if (Object.keys(selected).length > 0 || fields.length > 0) bean.fields = selected;
  const wanted = properties.includes('*all') ? [...issue.properties.keys()] : properties;
  const found = Object.fromEntries(wanted.filter((key) => issue.properties.has(key)).map((key) => [key, issue.properties.get(key)]));
  if (properties.length > 0) bean.properties = found;
  return bean;
}

const myself: Handler = (context) => {
  const user = context.caller.user!;
  return jsonReply(200, {
    self: `${context.base.restBase}/user?accountId=${user.accountId}`,
    accountId: user.accountId,
    accountType: user.accountType,
    ...(user.email ? { emailAddress: user.email } : {}),
    avatarUrls: avatarUrls(`https://secure.gravatar.com/avatar/${user.accountId}`),
    displayName: user.displayName,
    active: true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
    groups: { size: user.adminOf.has(context.site.cloudId) ? 2 : 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  });
};

const serverInfo: Handler = (context) => {
  const now = new Date(context.state.now()).toISOString().replace('Z', '+0000');
  return jsonReply(200, {
    baseUrl: context.base.siteUrl,
    displayUrl: context.base.siteUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100296,
    buildDate: '2025-09-01T00:00:00.000+0000',
    serverTime: now,
    scmInfo: '5330f7d9b6410d68235d4366868d44403ee65a1a',
    serverTitle: 'Jira',
    serverTimeZone: 'Etc/UTC',
  });
};

const myPermissions: Handler = (context, request) => {
  const keys = listParam(request.url, 'permissions');
  if (keys.length === 0) return jiraError(400, ['The permissions query parameter is required.']);
  const unknown = keys.filter((key) => !PERMISSION_CATALOGUE.has(key));
  if (unknown.length > 0)
    return jiraError(
      400,
      unknown.map((key) => `Unrecognized permission key: ${key}`),
    );
  const projectRef = request.url.searchParams.get('projectKey') ?? request.url.searchParams.get('projectId') ?? undefined;
  if (projectRef !== undefined && (!findProject(context, projectRef) || !can(context, 'BROWSE_PROJECTS'))) {
    return jiraError(404, [`No project could be found with key '${projectRef}'.`]);
  }
  const issueRef = request.url.searchParams.get('issueKey') ?? request.url.searchParams.get('issueId') ?? undefined;
  if (issueRef !== undefined && !findIssue(context, issueRef)) return jiraError(404, [ISSUE_NOT_FOUND]);
  const permissions = Object.fromEntries(keys.map((key) => [key, { ...PERMISSION_CATALOGUE.get(key)!, havePermission: can(context, key) }]));
  return jsonReply(200, { permissions });
};

const projectSearch: Handler = (context, request) => {
  const url = request.url;
  const startAt = intParam(url, 'startAt', 0);
  const maxResults = Math.min(intParam(url, 'maxResults', 50), 100);
  const keys = listParam(url, 'keys').map((key) => key.toUpperCase());
  const query = url.searchParams.get('query')?.toLowerCase();
  const action = url.searchParams.get('action') ?? 'view';
  const needed = action === 'create' ? 'CREATE_ISSUES' : action === 'edit' ? 'EDIT_ISSUES' : 'BROWSE_PROJECTS';
  const visible =
    can(context, 'BROWSE_PROJECTS') && can(context, needed)
      ? [...context.site.projects.values()]
          .filter((project) => keys.length === 0 || keys.includes(project.key))
          .filter((project) => !query || project.key.toLowerCase().includes(query) || project.name.toLowerCase().includes(query))
          .sort((a, b) => a.key.localeCompare(b.key))
      : [];
  const values = visible.slice(startAt, startAt + maxResults).map((project) => ({
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...renderProject(project, context.base),
    style: 'classic',
    isPrivate: false,
    properties: {},
  }));
  const isLast = startAt + values.length >= visible.length;
  const page = `${context.base.restBase}/project/search`;
  return jsonReply(200, {
    self: `${page}?startAt=${startAt}&maxResults=${maxResults}`,
    ...(isLast ? {} : { nextPage: `${page}?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
    maxResults,
    startAt,
    total: visible.length,
    isLast,
    values,
  });
};

function createMetaProject(
  context: JiraRestContext,
  idOrKey: string,
  request: FakeRequest,
): { project?: FakeProject; reply?: Reply; startAt: number; maxResults: number } {
  const startAt = intParam(request.url, 'startAt', 0);
  const maxResults = intParam(request.url, 'maxResults', 50);
  if (maxResults > 200) return { reply: jiraError(400, ["Parameter 'maxResults' must not exceed the limit '200'"]), startAt, maxResults };
  if (!context.caller.user) return { startAt, maxResults };
  const project = findProject(context, idOrKey);
  if (!project || !can(context, 'BROWSE_PROJECTS')) return { reply: jiraError(400, [`No project could be found with key '${idOrKey}'.`]), startAt, maxResults };
  return { project, startAt, maxResults };
}

const createMetaIssueTypes: Handler = (context, request, [idOrKey = '']) => {
  const { project, reply, startAt, maxResults } = createMetaProject(context, idOrKey, request);
  if (reply) return reply;
  const types = project && can(context, 'CREATE_ISSUES') ? project.issueTypes : [];
  return jsonReply(200, {
    issueTypes: types.slice(startAt, startAt + maxResults).map((type) => renderIssueType(type, context.base)),
    maxResults,
    startAt,
    total: types.length,
  });
};

const createMetaFields: Handler = (context, request, [idOrKey = '', issueTypeId = '']) => {
  const { project, reply, startAt, maxResults } = createMetaProject(context, idOrKey, request);
  if (reply) return reply;
  const type = project?.issueTypes.find((candidate) => candidate.id === issueTypeId);
  if (project && !type) return jiraError(400, [`The issue type with id '${issueTypeId}' does not exist.`]);
  const fields = type && can(context, 'CREATE_ISSUES') ? type.fields : [];
  return jsonReply(200, {
    fields: fields.slice(startAt, startAt + maxResults).map((field) => ({
      required: field.required,
      schema: field.schema,
      name: field.name,
      key: field.fieldId,
      fieldId: field.fieldId,
      ...(field.kind === 'labels' ? { autoCompleteUrl: `${context.base.restBase}/label/suggest?query=` } : {}),
      hasDefaultValue: field.defaultValue !== undefined,
      operations: field.operations,
      ...(field.allowedValues
        ? {
            allowedValues: field.allowedValues.map((value) =>
              field.kind === 'priority'
                ? {
                    self: `${context.base.restBase}/priority/${String(value.id)}`,
                    iconUrl: `${context.base.siteUrl}/images/icons/priorities/medium.svg`,
                    ...value,
                  }
                : value,
            ),
          }
        : {}),
      ...(field.defaultValue ? { defaultValue: field.defaultValue } : {}),
    })),
    maxResults,
    startAt,
    total: fields.length,
  });
};

function setProperties(issue: FakeIssue, properties: unknown): void {
  if (!Array.isArray(properties)) return;
  for (const property of properties) if (isRecord(property) && typeof property.key === 'string') issue.properties.set(property.key, property.value);
}

const createIssue: Handler = (context, request) => {
  const body = parseJsonBody(request);
  if (!isRecord(body) || !isRecord(body.fields)) return jiraError(400, ['Issue must contain fields.']);
  const fields = body.fields;
  const projectRef = isRecord(fields.project) ? (fields.project.key ?? fields.project.id) : undefined;
  const project = typeof projectRef === 'string' && can(context, 'BROWSE_PROJECTS') ? findProject(context, projectRef) : undefined;
  if (!project) return jiraError(400, [], { project: 'valid project is required' });
  if (!can(context, 'CREATE_ISSUES')) return jiraError(400, [], { project: 'You do not have permission to create issues in this project.' });
  const typeRef = isRecord(fields.issuetype) ? fields.issuetype : undefined;
  if (!typeRef) return jiraError(400, [], { issuetype: 'Specify an issue type' });
  const type = project.issueTypes.find((candidate) => candidate.id === String(typeRef.id ?? '') || candidate.name === typeRef.name);
  if (!type) return jiraError(400, [], { issuetype: 'The issue type selected is invalid.' });
  const { values, errors } = validateFields(type, fields, 'create');
  const failure = fieldErrorReply(errors);
  if (failure) return failure;
  const site = context.site;
  const number = (site.issueCounters.get(project.key) ?? 0) + 1;
  site.issueCounters.set(project.key, number);
  const id = String(site.nextIssueId++);
  const now = context.state.now();
  const issue: FakeIssue = {
    id,
    key: `${project.key}-${number}`,
    projectKey: project.key,
    issueTypeId: type.id,
    fields: values,
    properties: new Map(),
    createdAt: now,
    updatedAt: now,
    createdBy: context.caller.user!.accountId,
  };
  setProperties(issue, body.properties);
  site.issues.set(id, issue);
  return jsonReply(201, { id, key: issue.key, self: `${context.base.restBase}/issue/${id}` });
};

const getIssue: Handler = (context, request, [idOrKey = '']) => {
  const issue = findIssue(context, idOrKey);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const fields = listParam(request.url, 'fields');
  return jsonReply(200, issueBean(context, issue, fields.length > 0 ? fields : ['*all'], listParam(request.url, 'properties')));
};

const editIssue: Handler = (context, request, [idOrKey = '']) => {
  const issue = findIssue(context, idOrKey);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const body = parseJsonBody(request);
  if (!isRecord(body)) return jiraError(400, ['The request body is missing or is not JSON.']);
  if (!can(context, 'EDIT_ISSUES')) return jiraError(400, ['You do not have permission to edit issues in this project.']);
  const type = context.site.projects.get(issue.projectKey)!.issueTypes.find((candidate) => candidate.id === issue.issueTypeId)!;
  const { values, errors } = validateFields(type, isRecord(body.fields) ? body.fields : {}, 'edit');
  const updated = isRecord(body.update) ? applyUpdateOperations(type, issue, body.update, errors) : {};
  const failure = fieldErrorReply(errors);
  if (failure) return failure;
  Object.assign(issue.fields, values, updated);
  setProperties(issue, body.properties);
  issue.updatedAt = context.state.now();
  if (request.url.searchParams.get('returnIssue') === 'true') return jsonReply(200, issueBean(context, issue, ['*all'], []));
  return emptyReply(204);
};

/** A transitions handler bound to the issue the path names (404 when the caller cannot see it). */
function transitionsOf(handle: (context: TransitionContext, issue: FakeIssue, request: FakeRequest) => Reply): Handler {
  return (context, request, [ref = '']) => {
    const issue = findIssue(context, ref);
    if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
    return handle({ site: context.site, user: context.caller.user, restBase: context.base.restBase, now: context.state.now() }, issue, request);
  };
}

function jqlView(context: JiraRestContext, issue: FakeIssue): JqlIssueView {
  const project = context.site.projects.get(issue.projectKey)!;
  return {
    id: issue.id,
    key: issue.key,
    projectKey: project.key,
    projectId: project.id,
    issueTypeId: issue.issueTypeId,
    issueTypeName: project.issueTypes.find((type) => type.id === issue.issueTypeId)?.name ?? '',
    statusName: cloudIssueStatus(issue).name,
    summary: typeof issue.fields.summary === 'string' ? issue.fields.summary : '',
    labels: Array.isArray(issue.fields.labels) ? (issue.fields.labels as string[]) : [],
    updatedAt: issue.updatedAt,
  };
}

function search(
  context: JiraRestContext,
  query: { jql?: string; maxResults?: number; nextPageToken?: string; fields: string[]; properties: string[]; reconcileIssues: string[] },
): Reply {
  const parsed = parseJql(query.jql, context.state.now());
  if (!parsed.ok) return jiraError(400, [parsed.message]);
  const maxResults = Math.max(1, Math.min(query.maxResults ?? 50, 5000));
  let offset = 0;
  if (query.nextPageToken) {
    try {
      offset = (JSON.parse(Buffer.from(query.nextPageToken, 'base64url').toString('utf8')) as { offset: number }).offset;
    } catch {
      return jiraError(400, ['The nextPageToken is invalid.']);
    }
  }
  const indexedBefore = context.state.now() - context.state.searchLagMs;
  const matching = can(context, 'BROWSE_PROJECTS')
    ? [...context.site.issues.values()]
        .filter((issue) => issue.createdAt <= indexedBefore || query.reconcileIssues.includes(issue.id))
        .filter((issue) => parsed.matches(jqlView(context, issue)))
        .sort((a, b) => Number(b.id) - Number(a.id))
    : [];
  const page = matching.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= matching.length;
  return jsonReply(200, {
    issues: page.map((issue) => issueBean(context, issue, query.fields, query.properties)),
    ...(isLast ? {} : { nextPageToken: Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString('base64url') }),
    isLast,
  });
}

const searchGet: Handler = (context, request) => {
  const url = request.url;
  const max = url.searchParams.get('maxResults');
  return search(context, {
    jql: url.searchParams.get('jql') ?? undefined,
    ...(max !== null ? { maxResults: Number.parseInt(max, 10) } : {}),
    nextPageToken: url.searchParams.get('nextPageToken') ?? undefined,
    fields: listParam(url, 'fields'),
    properties: listParam(url, 'properties'),
    reconcileIssues: listParam(url, 'reconcileIssues'),
  });
};

const searchPost: Handler = (context, request) => {
  const body = parseJsonBody(request);
  if (!isRecord(body)) return jiraError(400, ['The request body is not valid JSON.']);
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : []);
  return search(context, {
    ...(typeof body.jql === 'string' ? { jql: body.jql } : {}),
    ...(typeof body.maxResults === 'number' ? { maxResults: body.maxResults } : {}),
    ...(typeof body.nextPageToken === 'string' ? { nextPageToken: body.nextPageToken } : {}),
    fields: strings(body.fields),
    properties: strings(body.properties),
    reconcileIssues: strings(body.reconcileIssues),
  });
};

const propertyKeys: Handler = (context, _request, [idOrKey = '']) => {
  const issue = findIssue(context, idOrKey);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  return jsonReply(200, {
    keys: [...issue.properties.keys()].map((key) => ({ self: `${context.base.restBase}/issue/${issue.id}/properties/${encodeURIComponent(key)}`, key })),
  });
};

const getProperty: Handler = (context, _request, [idOrKey = '', key = '']) => {
  const issue = findIssue(context, idOrKey);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  if (!issue.properties.has(key)) return jiraError(404, [`The property with key '${key}' does not exist.`]);
  return jsonReply(200, { key, value: issue.properties.get(key) });
};

const setProperty: Handler = (context, request, [idOrKey = '', key = '']) => {
  const issue = findIssue(context, idOrKey);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  if (!can(context, 'EDIT_ISSUES')) return jiraError(403, ['You do not have permission to edit this issue.']);
  if (request.bodyText.length > 32768) return jiraError(400, ['The property value is too long. The maximum length is 32768 characters.']);
  const value = parseJsonBody(request);
  if (value === undefined) return jiraError(400, ['The property value must be a valid, non-empty JSON blob.']);
  const existed = issue.properties.has(key);
  issue.properties.set(key, value);
  return emptyReply(existed ? 200 : 201);
};

const deleteProperty: Handler = (context, _request, [idOrKey = '', key = '']) => {
  const issue = findIssue(context, idOrKey);
  if (!issue || !issue.properties.has(key)) return jiraError(404, [issue ? `The property with key '${key}' does not exist.` : ISSUE_NOT_FOUND]);
  if (!can(context, 'EDIT_ISSUES')) return jiraError(403, ['You do not have permission to edit this issue.']);
  issue.properties.delete(key);
  return emptyReply(204);
};

const removedSearch: Handler = () =>
  jiraError(410, [
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  ]);

const segment = '([^/]+)';
const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/myself$/, scope: 'read:jira-user', anonymous: '401', handler: myself },
  { method: 'GET', pattern: /^\/serverInfo$/, scope: null, anonymous: 'allowed', handler: serverInfo },
  { method: 'GET', pattern: /^\/mypermissions$/, scope: 'read:jira-work', anonymous: 'allowed', handler: myPermissions },
  { method: 'GET', pattern: /^\/project\/search$/, scope: 'read:jira-work', anonymous: 'allowed', handler: projectSearch },
  {
    method: 'GET',
    pattern: new RegExp(`^/issue/createmeta/${segment}/issuetypes$`),
    scope: 'read:jira-work',
    anonymous: 'allowed',
    handler: createMetaIssueTypes,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/issue/createmeta/${segment}/issuetypes/${segment}$`),
    scope: 'read:jira-work',
    anonymous: 'allowed',
    handler: createMetaFields,
  },
  { method: 'POST', pattern: /^\/issue$/, scope: 'write:jira-work', anonymous: '401', handler: createIssue },
  { method: 'GET', pattern: new RegExp(`^/issue/${segment}$`), scope: 'read:jira-work', anonymous: 'allowed', handler: getIssue },
  { method: 'PUT', pattern: new RegExp(`^/issue/${segment}$`), scope: 'write:jira-work', anonymous: '401', handler: editIssue },
  {
    method: 'GET',
    pattern: new RegExp(`^/issue/${segment}/transitions$`),
    scope: 'read:jira-work',
    anonymous: 'allowed',
    handler: transitionsOf(getCloudTransitions),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/issue/${segment}/transitions$`),
    scope: 'write:jira-work',
    anonymous: '401',
    handler: transitionsOf(postCloudTransition),
  },
  { method: 'GET', pattern: /^\/search\/jql$/, scope: 'read:jira-work', anonymous: 'allowed', handler: searchGet },
  { method: 'POST', pattern: /^\/search\/jql$/, scope: 'read:jira-work', anonymous: 'allowed', handler: searchPost },
  { method: 'GET', pattern: /^\/search$/, scope: 'read:jira-work', anonymous: 'allowed', handler: removedSearch },
  { method: 'POST', pattern: /^\/search$/, scope: 'read:jira-work', anonymous: 'allowed', handler: removedSearch },
  { method: 'GET', pattern: new RegExp(`^/issue/${segment}/properties$`), scope: 'read:jira-work', anonymous: 'allowed', handler: propertyKeys },
  { method: 'GET', pattern: new RegExp(`^/issue/${segment}/properties/${segment}$`), scope: 'read:jira-work', anonymous: 'allowed', handler: getProperty },
  { method: 'PUT', pattern: new RegExp(`^/issue/${segment}/properties/${segment}$`), scope: 'write:jira-work', anonymous: '401', handler: setProperty },
  { method: 'DELETE', pattern: new RegExp(`^/issue/${segment}/properties/${segment}$`), scope: 'write:jira-work', anonymous: '401', handler: deleteProperty },
];

function identityHeaders(caller: JiraCaller): Record<string, string> {
  if (caller.user) return { 'x-aaccountid': caller.user.accountId, 'x-seraph-loginreason': 'OK' };
  return { 'x-ausername': 'anonymous', ...(caller.failedCredentials ? { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' } : {}) };
}

/** Answers one call to `/rest/api/3{restPath}` on a site, as Jira Cloud would for this caller. */
export function handleJiraRest(context: JiraRestContext, request: FakeRequest, restPath: string): Reply {
  const route = ROUTES.find((candidate) => candidate.method === request.method && candidate.pattern.test(restPath));
  if (!route) {
    const known = ROUTES.some((candidate) => candidate.pattern.test(restPath));
    return known ? jiraError(405, [`Method ${request.method} is not allowed here.`]) : jiraError(404, ['null for uri: ' + request.url.href]);
  }
  if (route.scope && context.caller.scopes && !context.caller.scopes.includes(route.scope)) return jsonReply(401, SCOPE_MISMATCH_BODY);
  const headers = identityHeaders(context.caller);
  if (!context.caller.user && route.anonymous === '401') return jiraError(401, [NOT_AUTHENTICATED], {}, headers);
  const params = (route.pattern.exec(restPath) ?? []).slice(1).map((value) => decodeURIComponent(value));
  const reply = route.handler(context, request, params);
  return { ...reply, headers: { ...headers, ...reply.headers } };
}
