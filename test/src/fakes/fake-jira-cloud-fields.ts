import { renderCloudStatus } from './fake-jira-cloud-transitions';
import type { FakeField, FakeIssue, FakeIssueType, FakeProject } from './fake-atlassian-cloud-state';
import { isRecord } from './fake-http-reply';

/** Jira Cloud v3's answer to a rich-text field that is not an ADF document (jira-rest.md §0). */
export const NOT_ADF_MESSAGE = 'Operation value must be an Atlassian Document';

/** Field errors by field id; `adf` errors are reported alone, as Jira reports them before validating. */
export interface FieldErrors {
  adf: Record<string, string>;
  other: Record<string, string>;
}

/** The minimal ADF document shape: `{type:"doc", version:1, content:[...]}`. */
export function isAdfDocument(value: unknown): boolean {
  return (
    isRecord(value) &&
    value.type === 'doc' &&
    value.version === 1 &&
    Array.isArray(value.content) &&
    value.content.every((node) => isRecord(node) && typeof node.type === 'string')
  );
}

function findAllowed(field: FakeField, value: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  return field.allowedValues?.find((allowed) => keys.some((key) => value[key] !== undefined && String(value[key]) === String(allowed[key])));
}

/** Validates one field value and returns its stored form, or records an error. */
function validateValue(field: FakeField, value: unknown, errors: FieldErrors): unknown {
  const fail = (message: string) => {
    errors.other[field.fieldId] = message;
    return undefined;
  };
  switch (field.kind) {
    case 'adf':
      if (value === null) return null;
      if (!isAdfDocument(value)) {
        errors.adf[field.fieldId] = NOT_ADF_MESSAGE;
        return undefined;
      }
      // Counted here on the document as sent: the companion bounds its JSON by the same number.
      if (JSON.stringify(value).length > 32_767) return fail('The entered text is too long. It exceeds the allowed limit of 32,767 characters.');
      return value;
    case 'string':
      if (typeof value !== 'string') return fail(`Operation value must be a string`);
      if (field.fieldId === 'summary' && value.trim() === '') return fail('You must specify a summary of the issue.');
      if (field.fieldId === 'summary' && value.length > 254) return fail('Summary must be less than 255 characters.');
      return value;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('Operation value must be a number');
    case 'priority': {
      const allowed = findAllowed(field, value, ['id', 'name']);
      return allowed ? { id: allowed.id, name: allowed.name } : fail(`Specify a valid 'id' or 'name' for ${field.name}`);
    }
    case 'option': {
      const allowed = findAllowed(field, value, ['id', 'value']);
      return allowed ? { ...allowed } : fail(`Specify a valid 'id' or 'name' for ${field.name}`);
    }
    case 'labels':
      if (!Array.isArray(value) || !value.every((label) => typeof label === 'string')) return fail('Operation value must be an array of strings');
      for (const label of value as string[]) if (/\s/.test(label)) return fail(`The label '${label}' contains spaces which is invalid.`);
      return [...new Set(value as string[])];
    case 'components': {
      if (!Array.isArray(value)) return fail('Operation value must be an array');
      const found = value.map((item) => findAllowed(field, item, ['id', 'name']));
      const missing = value.find((_item, index) => !found[index]);
      return missing === undefined ? found.map((component) => ({ ...component })) : fail(`Component name '${JSON.stringify(missing)}' is not valid`);
    }
    default:
      return value;
  }
}

/**
 * Checks `fields` against an issue type's createmeta as Jira does on create (`requireAll`) or edit:
 * fields not on the screen, invalid values, missing required fields. Returns the values to store.
 */
