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
  /** The credential's export permissions in one project (`mypermissions?projectKey=`); `unknown_project` when it cannot see it. */
  projectPermissions(projectKey: string): Promise<JiraOutcomeOf<ProjectPermissions | 'unknown_project'>>;
}

/** The permissions an export profile's project needs: create, edit and browse to export, transition for status sync. */
export const PROFILE_PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES'] as const;
export type ProfilePermission = (typeof PROFILE_PERMISSIONS)[number];
export type ProjectPermissions = Record<ProfilePermission, boolean>;

/**
 * `GET /mypermissions?projectKey=…&permissions=…`, the same path on Cloud v3 (which requires
 * `permissions`) and DC v2 (which lists every permission whatever was asked). 404: unknown project.
 */
export async function readProjectPermissions(
  endpoint: JiraEndpoint,
  limits: JiraCallLimits,
  projectKey: string,
): Promise<JiraOutcomeOf<ProjectPermissions | 'unknown_project'>> {
  const result = await callJira(endpoint, limits, {
    method: 'GET',
    path: `/mypermissions?projectKey=${encodeURIComponent(projectKey)}&permissions=${PROFILE_PERMISSIONS.join(',')}`,
    label: 'GET /mypermissions?projectKey=',
  });
  if (!result.ok && result.problem.kind === 'rejected' && (result.problem.status === 400 || result.problem.status === 404)) {
    return { ok: true, value: 'unknown_project' };
  }
  if (!result.ok) return result;
  const body = result.body && typeof result.body === 'object' ? (result.body as { permissions?: unknown }) : {};
  const listed = body.permissions && typeof body.permissions === 'object' ? (body.permissions as Record<string, { havePermission?: unknown }>) : {};
  const granted = (key: ProfilePermission) => listed[key]?.havePermission === true;
  return { ok: true, value: Object.fromEntries(PROFILE_PERMISSIONS.map((key) => [key, granted(key)])) as ProjectPermissions };
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
