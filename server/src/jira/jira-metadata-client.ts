import type { JiraCreateField, JiraIssueTypeSummary, JiraProjectSummary } from './issue-metadata';
import type { JiraOutcomeOf } from './jira-rest';

/** What the mapping needs to know about a target, the same for Cloud v3 and Data Center v2. */
export interface JiraMetadataClient {
  /** The projects the credential can browse. */
  listProjects(): Promise<JiraOutcomeOf<JiraProjectSummary[]>>;
  /** The issue types the credential may create in a project; `unknown_project` when it cannot see it. */
  listIssueTypes(projectKey: string): Promise<JiraOutcomeOf<JiraIssueTypeSummary[] | 'unknown_project'>>;
  /** The create screen of one project and issue type. */
  listCreateFields(projectKey: string, issueTypeId: string): Promise<JiraOutcomeOf<JiraCreateField[]>>;
}
