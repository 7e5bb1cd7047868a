import { randomBytes, randomInt } from 'node:crypto';
import { type JqlClause } from './fake-jira-dc-jql';
import { jqlTime } from './fake-jql-time';
import { FAKE_STATUSES, type FakeWorkflowMode } from './fake-jira-workflow';
import {
  errorAnswer,
  type FakeAnswer,
  type FakeJiraField,
  type FakeJiraIssue,
  type FakeJiraIssueType,
  type FakeJiraProject,
  JIRA_PERMISSIONS,
  type JiraPermissionKey,
} from './fake-jira-dc-model';

/** Who a PAT belongs to and what it may do. */
export interface PatGrant {
  user: string;
  permissions: Record<JiraPermissionKey, boolean>;
  revoked: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Data Center PAT is base64 of `<12-digit id>:<20 random bytes>`: 33 bytes, so 44 characters
 * without padding, which is what real tokens look like.
 */
export function newPatString(): string {
  const id = String(randomInt(100_000_000_000, 999_999_999_999));
  return Buffer.concat([Buffer.from(`${id}:`), randomBytes(20)]).toString('base64');
}

/** Every permission granted, then the given ones applied. */
export function permissionSet(overrides: Partial<Record<JiraPermissionKey, boolean>> = {}): Record<JiraPermissionKey, boolean> {
  const all = Object.fromEntries(Object.keys(JIRA_PERMISSIONS).map((key) => [key, true])) as Record<JiraPermissionKey, boolean>;
  return { ...all, ...overrides };
}

/** The in-memory Jira: projects, issues and their properties. */
export class FakeJiraDcStore {
  readonly issues: FakeJiraIssue[] = [];
  private nextIssueId = 10000;
  /** The workflow every issue follows (see fake-jira-workflow.ts). */
  workflow: FakeWorkflowMode = 'standard';
  /** Told of every transition and deletion (the fake's webhooks listen here). */
  readonly listeners: ((issue: FakeJiraIssue, event: 'jira:issue_updated' | 'jira:issue_deleted') => void)[] = [];

  issueChanged(issue: FakeJiraIssue, event: 'jira:issue_updated' | 'jira:issue_deleted'): void {
    for (const listener of this.listeners) listener(issue, event);
  }

  constructor(
    readonly projects: FakeJiraProject[],
    private readonly now: () => Date,
  ) {}

  /** A live project by id or key; archived projects are not found, as Jira hides them from the REST API. */
  findProject(idOrKey: string): FakeJiraProject | undefined {
    return this.projects.find((project) => !project.archived && (project.key === idOrKey || project.id === idOrKey));
  }

  /** A project's issue type, archived or not: for test controls. */
  private screen(projectKey: string, issueTypeId: string): FakeJiraIssueType {
    const type = this.projects.find(({ key }) => key === projectKey)?.issueTypes.find(({ id }) => id === issueTypeId);
    if (!type) throw new Error(`fake Jira: no issue type ${issueTypeId} in ${projectKey}`);
    return type;
  }

  /** Takes a priority off one create screen's allowed values (as editing the project's priority scheme does). */
  removePriority(projectKey: string, issueTypeId: string, priorityId: string): void {
    const priority = this.screen(projectKey, issueTypeId).fields.find(({ fieldId }) => fieldId === 'priority');
    if (priority?.allowedValues) priority.allowedValues = priority.allowedValues.filter(({ id }) => id !== priorityId);
    if (priority?.defaultValue?.id === priorityId) delete priority.defaultValue;
  }

  /** Makes a field of one create screen required (adding it when given and not there yet). */
  requireField(projectKey: string, issueTypeId: string, fieldId: string, field?: FakeJiraField): void {
    const screen = this.screen(projectKey, issueTypeId);
    const existing = screen.fields.find((candidate) => candidate.fieldId === fieldId);
    if (existing) existing.required = true;
    else if (field) screen.fields.push({ ...field, required: true });
    else throw new Error(`fake Jira: ${fieldId} is not on the screen; pass its definition`);
  }

  /** Archives a project: it leaves project lists, create metadata and creates. */
  archiveProject(projectKey: string): void {
    const project = this.projects.find(({ key }) => key === projectKey);
    if (!project) throw new Error(`fake Jira: no project ${projectKey}`);
    project.archived = true;
  }

  findIssue(idOrKey: string): FakeJiraIssue | undefined {
    return this.issues.find((issue) => issue.key === idOrKey || issue.id === idOrKey);
  }

  issueType(issue: FakeJiraIssue): FakeJiraIssueType | undefined {
    return this.findProject(issue.projectKey)?.issueTypes.find(({ id }) => id === issue.issueTypeId);
  }

  clear(): void {
    this.workflow = 'standard';
    this.issues.length = 0;
    this.nextIssueId = 10000;
  }

