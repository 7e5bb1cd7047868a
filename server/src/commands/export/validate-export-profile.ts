import type { AppDeps, Principal } from '../../deps';
import { notFound } from '../../errors';
import { findTarget } from '../../db/targets-repo';
import { recordExportProfileProblem } from '../../db/export-profiles-repo';
import { PROFILE_PERMISSIONS, type ProfilePermission } from '../../jira/jira-metadata-client';
import type { IssueMapping } from './export-input';
import type { ExportRuntime } from './export-runtime';
import { checkProfileAgainstJira, loadExportProfile } from './export-profile';
import { throwForJiraProblem } from './jira-problem-error';
import { MappingError, profileProblem } from './mapping-error';

/** One line of a validation: what was checked, whether it passed, and what to do when not. */
export interface ProfileCheck {
  id: string;
  label: string;
  ok: boolean;
  detail: string;
  next_action: string | null;
}

/** `POST /targets/{id}/export-profile/validate`: every check, and whether all passed. Nothing is created in Jira. */
export interface ProfileValidation {
  target_id: string;
  project_key: string;
  /** True when the body's profile was checked (not the saved one). */
  unsaved: boolean;
  ok: boolean;
  checks: ProfileCheck[];
}

const PERMISSION_TEXT: Record<ProfilePermission, { label: string; why: string }> = {
  BROWSE_PROJECTS: { label: 'Browse Projects', why: 'to find each finding’s issue' },
  CREATE_ISSUES: { label: 'Create Issues', why: 'to create issues' },
  EDIT_ISSUES: { label: 'Edit Issues', why: 'to update a finding’s issue' },
  TRANSITION_ISSUES: { label: 'Transition Issues', why: 'for status sync (resolve and reopen)' },
};

/**
 * Checks a profile (the body's, or the saved one) without creating anything: the credential's
 * permissions in its project (`mypermissions?projectKey=`: browse, create, edit; transition for
 * status sync) and the mapping against create metadata. Validating the saved profile also records
 * its mapping problem (or clears it), as a re-check does.
 */
export async function validateExportProfile(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  targetId: string,
  bodyProfile: IssueMapping | null,
): Promise<ProfileValidation> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  const saved = bodyProfile ? null : await loadExportProfile(deps, principal.workspaceId, target.id);
  const profile = bodyProfile ?? saved?.profile;
  if (!profile) {
    throw new MappingError(
      [profileProblem('EXPORT_PROFILE_MISSING', 'profile', 'this target has no export profile and the request sent none to check.')],
      '',
      'Nothing was checked.',
    );
  }
  const { api, problems } = await checkProfileAgainstJira(deps, runtime, principal, target, profile);
  const permissions = await api.metadata.projectPermissions(profile.project_key);
  if (!permissions.ok) return throwForJiraProblem(deps, principal, target.id, permissions.problem, 'GET /mypermissions');
  const checks: ProfileCheck[] = PROFILE_PERMISSIONS.map((key) => {
    const { label, why } = PERMISSION_TEXT[key];
    const ok = permissions.value !== 'unknown_project' && permissions.value[key];
    return {
      id: `permission.${key}`,
      label: `${label} in ${profile.project_key}`,
      ok,
      detail: ok
        ? `The account behind the credential has ${label} in ${profile.project_key}.`
        : permissions.value === 'unknown_project'
          ? `Jira does not show project ${profile.project_key} to the account behind the credential.`
          : `The account behind the credential lacks ${label} in ${profile.project_key}, needed ${why}.`,
      next_action: ok ? null : `Grant ${label} to the account behind the credential in ${profile.project_key}'s permission scheme, then validate again.`,
    };
  });
  checks.push(
    problems.length === 0
      ? {
          id: 'mapping',
          label: 'Mapping fits the create screen',
          ok: true,
          detail: `Project, issue type, priorities, required fields and labels fit ${profile.project_key} / ${profile.issue_type_id}.`,
          next_action: null,
        }
      : {
          id: 'mapping',
          label: 'Mapping fits the create screen',
          ok: false,
          detail: problems.map((problem) => `${problem.field}: ${problem.message}`).join(' '),
          next_action: problems[0]!.next_action,
        },
  );
  if (saved) {
    await recordExportProfileProblem(deps.store.db, principal.workspaceId, target.id, saved.updatedAt, problems.length > 0 ? problems : null, deps.clock.now());
  }
  return { target_id: target.id, project_key: profile.project_key, unsaved: bodyProfile !== null, ok: checks.every((check) => check.ok), checks };
}
