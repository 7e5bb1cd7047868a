import type { JiraCreateField } from '../../jira/issue-metadata';
import { RESERVED_LABEL_PREFIX } from './export-input';

/** Fields the companion fills itself from the finding and the mapping's priority and labels. */
export const COMPANION_FIELDS = ['project', 'issuetype', 'summary', 'description', 'priority', 'labels'] as const;
const COMPANION = new Set<string>(COMPANION_FIELDS);

/** System fields a job may set through `extra_fields`; custom fields are judged by their type. */
export const SETTABLE_SYSTEM_FIELDS = ['components', 'versions', 'fixVersions', 'duedate', 'environment'] as const;
const SETTABLE_SYSTEM = new Set<string>(SETTABLE_SYSTEM_FIELDS);
const CUSTOM_FIELD_ID = /^customfield_\d{1,18}$/;

/** What a settable field holds, which decides how its value is checked and sent. */
export type ExtraFieldKind = 'rich_text' | 'line_text' | 'number' | 'date' | 'datetime' | 'choice' | 'labels';

/** Custom field types (the part of `schema.custom` after the colon) a job may set, by kind. */
const CUSTOM_KINDS: Record<string, ExtraFieldKind> = {
  textfield: 'line_text',
  textarea: 'rich_text',
  float: 'number',
  datepicker: 'date',
  datetime: 'datetime',
  select: 'choice',
  radiobuttons: 'choice',
  multiselect: 'choice',
  multicheckboxes: 'choice',
  cascadingselect: 'choice',
  version: 'choice',
  multiversion: 'choice',
  labels: 'labels',
};
const SYSTEM_KINDS: Record<(typeof SETTABLE_SYSTEM_FIELDS)[number], ExtraFieldKind> = {
  components: 'choice',
  versions: 'choice',
  fixVersions: 'choice',
  duedate: 'date',
  environment: 'rich_text',
};

const ALLOWED_KINDS_TEXT =
  'extra_fields takes custom text, number, date, select, checkbox, radio, version and label fields, and components, versions, fixVersions, duedate and environment';

/**
 * Whether a field id may be set through `extra_fields` at all, judged before anything is sent:
 * an allowlist, so fields that identify or protect people and issues (reporter, assignee,
 * security, issuelinks, attachment, watches, votes, parent, worklog, comment…) never leave.
 */
export function refusedFieldId(fieldId: string): string | null {
  if (COMPANION.has(fieldId)) return `${fieldId} is filled by the companion from the finding and mapping; remove it from extra_fields.`;
  if (SETTABLE_SYSTEM.has(fieldId) || CUSTOM_FIELD_ID.test(fieldId)) return null;
  return `${fieldId} may not be set by an export job (it identifies or protects people or issues, or is not a field exports set); ${ALLOWED_KINDS_TEXT}. Nothing was sent.`;
}

/** The kind of a create-screen field, or null when an export may not set it (user, group, URL, sprint… pickers). */
export function extraFieldKind(field: JiraCreateField): ExtraFieldKind | null {
  if (SETTABLE_SYSTEM.has(field.id)) return SYSTEM_KINDS[field.id as (typeof SETTABLE_SYSTEM_FIELDS)[number]];
  if (!CUSTOM_FIELD_ID.test(field.id) || !field.schema.custom) return null;
  const type = field.schema.custom.slice(field.schema.custom.lastIndexOf(':') + 1);
  return field.schema.custom.startsWith('com.atlassian.jira.plugin.system.customfieldtypes:') ? (CUSTOM_KINDS[type] ?? null) : null;
}

const CHOICE_KEYS = new Set(['id', 'value', 'name', 'child']);
const isChoice = (item: unknown): boolean =>
  !!item &&
  typeof item === 'object' &&
  !Array.isArray(item) &&
  Object.entries(item).every(
    ([key, value]) => CHOICE_KEYS.has(key) && (key === 'child' ? isChoice(value) : typeof value === 'string' || typeof value === 'number'),
  );

/** Why a value does not fit its field's kind (plain text for text fields: the companion builds the markup), or null. */
export function kindProblem(field: JiraCreateField, kind: ExtraFieldKind, value: unknown): string | null {
  switch (kind) {
    case 'rich_text':
    case 'line_text':
      return typeof value === 'string' ? null : `${field.name} takes plain text (a string); the companion escapes it and builds the document.`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${field.name} takes a number.`;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : `${field.name} takes a date (YYYY-MM-DD).`;
    case 'datetime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value) ? null : `${field.name} takes a date-time (ISO 8601).`;
    case 'choice': {
      const items = Array.isArray(value) ? value : [value];
      return items.every(isChoice) ? null : `${field.name} takes {"id"}, {"value"} or {"name"} objects (or an array of them) and nothing else.`;
    }
    case 'labels': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && /^\S{1,255}$/.test(item)))
        return `${field.name} takes an array of labels without spaces.`;
      const reserved = value.find((label: string) => label.toLowerCase().startsWith(RESERVED_LABEL_PREFIX));
      return reserved ? `${reserved}: labels starting with ${RESERVED_LABEL_PREFIX} are reserved for the companion.` : null;
    }
  }
}
