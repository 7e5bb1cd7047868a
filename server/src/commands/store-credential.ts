import { revokePathFor, type AuthMethod, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { credentials } from '../db/schema';
import { credentialsDestroy } from '../db/credentials-repo';
import { findTarget, targetUpdate } from '../db/targets-repo';
import { auditInsert } from '../db/audit-repo';
import { fingerprintOf, sealSecret } from '../crypto/secret-box';
import { newId } from '../crypto/tokens';
import { notFound } from '../errors';

export interface CredentialInput {
  kind: AuthMethod;
  secret: string;
  expiresAt: Date | null;
}

/**
 * Stores a credential sealed to its workspace, target and kind, replacing (and destroying) any
 * earlier one in the same atomic write. The record keeps only kind, last four and dates.
 */
export async function storeCredential(deps: AppDeps, principal: Principal, targetId: string, input: CredentialInput): Promise<TargetRecord> {
  const { db } = deps.store;
  const target = await findTarget(db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  const now = deps.clock.now();
  const binding = { workspaceId: principal.workspaceId, targetId, kind: input.kind };
  const { keyId, sealed } = await sealSecret(deps.keyring, input.secret, binding);
  const fingerprint = fingerprintOf(input.secret);
  const updated: TargetRecord = {
    ...target,
    auth_method: input.kind,
    revoke: revokePathFor(input.kind, target.base_url ?? undefined),
    updated_at: now.toISOString(),
  };
  await deps.store.atomic([
    credentialsDestroy(db, principal.workspaceId, targetId, now),
    db.insert(credentials).values({
      id: newId('cred'),
      workspaceId: principal.workspaceId,
      targetId,
      kind: input.kind,
      keyId,
      ciphertext: sealed,
      fingerprint,
      createdAt: now.toISOString(),
      expiresAt: input.expiresAt?.toISOString() ?? null,
      revokedAt: null,
    }),
    targetUpdate(db, principal.workspaceId, updated, null),
    auditInsert(db, {
      workspaceId: principal.workspaceId,
      targetId,
      actor: principal.actor,
      action: 'credential.stored',
      fromState: target.state,
      toState: updated.state,
      detail: { kind: input.kind, fingerprint },
      at: now,
    }),
  ]);
  return (await findTarget(db, principal.workspaceId, targetId))!;
}