  /** `POST /issue`: validates like Jira (project, type, screen, required, values), then stores. */
  create(input: unknown, user: string, permissions: Record<JiraPermissionKey, boolean>, restBase: string): FakeAnswer {
    const fields = isObject(input) && isObject(input.fields) ? input.fields : {};
    const projectRef = isObject(fields.project) ? String(fields.project.key ?? fields.project.id ?? '') : '';
    const project = projectRef ? this.findProject(projectRef) : undefined;
    if (!project || !permissions.BROWSE_PROJECTS) {
      return errorAnswer(400, [], { project: projectRef ? 'valid project is required' : 'project is required' });
    }
    const typeRef = isObject(fields.issuetype) ? String(fields.issuetype.id ?? fields.issuetype.name ?? '') : '';
    const issueType = project.issueTypes.find(({ id, name }) => id === typeRef || name === typeRef);
    if (!issueType) return errorAnswer(400, [], { issuetype: typeRef ? 'The issue type selected is invalid.' : 'issue type is required' });
    if (!permissions.CREATE_ISSUES) return errorAnswer(400, [], { project: 'You do not have permission to create issues in this project.' });

    const { errors, values } = this.checkFields(issueType, fields, 'create');
    const labelAdds = isObject(input) && isObject(input.update) && Array.isArray(input.update.labels) ? input.update.labels : [];
    if (Object.keys(errors).length > 0) return errorAnswer(400, [], errors);

    const id = String(this.nextIssueId++);
    const number = this.issues.filter((issue) => issue.projectKey === project.key).length + 1;
    const created = this.now();
    const issue: FakeJiraIssue = {
      id,
      key: `${project.key}-${number}`,
      projectKey: project.key,
      issueTypeId: issueType.id,
      fields: values,
      properties: {},
      comments: [],
      createdBy: user,
      created,
      updated: created,
      status: FAKE_STATUSES.toDo,
      resolution: null,
    };
    for (const operation of labelAdds) applyLabelOperation(issue, operation);
    for (const property of isObject(input) && Array.isArray(input.properties) ? input.properties : []) {
      if (isObject(property) && typeof property.key === 'string') issue.properties[property.key] = property.value;
    }
    this.issues.push(issue);
    return { status: 201, body: { id, key: issue.key, self: `${restBase}/issue/${id}` } };
  }

