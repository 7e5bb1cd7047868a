import { normalizeCreateField, normalizeIssueType, normalizeProject, type JiraCreateField, type JiraProjectSummary } from './issue-metadata';
import { listCreatemetaIssueTypes, readProjectPermissions, type JiraMetadataClient } from './jira-metadata-client';
import { callJira, collectPages, objectOf, type JiraCallLimits, type JiraEndpoint } from './jira-rest';

const PAGE = 50;

function notNull<T>(value: T | null): value is T {
  return value !== null;
}

/** A Cloud page (`startAt`, `total`, items under `key`): its items and whether it was the last. */
function cloudPage<T>(body: unknown, key: string, normalize: (raw: unknown) => T | null, startAt: number) {
  const record = objectOf(body);
  const raw = Array.isArray(record[key]) ? (record[key] as unknown[]) : [];
  const total = typeof record.total === 'number' ? record.total : null;
  const last = record.isLast === true || (total !== null ? startAt + raw.length >= total : raw.length < PAGE);
  return { items: raw.map(normalize).filter(notNull), last };
}

/**
 * Jira Cloud v3 metadata: `project/search` (paged, `isLast`), and create metadata per project and
 * issue type (`issueTypes` / `fields` envelopes); never the deprecated global priority list.
 */
export function cloudMetadataClient(endpoint: JiraEndpoint, limits: JiraCallLimits): JiraMetadataClient {
  return {
    listProjects: () =>
      collectPages<JiraProjectSummary>(async (startAt) => {
        const result = await callJira(endpoint, limits, {
          method: 'GET',
          path: `/project/search?startAt=${startAt}&maxResults=${PAGE}`,
          label: 'GET /project/search',
        });
        return result.ok ? { ok: true, value: cloudPage(result.body, 'values', normalizeProject, startAt) } : result;
      }),
    listIssueTypes: (projectKey) =>
      listCreatemetaIssueTypes(endpoint, limits, projectKey, PAGE, (body, startAt) => cloudPage(body, 'issueTypes', normalizeIssueType, startAt)),
    listCreateFields: (projectKey, issueTypeId) =>
      collectPages<JiraCreateField>(async (startAt) => {
        const path = `/issue/createmeta/${encodeURIComponent(projectKey)}/issuetypes/${encodeURIComponent(issueTypeId)}?startAt=${startAt}&maxResults=${PAGE}`;
        const result = await callJira(endpoint, limits, { method: 'GET', path, label: 'GET /issue/createmeta/{project}/issuetypes/{id}' });
        return result.ok ? { ok: true, value: cloudPage(result.body, 'fields', normalizeCreateField, startAt) } : result;
      }),
    projectPermissions: (projectKey) => readProjectPermissions(endpoint, limits, projectKey),
  };
}