export function validateFields(
  issueType: FakeIssueType,
  fields: Record<string, unknown>,
  mode: 'create' | 'edit',
): { values: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = { adf: {}, other: {} };
  const values: Record<string, unknown> = {};
  const onScreen = new Map(issueType.fields.map((field) => [field.fieldId, field]));
  for (const [fieldId, value] of Object.entries(fields)) {
    if (fieldId === 'project' || fieldId === 'issuetype') continue;
    const field = onScreen.get(fieldId);
    if (!field || (mode === 'edit' && !field.operations.includes('set'))) {
      errors.other[fieldId] = `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    const stored = validateValue(field, value, errors);
    if (stored !== undefined) values[fieldId] = stored;
  }
  if (mode === 'create') {
    for (const field of issueType.fields) {
      if (field.kind === 'project' || field.kind === 'issuetype') continue;
      if (field.fieldId in fields) continue;
      if (field.defaultValue) values[field.fieldId] = { ...field.defaultValue };
      else if (field.required)
        errors.other[field.fieldId] ??= field.fieldId === 'summary' ? 'You must specify a summary of the issue.' : `${field.name} is required.`;
    }
  }
  return { values, errors };
}

/** Applies an edit's `update` operations (`add`/`remove`/`set`) to stored values; unsupported ones become errors. */
export function applyUpdateOperations(
  issueType: FakeIssueType,
  issue: FakeIssue,
  update: Record<string, unknown>,
  errors: FieldErrors,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [fieldId, operations] of Object.entries(update)) {
    const field = issueType.fields.find((candidate) => candidate.fieldId === fieldId);
    if (!field || !Array.isArray(operations)) {
      errors.other[fieldId] = `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    let current = issue.fields[fieldId];
    for (const operation of operations) {
      if (!isRecord(operation)) continue;
      if ('set' in operation) current = validateValue(field, operation.set, errors);
      else if (field.kind === 'labels' && typeof operation.add === 'string')
        current = [...new Set([...((current as string[] | undefined) ?? []), operation.add])];
      else if (field.kind === 'labels' && typeof operation.remove === 'string')
        current = ((current as string[] | undefined) ?? []).filter((label) => label !== operation.remove);
      else errors.other[fieldId] = `Operation not supported for field '${fieldId}' by this fake`;
    }
    values[fieldId] = current;
  }
  return values;
}

/** Links that responses carry, rooted at the REST base the request came through. */
export interface RenderBase {
  restBase: string;
  siteUrl: string;
}

/** A project reference as issues and project/search show it. */
export function renderProject(project: FakeProject, base: RenderBase): Record<string, unknown> {
  return {
    self: `${base.restBase}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: avatarUrls(`${base.siteUrl}/rest/api/3/universal_avatar/view/type/project/avatar/10400`),
  };
}

/** The four sizes every Atlassian avatar comes in. */
export function avatarUrls(base: string): Record<string, string> {
  return { '48x48': base, '24x24': `${base}?size=small`, '16x16': `${base}?size=xsmall`, '32x32': `${base}?size=medium` };
}

/** An issue type as createmeta and issues show it. */
export function renderIssueType(type: FakeIssueType, base: RenderBase): Record<string, unknown> {
  return {
    self: `${base.restBase}/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${base.siteUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10303?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: 10303,
    hierarchyLevel: 0,
  };
}

/** Every field of a stored issue, rendered as `GET /issue` shows it. */
export function renderIssueFields(issue: FakeIssue, project: FakeProject, base: RenderBase): Record<string, unknown> {
  const type = project.issueTypes.find((candidate) => candidate.id === issue.issueTypeId);
  const rendered: Record<string, unknown> = {};
  for (const [fieldId, value] of Object.entries(issue.fields)) {
    if (fieldId === 'priority' && isRecord(value))
      rendered.priority = { self: `${base.restBase}/priority/${String(value.id)}`, iconUrl: `${base.siteUrl}/images/icons/priorities/medium.svg`, ...value };
    else if (fieldId === 'components' && Array.isArray(value))
      rendered.components = value.map((component) => ({
        self: `${base.restBase}/component/${String((component as Record<string, unknown>).id)}`,
        ...(component as Record<string, unknown>),
      }));
    else rendered[fieldId] = value;
  }
  rendered.project = renderProject(project, base);
  if (type) rendered.issuetype = renderIssueType(type, base);
  Object.assign(rendered, renderCloudStatus(issue, base.restBase));
  rendered.labels ??= [];
  rendered.created = new Date(issue.createdAt).toISOString().replace('Z', '+0000');
  rendered.updated = new Date(issue.updatedAt).toISOString().replace('Z', '+0000');
  return rendered;
}

/** Selects fields as Jira's `fields` parameter does: `*all`, `*navigable`, names, `-name` exclusions. */
export function selectFields(all: Record<string, unknown>, requested: readonly string[]): Record<string, unknown> {
  const wanted = requested
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
  const everything = wanted.some((entry) => entry === '*all' || entry === '*navigable');
  const excluded = new Set(wanted.filter((entry) => entry.startsWith('-')).map((entry) => entry.slice(1)));
  const selected: Record<string, unknown> = {};
  for (const [fieldId, value] of Object.entries(all)) {
    if (excluded.has(fieldId)) continue;
    if (everything || wanted.includes(fieldId)) selected[fieldId] = value;
  }
  return selected;
}
