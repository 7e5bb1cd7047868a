import { normalizeCreateField, normalizeIssueType, normalizeProject, type JiraCreateField, type JiraIssueTypeSummary, type JiraProjectSummary } from './issue-metadata';
import type { JiraMetadataClient } from './jira-metadata-client';
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
        const result = await callJira(endpoint, limits, { method: 'GET', path: `/project/search?startAt=${startAt}&maxResults=${PAGE}`, label: 'GET /project/search' });
        return result.ok ? { ok: true, value: cloudPage(result.body, 'values', normalizeProject, startAt) } : result;
      }),
    async listIssueTypes(projectKey) {
      const key = encodeURIComponent(projectKey);
      let unknown = false;
      const types = await collectPages<JiraIssueTypeSummary>(async (startAt) => {
        const result = await callJira(endpoint, limits, { method: 'GET', path: `/issue/createmeta/${key}/issuetypes?startAt=${startAt}&maxResults=${PAGE}`, label: 'GET /issue/createmeta/{project}/issuetypes' });
        if (!result.ok && result.problem.kind === 'rejected' && (result.problem.status === 400 || result.problem.status === 404)) {
          unknown = true;
          return { ok: true, value: { items: [], last: true } };
        }
        return result.ok ? { ok: true, value: cloudPage(result.body, 'issueTypes', normalizeIssueType, startAt) } : result;
      });
      if (!types.ok) return types;
      return { ok: true, value: unknown ? 'unknown_project' : types.value };
    },
    listCreateFields: (projectKey, issueTypeId) =>
      collectPages<JiraCreateField>(async (startAt) => {
        const path = `/issue/createmeta/${encodeURIComponent(projectKey)}/issuetypes/${encodeURIComponent(issueTypeId)}?startAt=${startAt}&maxResults=${PAGE}`;
        const result = await callJira(endpoint, limits, { method: 'GET', path, label: 'GET /issue/createmeta/{project}/issuetypes/{id}' });
        return result.ok ? { ok: true, value: cloudPage(result.body, 'fields', normalizeCreateField, startAt) } : result;
      }),
  };
}
