import { callJira, type JiraCallLimits, type JiraEndpoint, type JiraOutcomeOf } from './jira-rest';

/** An issue as Jira names it. */
export interface JiraIssueRef {
  id: string;
  key: string;
}

/** An issue found by label, with the fingerprint its WebRiskOps property claims (null: no property). */
export interface LabelledIssue extends JiraIssueRef {
  propertyFingerprint: string | null;
}

/** The issue property every exported issue carries, as a cross-check on the label. */
export const FINDING_PROPERTY_KEY = 'webriskops.finding';

/** Creating, updating and finding exported issues, the same for Cloud v3 and Data Center v2. */
export interface JiraIssuesClient {
  /** Issues of a project carrying `label` (bounded JQL), with their finding property. */
  findByLabel(projectKey: string, label: string): Promise<JiraOutcomeOf<LabelledIssue[]>>;
  /** `POST /issue`. An `unreachable` problem means the issue may exist anyway: reconcile first. */
  create(body: unknown): Promise<JiraOutcomeOf<JiraIssueRef>>;
  /** `PUT /issue/{key}`; `not_found` when the issue was deleted or is no longer visible. */
  update(issueIdOrKey: string, body: unknown): Promise<JiraOutcomeOf<'updated' | 'not_found'>>;
}

/** The fingerprint an issue's `webriskops.finding` property names, from a `properties` map. */
export function propertyFingerprint(properties: unknown): string | null {
  if (!properties || typeof properties !== 'object') return null;
  const value = (properties as Record<string, unknown>)[FINDING_PROPERTY_KEY];
  const fingerprint = value && typeof value === 'object' ? (value as Record<string, unknown>).fingerprint : undefined;
  return typeof fingerprint === 'string' ? fingerprint : null;
}

/** The `{id, key}` of a create answer, or null. */
export function issueRefOf(body: unknown): JiraIssueRef | null {
  if (!body || typeof body !== 'object') return null;
  const { id, key } = body as Record<string, unknown>;
  return typeof id === 'string' && typeof key === 'string' ? { id, key } : null;
}

/** Create and update, the same on Cloud v3 and Data Center v2 (only the bodies differ, built by the caller). */
export function issueWrites(endpoint: JiraEndpoint, limits: JiraCallLimits): Pick<JiraIssuesClient, 'create' | 'update'> {
  return {
    async create(body: Parameters<JiraIssuesClient['create']>[0]) {
      const result = await callJira(endpoint, limits, { method: 'POST', path: '/issue', body, label: 'POST /issue' });
      if (!result.ok) return result;
      const ref = issueRefOf(result.body);
      return ref ? { ok: true, value: ref } : { ok: false, problem: { kind: 'server', status: result.status, reason: 'Jira answered POST /issue without an issue id and key.' } };
    },
    async update(issueIdOrKey: string, body: Parameters<JiraIssuesClient['update']>[1]) {
      const result = await callJira(endpoint, limits, { method: 'PUT', path: `/issue/${encodeURIComponent(issueIdOrKey)}`, body, label: 'PUT /issue/{key}' });
      if (!result.ok && result.problem.kind === 'rejected' && result.problem.status === 404) return { ok: true, value: 'not_found' };
      return result.ok ? { ok: true, value: 'updated' } : result;
    },
  };
}
