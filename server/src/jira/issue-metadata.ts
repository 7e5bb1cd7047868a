/** A project the credential can see (Cloud `project/search`, DC `project`). */
export interface JiraProjectSummary {
  id: string;
  key: string;
  name: string;
}

/** An issue type the credential may create in a project (createmeta `issuetypes`). */
export interface JiraIssueTypeSummary {
  id: string;
  name: string;
  subtask: boolean;
}

/** One allowed value of a field: priorities and options by id, with their name or value. */
export interface JiraAllowedValue {
  id: string;
  name: string | null;
  value: string | null;
}

/**
 * A field on the create screen of one project and issue type, the same for Cloud v3
 * (`FieldCreateMetadata`) and Data Center v2 (`FieldMetaBean`).
 */
export interface JiraCreateField {
  id: string;
  name: string;
  required: boolean;
  has_default_value: boolean;
  schema: { type: string; items: string | null; system: string | null; custom: string | null };
  operations: string[];
  allowed_values: JiraAllowedValue[] | null;
  default_value: JiraAllowedValue | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);

function allowedValue(raw: unknown): JiraAllowedValue | null {
  if (!raw || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  const id = text(record.id);
  if (id === null) return null;
  return { id, name: text(record.name), value: text(record.value) };
}

/** A createmeta field in the one shape both APIs are read into; null when it is not a field. */
export function normalizeCreateField(raw: unknown): JiraCreateField | null {
  if (!raw || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  const id = text(record.fieldId) ?? text(record.key);
  if (!id) return null;
  const schema = record.schema && typeof record.schema === 'object' ? (record.schema as Record<string, unknown>) : {};
  return {
    id,
    name: text(record.name) ?? id,
    required: record.required === true,
    has_default_value: record.hasDefaultValue === true,
    schema: { type: text(schema.type) ?? 'any', items: text(schema.items), system: text(schema.system), custom: text(schema.custom) },
    operations: Array.isArray(record.operations) ? record.operations.filter((op): op is string => typeof op === 'string') : [],
    allowed_values: Array.isArray(record.allowedValues)
      ? record.allowedValues.map(allowedValue).filter((value): value is JiraAllowedValue => value !== null)
      : null,
    default_value: allowedValue(record.defaultValue),
  };
}

/** An issue type from createmeta, or null. */
export function normalizeIssueType(raw: unknown): JiraIssueTypeSummary | null {
  if (!raw || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  const id = text(record.id);
  return id ? { id, name: text(record.name) ?? id, subtask: record.subtask === true } : null;
}

/** A project from a project list, or null. */
export function normalizeProject(raw: unknown): JiraProjectSummary | null {
  if (!raw || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  const id = text(record.id);
  const key = text(record.key);
  return id && key ? { id, key, name: text(record.name) ?? key } : null;
}
