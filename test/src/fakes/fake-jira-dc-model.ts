import type { FakeStatus } from './fake-jira-workflow';
/** Permissions the fake can grant or withhold, per PAT or for everyone at once. */
export type JiraPermissionKey = 'BROWSE_PROJECTS' | 'CREATE_ISSUES' | 'EDIT_ISSUES' | 'TRANSITION_ISSUES' | 'ADD_COMMENTS' | 'ADMINISTER';

/** Jira's own description of each permission, as `mypermissions` lists it. */
export const JIRA_PERMISSIONS: Record<JiraPermissionKey, { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string }> = {
  ADMINISTER: {
    id: '0',
    name: 'Jira Administrators',
    type: 'GLOBAL',
    description: 'Ability to perform most administration functions (excluding Import & Export, SMTP Configuration, etc.).',
  },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
};

/** A field on a project's create screen for one issue type (the createmeta `FieldMetaBean`). */
export interface FakeJiraField {
  fieldId: string;
  name: string;
  required: boolean;
  schema: { type: string; system?: string; items?: string; custom?: string; customId?: number };
  operations: string[];
  /** Minimal values (`{id, name}` or `{id, value}`); `self` and icons are added per answer. */
  allowedValues?: Record<string, string>[];
  defaultValue?: Record<string, string>;
}

/** An issue type of a project with the fields its create screen shows. */
export interface FakeJiraIssueType {
  id: string;
  name: string;
  description: string;
  avatarId: number;
  fields: FakeJiraField[];
}

/** A project the fake serves. */
export interface FakeJiraProject {
  id: string;
  key: string;
  name: string;
  issueTypes: FakeJiraIssueType[];
  /** Archived projects are gone from lists, create metadata and creates (their issues stay). */
  archived?: boolean;
}

const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

const systemFields = (priorities: Record<string, string>[]): FakeJiraField[] => [
  { fieldId: 'summary', name: 'Summary', required: true, schema: { type: 'string', system: 'summary' }, operations: ['set'] },
  { fieldId: 'issuetype', name: 'Issue Type', required: true, schema: { type: 'issuetype', system: 'issuetype' }, operations: [] },
  { fieldId: 'project', name: 'Project', required: true, schema: { type: 'project', system: 'project' }, operations: ['set'] },
  { fieldId: 'description', name: 'Description', required: false, schema: { type: 'string', system: 'description' }, operations: ['set'] },
  {
    fieldId: 'priority',
    name: 'Priority',
    required: false,
    schema: { type: 'priority', system: 'priority' },
    operations: ['set'],
    allowedValues: priorities,
    defaultValue: { id: '3', name: 'Medium' },
  },
  { fieldId: 'labels', name: 'Labels', required: false, schema: { type: 'array', items: 'string', system: 'labels' }, operations: ['add', 'set', 'remove'] },
];

/**
 * SEC has Task and a Bug that also requires an "Environment tier" select; OPS allows only two
 * priorities and requires a component, so export mapping meets per-project values and required fields.
 */
export function defaultFakeJiraProjects(): FakeJiraProject[] {
  const environmentTier: FakeJiraField = {
    fieldId: 'customfield_10100',
    name: 'Environment tier',
    required: true,
    schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10100 },
    operations: ['set'],
    allowedValues: [
      { id: '10200', value: 'prod' },
      { id: '10201', value: 'staging' },
    ],
  };
  const components: FakeJiraField = {
    fieldId: 'components',
    name: 'Component/s',
    required: true,
    schema: { type: 'array', items: 'component', system: 'components' },
    operations: ['add', 'set', 'remove'],
    allowedValues: [{ id: '10000', name: 'Web' }],
  };
  const task = { id: '10002', name: 'Task', description: 'A task that needs to be done.', avatarId: 10318 };
  const bug = { id: '1', name: 'Bug', description: 'A problem which impairs or prevents the functions of the product.', avatarId: 10303 };
  return [
    {
      id: '10000',
      key: 'SEC',
      name: 'Security',
      issueTypes: [
        { ...task, fields: systemFields(PRIORITIES) },
        { ...bug, fields: [...systemFields(PRIORITIES), environmentTier] },
      ],
    },
    {
      id: '10001',
      key: 'OPS',
      name: 'Operations',
      issueTypes: [{ ...task, fields: [...systemFields(PRIORITIES.filter(({ id }) => id === '2' || id === '3')), components] }],
    },
  ];
}

/** An issue the fake holds; `fields` keep what was sent, with priority and options reduced to `{id}`. */
export interface FakeJiraIssue {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  fields: Record<string, unknown>;
  properties: Record<string, unknown>;
  comments: string[];
  createdBy: string;
  created: Date;
  updated: Date;
  /** Where the issue stands in the workflow, and its resolution (null while unresolved). */
  status: FakeStatus;
  resolution: { id: string; name: string } | null;
}

/** Jira's error body. */
export interface JiraErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

/** What a route answers before the shared headers are added. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `{"errorMessages":[…],"errors":{…}}` with the given status. */
export const errorAnswer = (status: number, errorMessages: string[], errors: Record<string, string> = {}): FakeAnswer => ({
  status,
  body: { errorMessages, errors } satisfies JiraErrorCollection,
});

/** Jira's date-time format: milliseconds and an offset without a colon (`2024-05-23T14:47:28.592+0000`). */
export function jiraTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
