import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import type { JiraCreateField, JiraIssueTypeSummary, JiraProjectSummary } from '../../jira/issue-metadata';
import type { JiraOutcomeOf } from '../../jira/jira-rest';
import { targetKey, type JiraTargetApi } from './connect-jira';
import type { ExportRuntime } from './export-runtime';
import { throwForJiraProblem } from './jira-problem-error';

/** Metadata reads through the runtime's short cache (a budget per workspace; keyed by target, target version and project), misses rate limited. */
export interface CachedMetadata {
  projects(): Promise<JiraProjectSummary[]>;
  issueTypes(projectKey: string): Promise<JiraIssueTypeSummary[] | 'unknown_project'>;
  createFields(projectKey: string, issueTypeId: string): Promise<JiraCreateField[]>;
  /** True while every read so far came from the cache (no call reached Jira). */
  allCached(): boolean;
}

export function cachedMetadata(deps: AppDeps, runtime: ExportRuntime, principal: Principal, target: TargetRecord, api: JiraTargetApi): CachedMetadata {
  // The target's updated_at changes with every write (token renewed, checks rerun): a new version starts a new cache.
  const prefix = `${targetKey(principal, target)}@${target.updated_at}`;
  let cached = true;
  async function unwrap<T>(read: Promise<{ value: JiraOutcomeOf<T>; hit: boolean }>, what: string): Promise<T> {
    const { value, hit } = await read;
    if (!hit) cached = false;
    if (!value.ok) return throwForJiraProblem(deps, principal, target.id, value.problem, what);
    return value.value;
  }
  const ok = (result: { ok: boolean }) => result.ok;
  const workspace = principal.workspaceId;
  // Every miss calls Jira: counted against the target's and the workspace's limits first (429 beyond).
  const miss =
    <T>(load: () => Promise<T>) =>
    async () => {
      runtime.takeMetadataMiss(workspace, target.id);
      return load();
    };
  return {
    projects: () =>
      unwrap(
        runtime.projects.get(
          workspace,
          `${prefix}|projects`,
          miss(() => api.metadata.listProjects()),
          ok,
        ),
        'the project list',
      ),
    issueTypes: (projectKey) =>
      unwrap(
        runtime.issueTypes.get(
          workspace,
          `${prefix}|${projectKey}`,
          miss(() => api.metadata.listIssueTypes(projectKey)),
          ok,
        ),
        `the issue types of ${projectKey}`,
      ),
    createFields: (projectKey, issueTypeId) =>
      unwrap(
        runtime.createFields.get(
          workspace,
          `${prefix}|${projectKey}|${issueTypeId}`,
          miss(() => api.metadata.listCreateFields(projectKey, issueTypeId)),
          ok,
        ),
        `the create screen of ${projectKey} / ${issueTypeId}`,
      ),
    allCached: () => cached,
  };
}
