/**
 * What access ticket export needs, and nothing broader. Cloud grants are OAuth/Forge scopes; Data
 * Center PATs cannot be scoped, so there the same need is expressed as Jira project permissions.
 */
export const REQUIRED_CLOUD_SCOPES = ['read:jira-work', 'write:jira-work'] as const;

/** Scopes a Forge install may also hold: app tokens for Forge Remote, not access to Jira data. */
export const FORGE_PLATFORM_SCOPES = ['read:app-system-token', 'read:app-user-token'] as const;

/** Scopes an OAuth grant may also hold: refresh tokens and reading the signed-in user. */
export const OAUTH_PLATFORM_SCOPES = ['offline_access', 'read:jira-user', 'read:me'] as const;

/** Data Center permissions that stand for read metadata, create issues and update issues. */
export const REQUIRED_DC_PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'] as const;

export type DataCenterPermission = (typeof REQUIRED_DC_PERMISSIONS)[number];

/** Scopes known to be broader than export needs; any `manage:*` or admin scope is refused too. */
export const REFUSED_SCOPES = [
  'manage:jira-configuration',
  'manage:jira-project',
  'manage:jira-webhook',
  'manage:jira-data-provider',
  'read:jira-admin',
  'write:jira-admin',
  'ADMIN',
  'SYSTEM_ADMIN',
] as const;

/** True when a scope grants more than project and issue access (admin, configuration, webhooks). */
export function isBroaderThanExportNeeds(scope: string): boolean {
  if ((REFUSED_SCOPES as readonly string[]).includes(scope)) return true;
  return /^manage:/.test(scope) || /(^|[:_-])admin($|[:_-])/i.test(scope);
}
