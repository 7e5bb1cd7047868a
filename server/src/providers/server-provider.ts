import type { CreateTargetInput, TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import type { JiraIssuesClient } from '../jira/jira-issues-client';
import type { JiraMetadataClient } from '../jira/jira-metadata-client';
import type { JiraWorkflowClient } from '../jira/issue-workflow';
import type { JiraCallLimits } from '../jira/jira-rest';
import type { SafeFetch } from '../net';
import type { PendingForgeTarget } from './jira-cloud/start-forge-pairing';

/** The Jira clients one provider opens for export, bound to the guarded egress `send`. */
export interface ProviderJiraClients {
  flavor: 'cloud' | 'data_center';
  metadata: JiraMetadataClient;
  issues: JiraIssuesClient;
  /** Status reads and transitions (status sync, resolve and reopen). */
  workflow: JiraWorkflowClient;
}

/** What a refresh of the recorded checks did; null: this target has nothing to rerun. */
export type ChecksRefresh = { refreshed: boolean; note?: string } | null;

/** A created target, with the pairing code when the provider's auth method starts with one. */
export interface CreatedTarget {
  target: TargetRecord;
  pairing?: PendingForgeTarget['pairing'];
}

/**
 * The server side of one provider: everything that differs between providers goes through here,
 * so a provider key never reaches a ternary outside its own folder.
 */
export interface ServerProvider {
  /** Creates a target (a draft, or for the Forge app a draft with its pairing code). */
  create(deps: AppDeps, principal: Principal, input: CreateTargetInput): Promise<CreatedTarget>;
  /** The first step of a new target: its name (and, where the provider has a choice, the auth method); nothing is saved before it is submitted. */
  firstStepPath: string;
  /** Opens the credential of a ready target and wires the Jira clients (export). */
  connectJira(deps: AppDeps, principal: Principal, target: TargetRecord, send: SafeFetch, limits: JiraCallLimits): Promise<ProviderJiraClients>;
  /** Reruns the recorded checks for `refresh=true`. */
  refreshChecks(deps: AppDeps, principal: Principal, target: TargetRecord): Promise<ChecksRefresh>;
  /** The periodic re-check of one activated target (providers whose rule says `rechecked`). */
  recheck(deps: AppDeps, principal: Principal, targetId: string): Promise<void>;
  /** Whether the credential step is open on the target page (the target is not revoked). */
  tokenStepOpen(deps: AppDeps, target: TargetRecord): boolean;
  /** Whether a Jira site is bound to the target (the target is not revoked). */
  connected(target: TargetRecord): boolean;
}
