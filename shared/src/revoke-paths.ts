import { JIRA_SCREENS } from './jira-screens';
import type { AuthMethod, TargetRecord } from './target-record';

/** Where a customer revokes each kind of credential, so a disconnect never leaves one behind. */
export interface RevokePath {
  where: string;
  url?: string;
  steps: string;
}

/** One revoke path per auth method; a DC path is relative to the target's base URL. */
export function revokePathFor(authMethod: AuthMethod, baseUrl?: string): RevokePath {
  switch (authMethod) {
    case 'api_token':
      return {
        where: 'Atlassian account API tokens page',
        url: 'https://id.atlassian.com/manage-profile/security/api-tokens',
        steps: `${JIRA_SCREENS.apiTokens} > Revoke the WebRiskOps token.`,
      };
    case 'oauth':
      return {
        where: 'Atlassian account connected apps page',
        url: 'https://id.atlassian.com/manage-profile/apps',
        steps: `${JIRA_SCREENS.connectedApps} > WebRiskOps > Remove access.`,
      };
    case 'forge_app':
      return {
        where: "Jira's Manage apps page",
        ...(baseUrl ? { url: `${baseUrl}/plugins/servlet/upm` } : {}),
        steps: `${JIRA_SCREENS.manageApps} > WebRiskOps > Uninstall.`,
      };
    case 'pat':
      return {
        where: "the Jira user's Personal Access Tokens page",
        ...(baseUrl ? { url: `${baseUrl}/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens` } : {}),
        steps: `${JIRA_SCREENS.personalAccessTokens} > Revoke the WebRiskOps token.`,
      };
  }
}

/**
 * Where the customer revokes what this target holds: the path recorded with its credential, or the
 * method's path while a credential is stored; null when none was ever stored (nothing to revoke).
 */
export function revokePathOfTarget(target: Pick<TargetRecord, 'revoke' | 'credential' | 'auth_method' | 'base_url'>): RevokePath | null {
  if (target.revoke) return target.revoke;
  return target.auth_method && target.credential ? revokePathFor(target.auth_method, target.base_url ?? undefined) : null;
}
