import { evaluateReadiness, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { blockedFor, conflict } from '../errors';
import { changeTarget } from './change-target';

/** Save: a target becomes `ready` only when the one readiness rule says so; otherwise 409 with the code. */
export async function activateTarget(deps: AppDeps, principal: Principal, targetId: string): Promise<TargetRecord> {
  return changeTarget(deps, principal, targetId, (current, now) => {
    if (current.state === 'revoked') throw conflict('This target was disconnected.', 'Create a new target with POST /api/v1/targets.');
    const readiness = evaluateReadiness(current, now, { maxCheckAgeMs: deps.config.checkMaxAgeMs });
    if (!readiness.ready) throw blockedFor(current, readiness.check, readiness.code, readiness.reason);
    if (current.state === 'ready') return null;
    return { next: { ...current, state: 'ready' }, action: 'target.activated', code: null };
  });
}
