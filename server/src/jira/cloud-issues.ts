import { FINDING_PROPERTY_KEY, issueRefOf, issueWrites, propertyFingerprint, type JiraIssuesClient, type LabelledIssue } from './jira-issues-client';
import { callJira, jqlString, objectOf, type JiraCallLimits, type JiraEndpoint } from './jira-rest';

const MAX_CANDIDATES = 20;

/**
 * Jira Cloud v3 issues: create and update with ADF bodies built by the caller, and duplicates found
 * with the enhanced search `GET /search/jql` (the old `/search` is being removed), which also returns
 * the finding property of each hit.
 */
export function cloudIssuesClient(endpoint: JiraEndpoint, limits: JiraCallLimits): JiraIssuesClient {
  return {
    async findByLabel(projectKey, label) {
      const jql = `project = ${jqlString(projectKey)} AND labels = ${jqlString(label)} ORDER BY created ASC`;
      const query = new URLSearchParams({ jql, fields: 'labels', properties: FINDING_PROPERTY_KEY, maxResults: String(MAX_CANDIDATES) });
      const result = await callJira(endpoint, limits, { method: 'GET', path: `/search/jql?${query}`, label: 'GET /search/jql' });
      if (!result.ok) return result;
      const issues = objectOf(result.body).issues;
      const found: LabelledIssue[] = [];
      for (const raw of Array.isArray(issues) ? issues : []) {
        const ref = issueRefOf(raw);
        if (ref) found.push({ ...ref, propertyFingerprint: propertyFingerprint(objectOf(raw).properties) });
      }
      return { ok: true, value: found };
    },
    ...issueWrites(endpoint, limits),
  };
}
