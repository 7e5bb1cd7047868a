import type { FakeField, FakeIssueType, FakeSite } from './fake-atlassian-cloud-state';

/**
 * Test controls on the fake Jira Cloud's create metadata, as a Jira admin changes it: a priority
 * leaves a screen (the project's priority scheme), a field becomes required, a project is archived
 * (gone from project search, create metadata and creates). Answers stay the shapes the OpenAPI
 * document validates; only the data changes.
 */
function screen(site: FakeSite, projectKey: string, issueTypeId: string): FakeIssueType {
  const type = site.projects.get(projectKey)?.issueTypes.find(({ id }) => id === issueTypeId);
  if (!type) throw new Error(`fake Jira Cloud: no issue type ${issueTypeId} in ${projectKey}`);
  return type;
}

export function removeCloudPriority(site: FakeSite, projectKey: string, issueTypeId: string, priorityId: string): void {
  const priority = screen(site, projectKey, issueTypeId).fields.find(({ fieldId }) => fieldId === 'priority');
  if (priority?.allowedValues) priority.allowedValues = priority.allowedValues.filter(({ id }) => id !== priorityId);
  if (priority?.defaultValue?.id === priorityId) delete priority.defaultValue;
}

export function requireCloudField(site: FakeSite, projectKey: string, issueTypeId: string, field: FakeField): void {
  const type = screen(site, projectKey, issueTypeId);
  const existing = type.fields.find(({ fieldId }) => fieldId === field.fieldId);
  if (existing) existing.required = true;
  else type.fields.push({ ...field, required: true });
}

export function archiveCloudProject(site: FakeSite, projectKey: string): void {
  if (!site.projects.delete(projectKey)) throw new Error(`fake Jira Cloud: no project ${projectKey}`);
}
