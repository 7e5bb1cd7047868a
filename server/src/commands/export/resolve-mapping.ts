import { MAPPING_CODE_INFO } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import type { IssueMapping, MappingOverride } from './export-input';
import { loadExportProfile } from './export-profile';
import { MappingError, profileProblem, type ProfileProblem } from './mapping-error';

const sameScreen = (profile: IssueMapping, override: MappingOverride) =>
  (override.project_key ?? profile.project_key) === profile.project_key && (override.issue_type_id ?? profile.issue_type_id) === profile.issue_type_id;

/**
 * A call's mapping over the profile: each part the call gives replaces the profile's (a priority_id
 * replaces the severity map and back); extra_fields are merged by field id, except when the call
 * names another project or issue type, whose screen the profile's extra fields were not made for.
 */
export function mergeMapping(profile: IssueMapping, override: MappingOverride): IssueMapping {
  const priorities =
    override.priority_id !== undefined
      ? { priority_id: override.priority_id }
      : override.severity_priority_ids !== undefined
        ? { severity_priority_ids: override.severity_priority_ids }
        : { priority_id: profile.priority_id, severity_priority_ids: profile.severity_priority_ids };
  return {
    project_key: override.project_key ?? profile.project_key,
    issue_type_id: override.issue_type_id ?? profile.issue_type_id,
    ...priorities,
    labels: override.labels ?? profile.labels,
    extra_fields: sameScreen(profile, override) ? { ...profile.extra_fields, ...override.extra_fields } : (override.extra_fields ?? {}),
  };
}

/** Whether the call still uses the part of the profile a recorded problem names. */
function reliesOn(problem: ProfileProblem, profile: IssueMapping, override: MappingOverride): boolean {
  const [head = '', sub = ''] = problem.field.split(/[.[]/, 2);
  switch (head) {
    case 'project_key':
    case 'issue_type_id':
      return override.project_key === undefined && override.issue_type_id === undefined;
    case 'priority_id':
    case 'severity_priority_ids':
      return override.priority_id === undefined && override.severity_priority_ids === undefined && sameScreen(profile, override);
    case 'extra_fields':
      return sameScreen(profile, override) && !(sub in (override.extra_fields ?? {}));
    case 'labels':
      return override.labels === undefined && sameScreen(profile, override);
    default:
      return true;
  }
}

/**
 * The complete mapping of one `POST /targets/{id}/issues`: the profile with the call's mapping over
 * it. No profile and no project/issue type in the call: 422 EXPORT_PROFILE_MISSING. A profile the
 * last re-check found broken, where the call relies on the broken part: 422 naming the field,
 * before anything is sent to Jira.
 */
export async function resolveMapping(deps: AppDeps, principal: Principal, targetId: string, override: MappingOverride | undefined): Promise<IssueMapping> {
  const call = override ?? {};
  const loaded = await loadExportProfile(deps, principal.workspaceId, targetId);
  if (!loaded) {
    if (call.project_key === undefined || call.issue_type_id === undefined) {
      const missing = call.project_key === undefined ? 'mapping.project_key' : 'mapping.issue_type_id';
      throw new MappingError(
        [
          profileProblem(
            'EXPORT_PROFILE_MISSING',
            missing,
            `${MAPPING_CODE_INFO.EXPORT_PROFILE_MISSING.message}`.replace(/\.$/, '') + ` (${missing} is missing).`,
          ),
        ],
        '',
        'Nothing was sent.',
      );
    }
    return { labels: [], extra_fields: {}, ...call, project_key: call.project_key, issue_type_id: call.issue_type_id };
  }
  const relied = loaded.problems.filter((problem) => reliesOn(problem, loaded.profile, call));
  if (relied.length > 0) {
    throw new MappingError(
      relied.map((problem) => ({ ...problem, field: `profile.${problem.field}` })),
      `The export profile of this target no longer fits its Jira (found at the re-check of ${loaded.checkedAt}).`,
      'Nothing was sent.',
    );
  }
  return mergeMapping(loaded.profile, call);
}
