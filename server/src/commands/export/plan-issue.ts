import type { MappingCode } from '@webriskops/shared';
import type { JiraAllowedValue, JiraCreateField } from '../../jira/issue-metadata';
import { RESERVED_LABEL_PREFIX, type Finding, type IssueMapping } from './export-input';
import { COMPANION_FIELDS, extraFieldKind, kindProblem, refusedFieldId } from './extra-field-kinds';

export { COMPANION_FIELDS };
const COMPANION = new Set<string>(COMPANION_FIELDS);

/** A field the mapping got wrong, named as the request names it. */
export interface MappingProblem {
  code: MappingCode;
  field: string;
  message: string;
}

/** What the create and update bodies will carry, once the mapping fits the create screen. */
export interface IssuePlan {
  priorityId: string | null;
  /** False when the create screen has no description: the issue then carries the summary only. */
  sendDescription: boolean;
  /** Non-text extra fields, sent as given (their kind and values checked). */
  extraFields: Record<string, unknown>;
  /** Text extra fields as plain text: the companion escapes and cuts them per Jira flavour. */
  extraTexts: Record<string, { rich: boolean; text: string }>;
  warnings: string[];
}

const allowedText = (values: JiraAllowedValue[]) =>
  values
    .slice(0, 25)
    .map((value) => `${value.id} (${value.name ?? value.value ?? '?'})`)
    .join(', ') || 'none';

/** Whether a value (`{id}`, `{value}`, `{name}` or an array of them) names only allowed values. */
function valueProblem(field: JiraCreateField, value: unknown): string | null {
  const allowed = field.allowed_values;
  if (!allowed || allowed.length === 0) return null;
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue; // a shape Jira itself will judge
    const ref = item as Record<string, unknown>;
    const match = allowed.some(
      (candidate) =>
        (ref.id !== undefined && String(ref.id) === candidate.id) ||
        (ref.id === undefined && ref.value !== undefined && String(ref.value) === candidate.value) ||
        (ref.id === undefined && ref.name !== undefined && String(ref.name) === candidate.name),
    );
    if (!match) return `${JSON.stringify(item).slice(0, 100)} is not an allowed value of ${field.name}; allowed: ${allowedText(allowed)}.`;
  }
  return null;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * What can be refused from the mapping alone, before any call to Jira: reserved labels and field
 * ids an export job may never set. Every problem names its field.
 */
export function mappingProblemsBeforeJira(mapping: IssueMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  mapping.labels.forEach((label, index) => {
    if (label.toLowerCase().startsWith(RESERVED_LABEL_PREFIX)) {
      problems.push({
        code: 'MAPPING_LABELS_UNAVAILABLE',
        field: `mapping.labels[${index}]`,
        message: `${label}: labels starting with ${RESERVED_LABEL_PREFIX} are reserved for the companion (it finds each finding's issue by them).`,
      });
    }
  });
  for (const fieldId of Object.keys(mapping.extra_fields)) {
    const refused = refusedFieldId(fieldId);
    if (refused) problems.push({ code: 'MAPPING_FIELD_INVALID', field: `mapping.extra_fields.${fieldId}`, message: refused });
  }
  return problems;
}

/**
 * Checks a mapping against the create screen of its project and issue type before anything is
 * sent: the priority must be one the screen allows (create metadata `allowedValues`, never the
 * global list), labels must be settable (the fingerprint label finds duplicates), every extra
 * field must be on the screen with an allowed value, and every required field without a default
 * must be filled. Returns every problem at once.
 */
