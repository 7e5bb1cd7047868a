import { evaluateReadiness, stateAfterReadiness, type TargetRecord } from '@webriskops/shared';
import type { AppDeps } from '../deps';

/** An activated target follows its readiness (ready <-> blocked); drafts and revoked ones keep their state. */
export function followReadiness(deps: AppDeps, record: TargetRecord, now: Date): TargetRecord {
  const readiness = evaluateReadiness(record, now, { maxCheckAgeMs: deps.config.checkMaxAgeMs });
  return { ...record, state: stateAfterReadiness(record, readiness) };
}
