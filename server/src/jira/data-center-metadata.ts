import { normalizeCreateField, normalizeIssueType, normalizeProject, type JiraCreateField, type JiraIssueTypeSummary } from './issue-metadata';
import type { JiraMetadataClient } from './jira-metadata-client';
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
    async listIssueTypes(projectKey) {
      const key = encodeURIComponent(projectKey);
      let unknown = false;
      const types = await collectPages<JiraIssueTypeSummary>(async (startAt) => {
        const result = await callJira(endpoint, limits, { method: 'GET', path: `/issue/createmeta/${key}/issuetypes?startAt=${startAt}&maxResults=${PAGE}`, label: 'GET /issue/createmeta/{project}/issuetypes' });
        if (!result.ok && result.problem.kind === 'rejected' && (result.problem.status === 400 || result.problem.status === 404)) {
          unknown = true;
          return { ok: true, value: { items: [], last: true } };
        }
        return result.ok ? { ok: true, value: dataCenterPage(result.body, normalizeIssueType) } : result;
      });
      if (!types.ok) return types;
      return { ok: true, value: unknown ? 'unknown_project' : types.value };
    },
    listCreateFields: (projectKey, issueTypeId) =>
      collectPages<JiraCreateField>(async (startAt) => {
        const path = `/issue/createmeta/${encodeURIComponent(projectKey)}/issuetypes/${encodeURIComponent(issueTypeId)}?startAt=${startAt}&maxResults=${PAGE}`;
        const result = await callJira(endpoint, limits, { method: 'GET', path, label: 'GET /issue/createmeta/{project}/issuetypes/{id}' });
        return result.ok ? { ok: true, value: dataCenterPage(result.body, normalizeCreateField) } : result;
      }),
  };
}
