import { evaluateReadiness, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import type { AtomicWrite } from '../db/database';
import { findTargetVersioned, isTargetNameConflict, targetUpdate } from '../db/targets-repo';
import { auditInsert, type AuditEventInput } from '../db/audit-repo';
import { conflict, notFound, targetNameTaken } from '../errors';

/** One change to a target: the new record, what to audit, and writes that must land with it. */
export interface TargetChange {
  next: TargetRecord;
  action: string;
  /** The code to audit; by default the code that blocks the record after the change. */
  code?: string | null;
  detail?: AuditEventInput['detail'];
  /** Writes that must commit together with the record (credential destruction first). */
  writesBefore?: AtomicWrite[];
}

const MAX_ATTEMPTS = 4;

function isVersionConflict(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${String((error as { cause?: unknown })?.cause ?? '')}`;
  return /UNIQUE constraint failed: audit_events\.target_id, audit_events\.target_version/.test(text);
}

/** The blocked code a record carries after a change, for listing without re-evaluating. */
export function blockedCodeOf(deps: AppDeps, record: TargetRecord): string | null {
  const readiness = evaluateReadiness(record, deps.clock.now(), { maxCheckAgeMs: deps.config.checkMaxAgeMs });
  return readiness.ready ? null : readiness.code;
}

/**
 * Applies `decide` to the freshest record and commits the result, its audit row and any extra
 * writes in one atomic group. Two writers never both commit from the same version (the audit row's
 * unique target version refuses the second), so a lost race re-runs `decide` on the new record:
 * no update is lost and nothing is half-written. `decide` must not do I/O; return null for "no change".
 */
export async function changeTarget(
  deps: AppDeps,
  principal: Principal,
  targetId: string,
  decide: (current: TargetRecord, now: Date) => TargetChange | null,
): Promise<TargetRecord> {
  const { db } = deps.store;
  for (let attempt = 1; ; attempt += 1) {
    const found = await findTargetVersioned(db, principal.workspaceId, targetId);
    if (!found) throw notFound(`Target ${targetId}`);
    const now = deps.clock.now();
    const change = decide(found.record, now);
    if (!change) return found.record;
    const next = { ...change.next, updated_at: now.toISOString() };
    const blockedCode = blockedCodeOf(deps, next);
    try {
      await deps.store.atomic([
        ...(change.writesBefore ?? []),
        targetUpdate(db, principal.workspaceId, next, blockedCode, found.version),
        auditInsert(db, {
          workspaceId: principal.workspaceId,
          targetId,
          actor: principal.actor,
          action: change.action,
          fromState: found.record.state,
          toState: next.state,
          code: change.code !== undefined ? change.code : blockedCode,
          detail: change.detail ?? {},
          targetVersion: found.version + 1,
          at: now,
        }),
      ]);
    } catch (error) {
      if (isTargetNameConflict(error)) throw targetNameTaken(next.name);
      if (isVersionConflict(error) && attempt < MAX_ATTEMPTS) continue;
      if (isVersionConflict(error)) {
        throw conflict('The target was changed by someone else at the same time.', 'Reload the target and try again.');
      }
      throw error;
    }
    return (await findTargetVersioned(db, principal.workspaceId, targetId))!.record;
  }
}
