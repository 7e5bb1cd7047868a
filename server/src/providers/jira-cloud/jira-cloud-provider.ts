import { jiraWorkflowClient } from '../../jira/issue-workflow';
import { createTarget } from '../../commands/create-target';
import { cloudIssuesClient } from '../../jira/cloud-issues';
import { cloudMetadataClient } from '../../jira/cloud-metadata';
import type { JiraEndpoint } from '../../jira/jira-rest';
import type { ServerProvider } from '../server-provider';
import { cloudApiAccess } from './cloud-api-access';
import { startForgePairing } from './start-forge-pairing';

/** Jira Cloud: reached through the Forge app, OAuth 2.0 (3LO) or an Atlassian API token. */
export const jiraCloudProvider: ServerProvider = {
  async create(deps, principal, input) {
    if (input.auth_method === 'forge_app') return startForgePairing(deps, principal, input);
    return { target: await createTarget(deps, principal, input) };
  },
  firstStepPath: '/settings/targets/new/cloud',
  async connectJira(deps, principal, target, send, limits) {
    const access = await cloudApiAccess(deps, principal, target);
    const endpoint: JiraEndpoint = { ...access, send };
    return {
      flavor: 'cloud',
      metadata: cloudMetadataClient(endpoint, limits),
      issues: cloudIssuesClient(endpoint, limits),
      workflow: jiraWorkflowClient(endpoint, limits, 'cloud'),
    };
  },
  async refreshChecks() {
    return {
      refreshed: false,
      note: 'Jira Cloud targets are checked when they connect and whenever their credential is renewed (the Forge app delivers a fresh token hourly); there is nothing to rerun here, so this is readiness from those records.',
    };
  },
  async recheck() {
    // Not rechecked (PROVIDER_RULES.jira_cloud.rechecked is false): the credential renewals check it.
  },
  tokenStepOpen: () => false,
  connected: (target) => target.site_id !== null,
};
