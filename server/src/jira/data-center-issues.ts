import {
  FINDING_PROPERTY_KEY,
  findingPropertyOf,
  issueRefOf,
  issueWrites,
  walkLabelled,
  type JiraIssuesClient,
  type LabelledIssue,
} from './jira-issues-client';
import { callJira, jqlString, objectOf, type JiraCallLimits, type JiraEndpoint } from './jira-rest';

const PAGE_SIZE = 50;

/**
 * Jira Data Center v2 issues: wiki-markup bodies built by the caller, duplicates found with
 * `GET /search` (newest first, startAt paging) and each hit's finding property read with
 * `GET /issue` (DC search cannot return properties), until the caller recognises one.
 */
export function dataCenterIssuesClient(endpoint: JiraEndpoint, limits: JiraCallLimits): JiraIssuesClient {
  return {
    async findByLabel(projectKey, label, isOurs) {
      const jql = `project = ${jqlString(projectKey)} AND labels = ${jqlString(label)} ORDER BY created DESC`;
      return walkLabelled(async (cursor) => {
        const startAt = Number(cursor ?? '0');
        const query = new URLSearchParams({ jql, fields: 'labels', startAt: String(startAt), maxResults: String(PAGE_SIZE) });
        const result = await callJira(endpoint, limits, { method: 'GET', path: `/search?${query}`, label: 'GET /search' });
        if (!result.ok) return result;
        const body = objectOf(result.body);
        const raw = Array.isArray(body.issues) ? body.issues : [];
        const issues: LabelledIssue[] = [];
        for (const ref of raw.map(issueRefOf)) {
          if (!ref) continue;
          const read = await callJira(endpoint, limits, {
            method: 'GET',
            path: `/issue/${encodeURIComponent(ref.id)}?fields=labels&properties=${encodeURIComponent(FINDING_PROPERTY_KEY)}`,
            label: 'GET /issue/{key}',
          });
          if (!read.ok && read.problem.kind === 'rejected' && read.problem.status === 404) continue;
          if (!read.ok) return read;
          issues.push({ ...ref, property: findingPropertyOf(objectOf(read.body).properties) });
        }
        const total = typeof body.total === 'number' ? body.total : 0;
        const next = startAt + raw.length < total ? String(startAt + raw.length) : null;
        return { ok: true, value: { issues, next } };
      }, isOurs);
    },
    ...issueWrites(endpoint, limits),
  };
}
