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
 * Jira Cloud v3 issues: create and update with ADF bodies built by the caller, and duplicates found
 * with the enhanced search `GET /search/jql` (the old `/search` is being removed), newest first,
 * `nextPageToken` paging, which also returns the finding property of each hit.
 */
export function cloudIssuesClient(endpoint: JiraEndpoint, limits: JiraCallLimits): JiraIssuesClient {
  return {
    async findByLabel(projectKey, label, isOurs) {
      const jql = `project = ${jqlString(projectKey)} AND labels = ${jqlString(label)} ORDER BY created DESC`;
      return walkLabelled(async (cursor) => {
        const query = new URLSearchParams({ jql, fields: 'labels', properties: FINDING_PROPERTY_KEY, maxResults: String(PAGE_SIZE) });
        if (cursor) query.set('nextPageToken', cursor);
        const result = await callJira(endpoint, limits, { method: 'GET', path: `/search/jql?${query}`, label: 'GET /search/jql' });
        if (!result.ok) return result;
        const body = objectOf(result.body);
        const issues: LabelledIssue[] = [];
        for (const raw of Array.isArray(body.issues) ? body.issues : []) {
          const ref = issueRefOf(raw);
          if (ref) issues.push({ ...ref, property: findingPropertyOf(objectOf(raw).properties) });
        }
        const next = body.isLast === false && typeof body.nextPageToken === 'string' ? body.nextPageToken : null;
        return { ok: true, value: { issues, next } };
      }, isOurs);
    },
    ...issueWrites(endpoint, limits),
  };
}
