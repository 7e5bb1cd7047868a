import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { notFound } from '../errors';
import { findTarget, listTargetsPage, type TargetPageCursor } from '../db/targets-repo';
import { listAuditForTarget, type AuditEvent } from '../db/audit-repo';

export type { TargetPageCursor };

/** One page of the caller's workspace's targets, oldest first, keyset-paginated. */
export function listTargets(deps: AppDeps, principal: Principal, page: { limit: number; after: TargetPageCursor | null }) {
  return listTargetsPage(deps.store.db, principal.workspaceId, page);
}

/** One target of the caller's workspace; 404 for an unknown id or another workspace's. */
export async function readTarget(deps: AppDeps, principal: Principal, targetId: string): Promise<TargetRecord> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  return target;
}

/** The audit trail of one target of the caller's workspace; 404 as readTarget. */
export async function readTargetAudit(deps: AppDeps, principal: Principal, targetId: string): Promise<AuditEvent[]> {
  await readTarget(deps, principal, targetId);
  return listAuditForTarget(deps.store.db, principal.workspaceId, targetId);
}
