import { revokePathFor, type RevokePath, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { findTarget, targetUpdate } from '../db/targets-repo';
import { credentialsDestroy } from '../db/credentials-repo';
import { auditInsert } from '../db/audit-repo';
import { notFound } from '../errors';

export interface RevokeResult {
  target: TargetRecord;
  credential_destroyed: boolean;
  revoke_instructions: RevokePath | null;
  message: string;
}

/**
 * Disconnects a target: the stored credential is destroyed here, the state becomes `revoked`, and
 * the answer says where the customer revokes the credential on the Jira or Atlassian side too.
 * Revoking twice is harmless and answers the same instructions.
 */
export async function revokeTarget(deps: AppDeps, principal: Principal, targetId: string): Promise<RevokeResult> {
  const { db } = deps.store;
  const target = await findTarget(db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  const instructions = target.revoke ?? (target.auth_method && target.credential ? revokePathFor(target.auth_method, target.base_url ?? undefined) : null);
  const hadCredential = target.credential !== null;
  if (target.state !== 'revoked' || hadCredential) {
    const now = deps.clock.now();
    const revoked: TargetRecord = { ...target, state: 'revoked', credential: null, updated_at: now.toISOString() };
    await deps.store.atomic([
      credentialsDestroy(db, principal.workspaceId, target.id, now),
      targetUpdate(db, principal.workspaceId, revoked, 'PROVIDER_AUTH_REQUIRED'),
      auditInsert(db, {
        workspaceId: principal.workspaceId,
        targetId: target.id,
        actor: principal.actor,
        action: 'target.revoked',
        fromState: target.state,
        toState: 'revoked',
        code: 'PROVIDER_AUTH_REQUIRED',
        detail: { credential_destroyed: hadCredential, credential_fingerprint: target.credential?.fingerprint ?? null },
        at: now,
      }),
    ]);
    deps.logger.info('target revoked', { workspace_id: principal.workspaceId, target_id: target.id, credential_destroyed: hadCredential });
  }
  const after = await findTarget(db, principal.workspaceId, targetId);
  return {
    target: after!,
    credential_destroyed: hadCredential,
    revoke_instructions: instructions,
    message: instructions
      ? `The credential stored by WebRiskOps is destroyed. Revoke it on the Jira side too: ${instructions.where}.`
      : 'The target is disconnected. No credential had been stored, so there is nothing to revoke on the Jira side.',
  };
}
