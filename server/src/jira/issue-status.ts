import type { IssueStatusReport, StatusCategory } from '../db/issue-statuses-repo';
import { objectOf } from './jira-rest';

const CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done'];

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, 255) : typeof value === 'number' ? String(value) : null;

/** Jira's timestamp (`2024-05-23T14:47:28.592+0000`, ISO, or epoch ms) as ISO, or null. */
export function jiraTimeToIso(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value !== 'string') return null;
  const normalized = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = Date.parse(normalized);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

/**
 * The status of an issue as Jira's REST answers, webhooks and Forge events carry it
 * (`{id, key, fields: {status: {id, name, statusCategory: {key}}, resolution: {name}, updated}}`);
 * null when the issue has no id and key. A report whose fields lack `resolution` altogether says so
 * (`resolutionMissing`): null there means "not told", not "unresolved".
 */
export function issueStatusOf(issue: unknown, deleted = false): IssueStatusReport | null {
  const body = objectOf(issue);
  const issueId = text(body.id);
  const issueKey = text(body.key);
  if (!issueId || !issueKey) return null;
  const fields = objectOf(body.fields);
  const status = objectOf(fields.status);
  const category = text(objectOf(status.statusCategory).key);
  const resolution = fields.resolution ? text(objectOf(fields.resolution).name) : null;
  const resolutionMissing = !deleted && !('resolution' in fields);
  return {
    ...(resolutionMissing ? { resolutionMissing } : {}),
    issueId,
    issueKey,
    statusId: text(status.id),
    statusName: text(status.name),
    statusCategory: CATEGORIES.find((known) => known === category) ?? null,
    resolution,
    jiraUpdatedAt: jiraTimeToIso(fields.updated),
    deleted,
  };
}
