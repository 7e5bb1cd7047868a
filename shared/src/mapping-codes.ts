/**
 * Why a target's export profile does not fit its Jira (issue 17). Distinct from the blocked codes:
 * a target with a mapping problem stays ready for setup, but exports that rely on the profile are
 * refused (422) until the profile is fixed. Each code carries its message and next action.
 */
export const MAPPING_CODES = [
  'MAPPING_PROJECT_UNAVAILABLE',
  'MAPPING_ISSUE_TYPE_UNAVAILABLE',
  'MAPPING_PRIORITY_UNAVAILABLE',
  'MAPPING_FIELD_REQUIRED',
  'MAPPING_FIELD_INVALID',
  'MAPPING_LABELS_UNAVAILABLE',
  'EXPORT_PROFILE_MISSING',
] as const;

export type MappingCode = (typeof MAPPING_CODES)[number];

/** Message and next action per code; the problem's own message says which value failed. */
export const MAPPING_CODE_INFO: Readonly<Record<MappingCode, { message: string; nextAction: string }>> = {
  MAPPING_PROJECT_UNAVAILABLE: {
    message: 'The export project does not exist on this Jira, was archived, or the credential cannot create issues in it.',
    nextAction: 'Pick another project in the Jira export mapping step (or PUT /api/v1/targets/{id}/export-profile), or restore the project in Jira.',
  },
  MAPPING_ISSUE_TYPE_UNAVAILABLE: {
    message: 'The export issue type is not available in the export project.',
    nextAction: 'Pick one of the project’s issue types in the Jira export mapping step, then save.',
  },
  MAPPING_PRIORITY_UNAVAILABLE: {
    message: 'A mapped priority is not one the project allows for this issue type.',
    nextAction: 'Map each severity to a priority the project’s priority scheme allows (the mapping step lists them), then save.',
  },
  MAPPING_FIELD_REQUIRED: {
    message: 'A field the create screen requires has no value in the export profile.',
    nextAction: 'Give the required field one of its allowed values in the Jira export mapping step, then save.',
  },
  MAPPING_FIELD_INVALID: {
    message: 'A field value of the export profile does not fit the create screen.',
    nextAction: 'Pick one of the field’s allowed values (or remove the field) in the Jira export mapping step, then save.',
  },
  MAPPING_LABELS_UNAVAILABLE: {
    message: 'The labels of the export profile cannot be set.',
    nextAction: 'Use labels without spaces that do not start with webriskops-, and keep the Labels field on the create screen.',
  },
  EXPORT_PROFILE_MISSING: {
    message: 'This target has no export profile and the request gave no full mapping.',
    nextAction:
      'Set the export profile (the Jira export mapping step in /settings, or PUT /api/v1/targets/{id}/export-profile), or send mapping.project_key and mapping.issue_type_id.',
  },
};

/** True when `value` is one of the mapping codes. */
export function isMappingCode(value: unknown): value is MappingCode {
  return typeof value === 'string' && (MAPPING_CODES as readonly string[]).includes(value);
}
