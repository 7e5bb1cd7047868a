import { FINDING_PROPERTY_KEY, issueRefOf, issueWrites, propertyFingerprint, type JiraIssuesClient, type LabelledIssue } from './jira-issues-client';
import { callJira, jqlString, objectOf, type JiraCallLimits, type JiraEndpoint } from './jira-rest';

const MAX_CANDIDATES = 20;
/** DC search cannot return properties: each candidate is read, but only this many. */
const MAX_PROPERTY_READS = 5;

/**
 * Jira Data Center v2 issues: wiki-markup bodies built by the caller, duplicates found with
 * `GET /search` (startAt/total paging) and each hit's finding property read with `GET /issue`.
 */
export function dataCenterIssuesClient(endpoint: JiraEndpoint, limits: JiraCallLimits): JiraIssuesClient {
  return {
    async findByLabel(projectKey, label) {
      const jql = `project = ${jqlString(projectKey)} AND labels = ${jqlString(label)} ORDER BY created ASC`;
      const query = new URLSearchParams({ jql, fields: 'labels', startAt: '0', maxResults: String(MAX_CANDIDATES) });
      const result = await callJira(endpoint, limits, { method: 'GET', path: `/search?${query}`, label: 'GET /search' });
      if (!result.ok) return result;
      const issues = objectOf(result.body).issues;
      const found: LabelledIssue[] = [];
      for (const raw of Array.isArray(issues) ? issues : []) {
        const ref = issueRefOf(raw);
        if (!ref) continue;
        if (found.length >= MAX_PROPERTY_READS) break;
        const read = await callJira(endpoint, limits, {
          method: 'GET',
          path: `/issue/${encodeURIComponent(ref.id)}?fields=labels&properties=${encodeURIComponent(FINDING_PROPERTY_KEY)}`,
          label: 'GET /issue/{key}',
        });
        if (!read.ok && read.problem.kind === 'rejected' && read.problem.status === 404) continue;
        if (!read.ok) return read;
        found.push({ ...ref, propertyFingerprint: propertyFingerprint(objectOf(read.body).properties) });
      }
      return { ok: true, value: found };
    },
    ...issueWrites(endpoint, limits),
  };
}