export function planIssue(
  fields: JiraCreateField[],
  finding: Finding,
  mapping: IssueMapping,
): { ok: true; plan: IssuePlan } | { ok: false; problems: MappingProblem[] } {
  const byId = new Map(fields.map((field) => [field.id, field]));
  const problems: MappingProblem[] = [];
  const warnings: string[] = [];

  let priorityId: string | null = mapping.priority_id ?? null;
  let priorityField = 'mapping.priority_id';
  if (mapping.severity_priority_ids) {
    priorityField = `mapping.severity_priority_ids.${finding.severity}`;
    priorityId = mapping.severity_priority_ids[finding.severity] ?? null;
    if (priorityId === null)
      problems.push({ code: 'MAPPING_PRIORITY_UNAVAILABLE', field: priorityField, message: `no priority is mapped for severity ${finding.severity}.` });
  }
  if (priorityId !== null) {
    const priority = byId.get('priority');
    if (!priority)
      problems.push({
        code: 'MAPPING_PRIORITY_UNAVAILABLE',
        field: priorityField,
        message: 'the create screen has no Priority field, so no priority can be set; leave it out.',
      });
    else if (!(priority.allowed_values ?? []).some((value) => value.id === priorityId)) {
      problems.push({
        code: 'MAPPING_PRIORITY_UNAVAILABLE',
        field: priorityField,
        message: `priority ${priorityId} is not allowed here; allowed: ${allowedText(priority.allowed_values ?? [])}.`,
      });
    }
  }

  if (!byId.has('labels'))
    problems.push({
      code: 'MAPPING_LABELS_UNAVAILABLE',
      field: 'labels',
      message: 'the create screen has no Labels field; the companion needs it for the webriskops-<fingerprint> label that finds duplicates.',
    });
  const sendDescription = byId.has('description');
  if (!sendDescription) warnings.push('The create screen has no Description field: the issue carries the summary only, without the evidence.');

  const extraFields: Record<string, unknown> = {};
  const extraTexts: IssuePlan['extraTexts'] = {};
  for (const [fieldId, value] of Object.entries(mapping.extra_fields)) {
    const path = `mapping.extra_fields.${fieldId}`;
    const field = byId.get(fieldId);
    const refused = refusedFieldId(fieldId);
    const kind = field ? extraFieldKind(field) : null;
    if (refused) problems.push({ code: 'MAPPING_FIELD_INVALID', field: path, message: refused });
    else if (!field)
      problems.push({ code: 'MAPPING_FIELD_INVALID', field: path, message: `${fieldId} is not on the create screen of this project and issue type.` });
    else if (!kind)
      problems.push({
        code: 'MAPPING_FIELD_INVALID',
        field: path,
        message: `${field.name} (${field.schema.custom ?? field.schema.type}) may not be set by an export job: only text, number, date, select, checkbox, radio, version and label fields may.`,
      });
    else {
      const problem = kindProblem(field, kind, value) ?? valueProblem(field, value);
      if (problem) problems.push({ code: 'MAPPING_FIELD_INVALID', field: path, message: problem });
      else if (kind === 'rich_text' || kind === 'line_text') extraTexts[fieldId] = { rich: kind === 'rich_text', text: value as string };
      else extraFields[fieldId] = value;
    }
  }

  for (const field of fields) {
    if (!field.required || field.has_default_value || COMPANION.has(field.id)) continue;
    if (isEmpty(mapping.extra_fields[field.id])) {
      const type = field.schema.items ? `${field.schema.type} of ${field.schema.items}` : field.schema.type;
      const allowed = field.allowed_values ? `; allowed: ${allowedText(field.allowed_values)}` : '';
      problems.push({
        code: 'MAPPING_FIELD_REQUIRED',
        field: `mapping.extra_fields.${field.id}`,
        message: `${field.name} (${type}) is required here and not mapped${allowed}.`,
      });
    }
  }
  const priority = byId.get('priority');
  if (priority?.required && !priority.has_default_value && priorityId === null && !problems.some((p) => p.field === priorityField)) {
    problems.push({
      code: 'MAPPING_FIELD_REQUIRED',
      field: 'mapping.priority_id',
      message: 'Priority is required here and has no default; map one with priority_id or severity_priority_ids.',
    });
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan: { priorityId, sendDescription, extraFields, extraTexts, warnings } };
}
