/**
 * Every Jira or Atlassian screen a page, an error or a next action names, written once, so each
 * screen is named the same way everywhere (and a renamed menu is fixed in one line).
 */
export const JIRA_SCREENS = {
  /** Jira Data Center: where the base URL is set. */
  baseUrl: 'Jira administration > System > General configuration > Base URL',
  /** Jira Data Center: where a user creates and revokes Personal Access Tokens. */
  personalAccessTokens: 'Jira > your profile (avatar) > Personal Access Tokens',
  /** Atlassian account: where API tokens are created and revoked. */
  apiTokens: 'id.atlassian.com > Security > Create and manage API tokens',
  /** Jira Cloud: where installed apps are listed, configured and uninstalled. */
  manageApps: 'Jira > Settings (gear) > Apps > Manage apps',
  /** Jira Cloud: the WebRiskOps app's own admin page, where the pairing code is pasted. */
  forgeAppConfigure: 'Jira > Settings (gear) > Apps > Manage apps > WebRiskOps > Configure',
  /** Jira Data Center: where an admin registers the status webhook (events Issue updated and Issue deleted). */
  webhooks: 'Jira administration > System > WebHooks',
  /** Atlassian account: where OAuth 2.0 grants to apps are revoked. */
  connectedApps: 'id.atlassian.com > Connected apps',
} as const;

export type JiraScreen = keyof typeof JIRA_SCREENS;
