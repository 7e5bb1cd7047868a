import { statusBody } from './fake-jira-workflow';
import {
  type FakeJiraField,
  type FakeJiraIssue,
  type FakeJiraIssueType,
  type FakeJiraProject,
  JIRA_PERMISSIONS,
  jiraTimestamp,
  type JiraPermissionKey,
} from './fake-jira-dc-model';

/** The JSON bodies a Jira Data Center 10.3 answers, built from the fake's state and its base URL. */

/** `GET /serverInfo` as DC 9.12 answered it (DefectDojo#12875), with 10.3 version numbers. */
export function serverInfoBody(options: { baseUrl: string; version: string; deploymentType: string; serverTitle: string; now: Date }) {
  const [major = 0, minor = 0, patch = 0] = options.version.split('.').map(Number);
  const buildNumber = major * 1_000_000 + minor * 10_000 + patch;
  return {
    baseUrl: options.baseUrl,
    version: options.version,
    versionNumbers: [major, minor, patch],
    deploymentType: options.deploymentType,
    buildNumber,
    buildDate: '2025-01-14T00:00:00.000+0000',
    databaseBuildNumber: buildNumber,
    serverTime: jiraTimestamp(options.now),
    scmInfo: '5d27f9b5ba2e4ef06ad0dbb0b4c5cff4c9e1f22d',
    serverTitle: options.serverTitle,
  };
}

/** Stable per-name user key, as DC ≥ 8 assigns (`JIRAUSER10100`). */
export function userKey(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 90_000;
  return `JIRAUSER${10_000 + hash}`;
}

const avatarUrls = (base: string, query: string) => ({
  '48x48': `${base}/secure/useravatar?${query}`,
  '24x24': `${base}/secure/useravatar?size=small&${query}`,
  '16x16': `${base}/secure/useravatar?size=xsmall&${query}`,
  '32x32': `${base}/secure/useravatar?size=medium&${query}`,
});

