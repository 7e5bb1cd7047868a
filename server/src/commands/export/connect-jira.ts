import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { blockedError } from '../../errors';
import { cloudMetadataClient } from '../../jira/cloud-metadata';
import { cloudIssuesClient } from '../../jira/cloud-issues';
import { dataCenterMetadataClient } from '../../jira/data-center-metadata';
import { dataCenterIssuesClient } from '../../jira/data-center-issues';
import type { JiraIssuesClient } from '../../jira/jira-issues-client';
import type { JiraMetadataClient } from '../../jira/jira-metadata-client';
import type { JiraEndpoint } from '../../jira/jira-rest';
import { readCredentialSecret } from '../read-credential-secret';
import { cloudApiAccess } from '../cloud/cloud-api-access';
import type { ExportRuntime } from './export-runtime';
import { guardTargetTurn } from './guard-target-turn';

/** One ready target's Jira, as the export workflows use it. */
export interface JiraTargetApi {
  flavor: 'cloud' | 'data_center';
  metadata: JiraMetadataClient;
  issues: JiraIssuesClient;
  /** The page a person opens for an issue key. */
  browseUrl(issueKey: string): string;
}

/** The in-process key a target's calls are capped and cached under. */
export const targetKey = (principal: Principal, target: TargetRecord) => `${principal.workspaceId}:${target.id}`;

/**
 * Opens the credential of a target that readiness already allowed and binds the Jira clients to
 * the workspace's egress policy. The secret lives only in the endpoint's `credentialHeaders`;
 * every call re-reads the target first and is stopped once it is disconnected or changed.
 */
export async function connectJira(deps: AppDeps, runtime: ExportRuntime, principal: Principal, target: TargetRecord): Promise<JiraTargetApi> {
  const send = guardTargetTurn(deps, principal, target, await deps.egress.forWorkspace(principal.workspaceId));
  const limits = runtime.limitsFor(targetKey(principal, target));
  const baseUrl = (target.base_url ?? '').replace(/\/+$/, '');
  const browseUrl = (issueKey: string) => `${baseUrl}/browse/${encodeURIComponent(issueKey)}`;
  if (target.provider_key === 'jira_data_center') {
    const credential = await readCredentialSecret(deps, principal.workspaceId, target.id);
    if (!credential || !target.base_url) throw blockedError('PROVIDER_AUTH_REQUIRED', 'No credential is stored for this target.');
    const endpoint: JiraEndpoint = { restBase: `${baseUrl}/rest/api/2`, credentialHeaders: { authorization: `Bearer ${credential.secret}` }, send };
    return { flavor: 'data_center', metadata: dataCenterMetadataClient(endpoint, limits), issues: dataCenterIssuesClient(endpoint, limits), browseUrl };
  }
  const access = await cloudApiAccess(deps, principal, target);
  const endpoint: JiraEndpoint = { ...access, send };
  return { flavor: 'cloud', metadata: cloudMetadataClient(endpoint, limits), issues: cloudIssuesClient(endpoint, limits), browseUrl };
}
