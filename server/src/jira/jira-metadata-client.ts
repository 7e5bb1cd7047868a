import type { JiraCreateField, JiraIssueTypeSummary, JiraProjectSummary } from './issue-metadata';
import { callJira, collectPages, type JiraCallLimits, type JiraEndpoint, type JiraOutcomeOf } from './jira-rest';

/** What the mapping needs to know about a target, the same for Cloud v3 and Data Center v2. */
export interface JiraMetadataClient {
  /** The projects the credential can browse. */
  listProjects(): Promise<JiraOutcomeOf<JiraProjectSummary[]>>;
  /** The issue types the credential may create in a project; `unknown_project` when it cannot see it. */
  listIssueTypes(projectKey: string): Promise<JiraOutcomeOf<JiraIssueTypeSummary[] | 'unknown_project'>>;
  /** The create screen of one project and issue type. */
  listCreateFields(projectKey: string, issueTypeId: string): Promise<JiraOutcomeOf<JiraCreateField[]>>;
}

/**
 * A project's issue types from create metadata (`/issue/createmeta/{project}/issuetypes`), the same
 * path on Cloud v3 and DC v2; only the page envelope differs (`parsePage`). 400/404: unknown project.
 */
export async function listCreatemetaIssueTypes(
  endpoint: JiraEndpoint,
  limits: JiraCallLimits,
  projectKey: string,
  pageSize: number,
  parsePage: (body: unknown, startAt: number) => { items: JiraIssueTypeSummary[]; last: boolean },
): Promise<JiraOutcomeOf<JiraIssueTypeSummary[] | 'unknown_project'>> {
  const key = encodeURIComponent(projectKey);
  let unknown = false;
  const types = await collectPages<JiraIssueTypeSummary>(async (startAt) => {
    const result = await callJira(endpoint, limits, {
      method: 'GET',
      path: `/issue/createmeta/${key}/issuetypes?startAt=${startAt}&maxResults=${pageSize}`,
      label: 'GET /issue/createmeta/{project}/issuetypes',
    });
    if (!result.ok && result.problem.kind === 'rejected' && (result.problem.status === 400 || result.problem.status === 404)) {
      unknown = true;
      return { ok: true, value: { items: [], last: true } };
    }
    return result.ok ? { ok: true, value: parsePage(result.body, startAt) } : result;
  });
  if (!types.ok) return types;
  return { ok: true, value: unknown ? 'unknown_project' : types.value };
}
