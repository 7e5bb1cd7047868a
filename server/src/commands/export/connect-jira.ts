import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { providerOf } from '../../providers/registry';
import type { ProviderJiraClients } from '../../providers/server-provider';
import type { ExportRuntime } from './export-runtime';
import { guardTargetTurn } from './guard-target-turn';

/** One ready target's Jira, as the export workflows use it. */
export interface JiraTargetApi extends ProviderJiraClients {
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
  return { ...(await providerOf(target.provider_key).connectJira(deps, principal, target, send, limits)), browseUrl };
}
