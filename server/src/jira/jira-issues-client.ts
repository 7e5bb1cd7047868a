import { callJira, type JiraCallLimits, type JiraEndpoint, type JiraOutcomeOf } from './jira-rest';

/** An issue as Jira names it. */
export interface JiraIssueRef {
  id: string;
  key: string;
}

/** An issue found by label, with its `webriskops.finding` property as Jira returned it (null: none). */
export interface LabelledIssue extends JiraIssueRef {
  property: unknown;
}

/** What a label search found: the first issue the caller recognised, and the keys it did not. */
export interface LabelSearchResult {
  ours: JiraIssueRef | null;
  ignored: string[];
}

/**
 * How many labelled issues a search reads before it gives up: anyone can put a label on issues,
 * so the search reads every candidate (no decoy can hide ours) up to this bound, then says so.
 */
export const MAX_LABEL_CANDIDATES = 100;

/** The issue property every exported issue carries, as a cross-check on the label. */
export const FINDING_PROPERTY_KEY = 'webriskops.finding';

/** Creating, updating and finding exported issues, the same for Cloud v3 and Data Center v2. */
export interface JiraIssuesClient {
  /**
   * Issues of a project carrying `label`, newest first, page after page, until `isOurs` accepts
   * one; `too_many` when more than MAX_LABEL_CANDIDATES carry it and none of those was ours.
   */
  findByLabel(projectKey: string, label: string, isOurs: (issue: LabelledIssue) => Promise<boolean>): Promise<JiraOutcomeOf<LabelSearchResult | 'too_many'>>;
  /** `PUT /issue/{key}/properties/{property}`. */
  setProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<JiraOutcomeOf<'set' | 'not_found'>>;
  /** `POST /issue`. An `unreachable` problem means the issue may exist anyway: reconcile first. */
  create(body: unknown): Promise<JiraOutcomeOf<JiraIssueRef>>;
  /** `PUT /issue/{key}`; `not_found` when the issue was deleted or is no longer visible. */
  update(issueIdOrKey: string, body: unknown): Promise<JiraOutcomeOf<'updated' | 'not_found'>>;
}

/** The `webriskops.finding` property from a `properties` map, as Jira returned it (null: none). */
export function findingPropertyOf(properties: unknown): unknown {
  if (!properties || typeof properties !== 'object') return null;
  return (properties as Record<string, unknown>)[FINDING_PROPERTY_KEY] ?? null;
}

/**
 * Walks labelled candidates page by page (newest first) through `readPage`, asking `isOurs` of
 * each, and stops at the first accepted one, the last page, or MAX_LABEL_CANDIDATES.
 */
export async function walkLabelled(
  readPage: (cursor: string | null) => Promise<JiraOutcomeOf<{ issues: LabelledIssue[]; next: string | null }>>,
  isOurs: (issue: LabelledIssue) => Promise<boolean>,
): Promise<JiraOutcomeOf<LabelSearchResult | 'too_many'>> {
  const ignored: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await readPage(cursor);
    if (!page.ok) return page;
    for (const issue of page.value.issues) {
      if (await isOurs(issue)) return { ok: true, value: { ours: { id: issue.id, key: issue.key }, ignored } };
      ignored.push(issue.key);
      if (ignored.length >= MAX_LABEL_CANDIDATES) return { ok: true, value: 'too_many' };
    }
    if (!page.value.next || page.value.issues.length === 0) return { ok: true, value: { ours: null, ignored } };
    cursor = page.value.next;
  }
}

/** The `{id, key}` of a create answer, or null. */
export function issueRefOf(body: unknown): JiraIssueRef | null {
  if (!body || typeof body !== 'object') return null;
  const { id, key } = body as Record<string, unknown>;
  return typeof id === 'string' && typeof key === 'string' ? { id, key } : null;
}

/** Create and update, the same on Cloud v3 and Data Center v2 (only the bodies differ, built by the caller). */
export function issueWrites(endpoint: JiraEndpoint, limits: JiraCallLimits): Pick<JiraIssuesClient, 'create' | 'update' | 'setProperty'> {
  return {
    async create(body: Parameters<JiraIssuesClient['create']>[0]) {
      const result = await callJira(endpoint, limits, { method: 'POST', path: '/issue', body, label: 'POST /issue' });
      if (!result.ok) return result;
      const ref = issueRefOf(result.body);
      return ref
        ? { ok: true, value: ref }
        : { ok: false, problem: { kind: 'server', status: result.status, reason: 'Jira answered POST /issue without an issue id and key.' } };
    },
    async update(issueIdOrKey: string, body: Parameters<JiraIssuesClient['update']>[1]) {
      const result = await callJira(endpoint, limits, { method: 'PUT', path: `/issue/${encodeURIComponent(issueIdOrKey)}`, body, label: 'PUT /issue/{key}' });
      if (!result.ok && result.problem.kind === 'rejected' && result.problem.status === 404) return { ok: true, value: 'not_found' };
      return result.ok ? { ok: true, value: 'updated' } : result;
    },
    async setProperty(issueIdOrKey: string, propertyKey: string, value: unknown) {
      const path = `/issue/${encodeURIComponent(issueIdOrKey)}/properties/${encodeURIComponent(propertyKey)}`;
      const result = await callJira(endpoint, limits, { method: 'PUT', path, body: value, label: 'PUT /issue/{key}/properties/{property}' });
      if (!result.ok && result.problem.kind === 'rejected' && result.problem.status === 404) return { ok: true, value: 'not_found' };
      return result.ok ? { ok: true, value: 'set' } : result;
    },
  };
}