/** `GET /myself` (`UserBean`). */
export function userBody(base: string, name: string) {
  const key = userKey(name);
  return {
    self: `${base}/rest/api/2/user?username=${encodeURIComponent(name)}`,
    key,
    name,
    emailAddress: `${name}@acme.test`,
    avatarUrls: avatarUrls(base, `ownerId=${encodeURIComponent(key)}&avatarId=10122`),
    displayName: name
      .split(/[-_.]/)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join(' '),
    active: true,
    deleted: false,
    timeZone: 'Europe/Berlin',
    locale: 'en_US',
    groups: { size: 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  };
}

/** `GET /mypermissions`: every permission the system knows, each with `havePermission`. */
export function permissionsBody(granted: Record<JiraPermissionKey, boolean>) {
  return {
    permissions: Object.fromEntries(
      (Object.keys(JIRA_PERMISSIONS) as JiraPermissionKey[]).map((key) => [key, { ...JIRA_PERMISSIONS[key], key, havePermission: granted[key] }]),
    ),
  };
}

/** One entry of `GET /project` (`ProjectBean`); `withIssueTypes` for `GET /project/{key}`. */
export function projectBody(base: string, project: FakeJiraProject, withIssueTypes = false) {
  return {
    expand: 'description,lead,url,projectKeys',
    self: `${base}/rest/api/2/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: {
      '48x48': `${base}/secure/projectavatar?pid=${project.id}&avatarId=10324`,
      '24x24': `${base}/secure/projectavatar?size=small&pid=${project.id}&avatarId=10324`,
      '16x16': `${base}/secure/projectavatar?size=xsmall&pid=${project.id}&avatarId=10324`,
      '32x32': `${base}/secure/projectavatar?size=medium&pid=${project.id}&avatarId=10324`,
    },
    projectTypeKey: 'software',
    archived: false,
    ...(withIssueTypes ? { issueTypes: project.issueTypes.map((type) => issueTypeBody(base, type)) } : {}),
  };
}

/** An issue type as createmeta and issues show it. */
export function issueTypeBody(base: string, type: FakeJiraIssueType) {
  return {
    self: `${base}/rest/api/2/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${base}/secure/viewavatar?size=xsmall&avatarId=${type.avatarId}&avatarType=issuetype`,
    name: type.name,
    subtask: false,
    avatarId: type.avatarId,
  };
}

/** A page as DC's createmeta endpoints answer it (`values` + `isLast`). */
export function pageBody<T>(all: readonly T[], startAt: number, maxResults: number) {
  const values = all.slice(startAt, startAt + maxResults);
  return { maxResults, startAt, total: all.length, isLast: startAt + values.length >= all.length, values };
}

/** An allowed or set value as Jira shows it, decorated by the field's type. */
export function valueBody(base: string, field: FakeJiraField | undefined, value: Record<string, string>) {
  switch (field?.schema.type) {
    case 'priority':
      return {
        self: `${base}/rest/api/2/priority/${value.id}`,
        iconUrl: `${base}/images/icons/priorities/${(value.name ?? 'medium').toLowerCase()}.svg`,
        name: value.name,
        id: value.id,
      };
    case 'option':
      return { self: `${base}/rest/api/2/customFieldOption/${value.id}`, value: value.value, id: value.id, disabled: false };
    default:
      if (field?.schema.items === 'component') return { self: `${base}/rest/api/2/component/${value.id}`, id: value.id, name: value.name };
      return value;
  }
}

/** One `FieldMetaBean` of `createmeta/{project}/issuetypes/{id}`. */
export function fieldMetaBody(base: string, project: FakeJiraProject, type: FakeJiraIssueType, field: FakeJiraField) {
  const allowedValues =
    field.fieldId === 'project'
      ? [projectBody(base, project)]
      : field.fieldId === 'issuetype'
        ? [issueTypeBody(base, type)]
        : field.allowedValues?.map((value) => valueBody(base, field, value));
  return {
    required: field.required,
    schema: field.schema,
    name: field.name,
    fieldId: field.fieldId,
    ...(field.fieldId === 'labels' ? { autoCompleteUrl: `${base}/rest/api/1.0/labels/suggest?query=` } : {}),
    hasDefaultValue: field.defaultValue !== undefined,
    operations: field.operations,
    ...(allowedValues ? { allowedValues } : {}),
    ...(field.defaultValue ? { defaultValue: valueBody(base, field, field.defaultValue) } : {}),
  };
}

/** `GET /issue/{key}` and search hits (`IssueBean`), limited to `fields` and with requested `properties`. */
export function issueBody(
  base: string,
  issue: FakeJiraIssue,
  project: FakeJiraProject | undefined,
  type: FakeJiraIssueType | undefined,
  wanted: { fields: readonly string[] | 'all'; properties: readonly string[] | 'all' | 'none' },
) {
  const field = (fieldId: string) => type?.fields.find((candidate) => candidate.fieldId === fieldId);
  const shown: Record<string, unknown> = {
    summary: issue.fields.summary ?? null,
    description: issue.fields.description ?? null,
    labels: issue.fields.labels ?? [],
    issuetype: type ? issueTypeBody(base, type) : null,
    project: project ? projectBody(base, project) : null,
    status: statusBody(base, '2', issue.status),
    resolution: issue.resolution ? { self: `${base}/rest/api/2/resolution/${issue.resolution.id}`, ...issue.resolution, description: '' } : null,
    created: jiraTimestamp(issue.created),
    updated: jiraTimestamp(issue.updated),
    comment: {
      comments: issue.comments.map((body, index) => ({ id: String(10000 + index), body })),
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    },
  };
  for (const [fieldId, value] of Object.entries(issue.fields)) {
    if (fieldId in shown) continue;
    const meta = field(fieldId);
    const allowed = (id: unknown) => meta?.allowedValues?.find((entry) => entry.id === id) ?? { id: String(id) };
    if (Array.isArray(value) && meta?.allowedValues) shown[fieldId] = value.map((item: { id: string }) => valueBody(base, meta, allowed(item.id)));
    else if (value && typeof value === 'object' && 'id' in value) shown[fieldId] = valueBody(base, meta, allowed((value as { id: unknown }).id));
    else shown[fieldId] = value;
  }
  const fields = wanted.fields === 'all' ? shown : Object.fromEntries(Object.entries(shown).filter(([fieldId]) => wanted.fields.includes(fieldId)));
  const properties =
    wanted.properties === 'none'
      ? undefined
      : Object.fromEntries(Object.entries(issue.properties).filter(([key]) => wanted.properties === 'all' || wanted.properties.includes(key)));
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/2/issue/${issue.id}`,
    key: issue.key,
    fields,
    ...(properties ? { properties } : {}),
  };
}
