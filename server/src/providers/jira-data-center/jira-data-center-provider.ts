import { jiraWorkflowClient } from '../../jira/issue-workflow';
import { createTarget } from '../../commands/create-target';
import { readCredentialSecret } from '../../commands/read-credential-secret';
import { blockedError } from '../../errors';
import { dataCenterIssuesClient } from '../../jira/data-center-issues';
import { dataCenterMetadataClient } from '../../jira/data-center-metadata';
import type { JiraEndpoint } from '../../jira/jira-rest';
import type { ServerProvider } from '../server-provider';
import { runDataCenterChecks } from './run-data-center-checks';
import { dataCenterTokenStepBlock } from './set-data-center-pat';

/** Jira Data Center: self-hosted at the customer's URL, checked by us, reached with a Personal Access Token. */
export const jiraDataCenterProvider: ServerProvider = {
  async create(deps, principal, input) {
    return { target: await createTarget(deps, principal, input) };
  },
  firstStepPath: '/settings/targets/new/data-center',
  async connectJira(deps, principal, target, send, limits) {
    const credential = await readCredentialSecret(deps, principal.workspaceId, target.id);
    if (!credential || !target.base_url) throw blockedError('PROVIDER_AUTH_REQUIRED', 'No credential is stored for this target.');
    const baseUrl = target.base_url.replace(/\/+$/, '');
    const endpoint: JiraEndpoint = { restBase: `${baseUrl}/rest/api/2`, credentialHeaders: { authorization: `Bearer ${credential.secret}` }, send };
    return {
      flavor: 'data_center',
      metadata: dataCenterMetadataClient(endpoint, limits),
      issues: dataCenterIssuesClient(endpoint, limits),
      workflow: jiraWorkflowClient(endpoint, limits, 'data_center'),
    };
  },
  async refreshChecks(deps, principal, target) {
    if (target.state === 'revoked' || !target.base_url) return null;
    await runDataCenterChecks(deps, principal, target.id);
    return { refreshed: true };
  },
  async recheck(deps, principal, targetId) {
    await runDataCenterChecks(deps, principal, targetId);
  },
  tokenStepOpen: (deps, target) => target.base_url !== null && dataCenterTokenStepBlock(deps, target, deps.clock.now()) === null,
  connected: () => false,
};
