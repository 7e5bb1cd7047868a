import { SEVERITIES, type IssueMapping, type Severity } from './export-input';
import type { CachedMetadata } from './cached-metadata';
import { mappingProblemsBeforeJira, planIssue, type MappingProblem } from './plan-issue';
import { profileProblem, type ProfileProblem } from './mapping-error';

/** A finding of each severity, for checking a profile's priorities one severity at a time (planIssue reads only the severity). */
const probe = (severity: Severity) => ({ fingerprint: 'profile-check', title: 'profile check', description: '', severity, url: 'https://profile.invalid/' });

const asProfileProblem = (problem: MappingProblem): ProfileProblem => profileProblem(problem.code, problem.field.replace(/^mapping\./, ''), problem.message);

/**
 * Every way a profile does not fit the target's create metadata now: the project exists and the
 * credential may create in it, the issue type belongs to it, each mapped priority is one that
 * project and issue type allow, every required field has an allowed value, labels are settable.
 * Jira problems (auth, unreachable) are thrown by `metadata` as for any export.
 */
export async function profileProblems(metadata: CachedMetadata, profile: IssueMapping): Promise<ProfileProblem[]> {
  const before = mappingProblemsBeforeJira(profile).map(asProfileProblem);
  if (before.length > 0) return before;
  const types = await metadata.issueTypes(profile.project_key);
  if (types === 'unknown_project') {
    return [
      profileProblem(
        'MAPPING_PROJECT_UNAVAILABLE',
        'project_key',
        `project ${profile.project_key} does not exist on this Jira, was archived, or the credential cannot create issues in it.`,
      ),
    ];
  }
  if (!types.some((type) => type.id === profile.issue_type_id)) {
    const allowed = types.map((type) => `${type.id} (${type.name})`).join(', ') || 'none';
    return [
      profileProblem(
        'MAPPING_ISSUE_TYPE_UNAVAILABLE',
        'issue_type_id',
        `issue type ${profile.issue_type_id} is not available in ${profile.project_key}; allowed: ${allowed}.`,
      ),
    ];
  }
  const fields = await metadata.createFields(profile.project_key, profile.issue_type_id);
  const mapped = SEVERITIES.filter((severity) => profile.severity_priority_ids?.[severity] !== undefined);
  const problems = new Map<string, ProfileProblem>();
  for (const severity of mapped.length > 0 ? mapped : (['medium'] as const)) {
    const planned = planIssue(fields, probe(severity), profile);
    if (!planned.ok) for (const problem of planned.problems.map(asProfileProblem)) problems.set(`${problem.code}|${problem.field}`, problem);
  }
  return [...problems.values()];
}
