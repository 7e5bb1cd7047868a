import {
  evaluateReadiness,
  stateAfterReadiness,
  targetNextStep,
  type Readiness,
  type TargetNextStep,
  type TargetRecord,
  type TargetState,
} from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { findTarget, listTargets } from '../db/targets-repo';
import { notFound } from '../errors';
import { providerOf } from '../providers/registry';

/** What the settings pages show about one target: the record, the one readiness rule's answer, and which steps are open. */
export interface TargetOverview {
  target: TargetRecord;
  readiness: Readiness;
  /** The phase and the one next action, from `readiness`: the banner, every step and the status table read this. */
  nextStep: TargetNextStep;
  /** The state readiness implies now (a saved target whose checks went stale shows as blocked). */
  state: TargetState;
  /** Data Center: the token step opens once URL, ownership and network are clear (what setDataCenterPat enforces). */
  tokenStepOpen: boolean;
  /** Save is offered only when the target is ready by the rule and not saved yet. */
  saveOpen: boolean;
  /** Jira Cloud: a site is bound (Forge pairing, OAuth or API token). */
  connected: boolean;
}

/** The overview of a record read already; pure apart from the clock. */
export function overviewOf(deps: AppDeps, target: TargetRecord): TargetOverview {
  const readiness = evaluateReadiness(target, deps.clock.now(), { maxCheckAgeMs: deps.config.checkMaxAgeMs });
  const live = target.state !== 'revoked';
  const provider = providerOf(target.provider_key);
  return {
    target,
    readiness,
    nextStep: targetNextStep(target, readiness),
    state: stateAfterReadiness(target, readiness),
    tokenStepOpen: live && provider.tokenStepOpen(deps, target),
    saveOpen: live && readiness.ready && target.state !== 'ready',
    connected: live && provider.connected(target),
  };
}

/** One target of the signed-in workspace, or 404. */
export async function readTargetOverview(deps: AppDeps, principal: Principal, targetId: string): Promise<TargetOverview> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  return overviewOf(deps, target);
}

/** Every target of the signed-in workspace, newest first. */
export async function listTargetOverviews(deps: AppDeps, principal: Principal): Promise<TargetOverview[]> {
  return (await listTargets(deps.store.db, principal.workspaceId)).map((target) => overviewOf(deps, target));
}