  /** `PUT /issue/{key}`: `fields` set, `update` operations (labels, comment), `properties`; 204. */
  update(issue: FakeJiraIssue, input: unknown): FakeAnswer {
    const issueType = this.issueType(issue);
    if (!issueType) return errorAnswer(400, ['The issue type of this issue no longer exists.']);
    const fields = isObject(input) && isObject(input.fields) ? input.fields : {};
    const update = isObject(input) && isObject(input.update) ? input.update : {};
    const { errors, values } = this.checkFields(issueType, fields, 'edit');
    for (const [fieldId, operations] of Object.entries(update)) {
      if (fieldId === 'comment') continue;
      if (!issueType.fields.some((field) => field.fieldId === fieldId && field.fieldId !== 'project') || !Array.isArray(operations)) {
        errors[fieldId] = `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
      }
    }
    if (Object.keys(errors).length > 0) return errorAnswer(400, [], errors);
    Object.assign(issue.fields, values);
    for (const [fieldId, operations] of Object.entries(update)) {
      for (const operation of Array.isArray(operations) ? operations : []) {
        if (fieldId === 'labels') applyLabelOperation(issue, operation);
        else if (fieldId === 'comment' && isObject(operation) && isObject(operation.add)) issue.comments.push(String(operation.add.body ?? ''));
        else if (isObject(operation) && 'set' in operation) issue.fields[fieldId] = operation.set;
      }
    }
    for (const property of isObject(input) && Array.isArray(input.properties) ? input.properties : []) {
      if (isObject(property) && typeof property.key === 'string') issue.properties[property.key] = property.value;
    }
    issue.updated = this.now();
    return { status: 204 };
  }

  /** Issues in `visibleProjects` that every clause matches; a project that is not visible does not exist. */
  search(clauses: JqlClause[], visibleProjects: readonly string[]): FakeJiraIssue[] | string {
    for (const clause of clauses.filter(({ field }) => field === 'project')) {
      const unknown = clause.values.find((value) => !visibleProjects.includes(this.findProject(value)?.key ?? ''));
      if (unknown !== undefined) return `The value '${unknown}' does not exist for the field 'project'.`;
    }
    return this.issues.filter((issue) => visibleProjects.includes(issue.projectKey) && clauses.every((clause) => this.matches(issue, clause)));
  }

  private matches(issue: FakeJiraIssue, clause: JqlClause): boolean {
    if (clause.field === 'updated') return issue.updated.getTime() >= jqlTime(clause.values[0] ?? '', this.now().getTime());
    const candidates: string[] = (() => {
      switch (clause.field) {
        case 'project': {
          const project = this.findProject(issue.projectKey);
          return project ? [project.key, project.id, project.name] : [];
        }
        case 'labels':
          return Array.isArray(issue.fields.labels) ? issue.fields.labels.map(String) : [];
        case 'key':
          return [issue.key, issue.id];
        case 'issuetype': {
          const type = this.issueType(issue);
          return type ? [type.id, type.name] : [];
        }
        case 'status':
          return [issue.status.name, issue.status.id];
      }
    })().map((value) => value.toLowerCase());
    const hit = clause.values.some((value) => candidates.includes(value.toLowerCase()));
    return clause.operator === '=' || clause.operator === 'in' ? hit : !hit;
  }

  private checkFields(issueType: FakeJiraIssueType, fields: Record<string, unknown>, mode: 'create' | 'edit') {
    const errors: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const [fieldId, value] of Object.entries(fields)) {
      const field = issueType.fields.find((candidate) => candidate.fieldId === fieldId);
      if (!field || (mode === 'edit' && (fieldId === 'project' || fieldId === 'issuetype'))) {
        if (mode === 'edit' && fieldId === 'issuetype') continue;
        errors[fieldId] = `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
        continue;
      }
      if (fieldId === 'project' || fieldId === 'issuetype') continue;
      const checked = checkValue(field, value);
      if (typeof checked === 'string') errors[fieldId] = checked;
      else values[fieldId] = checked.value;
    }
    for (const field of issueType.fields) {
      if (!field.required || field.fieldId === 'project' || field.fieldId === 'issuetype' || errors[field.fieldId]) continue;
      const value = field.fieldId in fields ? fields[field.fieldId] : undefined;
      const missing = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
      if (!missing || (mode === 'edit' && !(field.fieldId in fields))) continue;
      if (field.defaultValue) values[field.fieldId] = { id: field.defaultValue.id };
      else errors[field.fieldId] = field.fieldId === 'summary' ? 'You must specify a summary of the issue.' : `${field.name} is required.`;
    }
    if (mode === 'create') {
      const priority = issueType.fields.find(({ fieldId }) => fieldId === 'priority');
      if (priority?.defaultValue && !('priority' in values) && !errors.priority) values.priority = { id: priority.defaultValue.id };
    }
    return { errors, values };
  }
}

/** A field value checked against its schema and allowed values: the stored form, or Jira's message. */
function checkValue(field: FakeJiraField, value: unknown): { value: unknown } | string {
  const allowed = field.allowedValues ?? [];
  switch (field.schema.type) {
    case 'string':
      if (typeof value !== 'string') return 'Operation value must be a string';
      if (field.fieldId === 'summary' && value.length > 254) return 'Summary must be less than 255 characters.';
      // jira.text.field.character.limit, 32,767 by default, applies to description and every text field.
      if (value.length > 32_767) return 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.';
      return { value };
    case 'number':
      return typeof value === 'number' ? { value } : 'Operation value must be a number';
    case 'priority': {
      if (!isObject(value) || (typeof value.id !== 'string' && typeof value.name !== 'string')) {
        return "Could not find valid 'id' or 'name' in priority object.";
      }
      const match = allowed.find(({ id, name }) => (typeof value.id === 'string' ? id === value.id : name === value.name));
      if (match) return { value: { id: match.id } };
      return typeof value.id === 'string' ? 'The priority selected is invalid.' : `Priority name '${String(value.name)}' is not valid`;
    }
    case 'option': {
      if (!isObject(value)) return 'Operation value must be an object';
      const match = allowed.find((option) => (value.id !== undefined ? option.id === String(value.id) : option.value === value.value));
      if (match) return { value: { id: match.id } };
      return value.id !== undefined ? `Option id '${String(value.id)}' is not valid` : `Option value '${String(value.value)}' is not valid`;
    }
    case 'array': {
      if (!Array.isArray(value)) return 'Operation value must be an array';
      if (field.schema.items === 'string') {
        if (!value.every((item) => typeof item === 'string')) return 'Operation value must be a string';
        const spaced = value.find((label: string) => /\s/.test(label));
        return spaced === undefined ? { value: [...value] } : `The label '${spaced}' contains spaces which is invalid.`;
      }
      const ids: { id: string }[] = [];
      for (const item of value) {
        const match = isObject(item) ? allowed.find((entry) => (item.id !== undefined ? entry.id === String(item.id) : entry.name === item.name)) : undefined;
        if (!match)
          return isObject(item) && item.id === undefined
            ? `${field.name} name '${String(item.name)}' is not valid`
            : `${field.name} with id '${isObject(item) ? String(item.id) : String(item)}' does not exist.`;
        ids.push({ id: String(match.id) });
      }
      return { value: ids };
    }
    default:
      return { value };
  }
}

function applyLabelOperation(issue: FakeJiraIssue, operation: unknown): void {
  if (!isObject(operation)) return;
  const labels = new Set(Array.isArray(issue.fields.labels) ? issue.fields.labels.map(String) : []);
  if (typeof operation.add === 'string') labels.add(operation.add);
  if (typeof operation.remove === 'string') labels.delete(operation.remove);
  const next = Array.isArray(operation.set) ? operation.set.map(String) : [...labels];
  issue.fields.labels = next;
}
