import { normalizeCreateField, normalizeIssueType, normalizeProject, type JiraCreateField } from './issue-metadata';
import { listCreatemetaIssueTypes, readProjectPermissions, type JiraMetadataClient } from './jira-metadata-client';
import { callJira, collectPages, objectOf, type JiraCallLimits, type JiraEndpoint } from './jira-rest';

const PAGE = 50;

function notNull<T>(value: T | null): value is T {
  return value !== null;
}

/** A Data Center page (`values`, `isLast`): its items and whether it was the last. */
function dataCenterPage<T>(body: unknown, normalize: (raw: unknown) => T | null) {
  const record = objectOf(body);
  const raw = Array.isArray(record.values) ? (record.values as unknown[]) : [];
  return { items: raw.map(normalize).filter(notNull), last: record.isLast !== false };
}

/**
 * Jira Data Center v2 metadata: `GET /project` (a plain array) and the per-project create
 * metadata (`values` + `isLast`) that replaced the old createmeta removed in Jira 9.
 */
export function dataCenterMetadataClient(endpoint: JiraEndpoint, limits: JiraCallLimits): JiraMetadataClient {
  return {
    async listProjects() {
      const result = await callJira(endpoint, limits, { method: 'GET', path: '/project', label: 'GET /project' });
      if (!result.ok) return result;
      return { ok: true, value: (Array.isArray(result.body) ? result.body : []).map(normalizeProject).filter(notNull) };
    },
    listIssueTypes: (projectKey) => listCreatemetaIssueTypes(endpoint, limits, projectKey, PAGE, (body) => dataCenterPage(body, normalizeIssueType)),
    listCreateFields: (projectKey, issueTypeId) =>
      collectPages<JiraCreateField>(async (startAt) => {
        const path = `/issue/createmeta/${encodeURIComponent(projectKey)}/issuetypes/${encodeURIComponent(issueTypeId)}?startAt=${startAt}&maxResults=${PAGE}`;
        const result = await callJira(endpoint, limits, { method: 'GET', path, label: 'GET /issue/createmeta/{project}/issuetypes/{id}' });
        return result.ok ? { ok: true, value: dataCenterPage(result.body, normalizeCreateField) } : result;
      }),
    projectPermissions: (projectKey) => readProjectPermissions(endpoint, limits, projectKey),
  };
}
