import { revokePathFor, type AuthMethod, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { replaceActiveCredential } from '../db/credentials-repo';
import { fingerprintOf, sealSecret } from '../crypto/secret-box';
import { newId } from '../crypto/tokens';
import { changeTarget } from './change-target';
import { followReadiness } from './follow-readiness';

export interface CredentialInput {
  kind: AuthMethod;
  secret: string;
  expiresAt: Date | null;
  /** What the record shows; by default the secret's last four characters. */
  fingerprint?: string;
}

/**
 * Stores a credential sealed to its workspace, target and kind, replacing (and destroying) any
 * earlier one in the same atomic write. The record keeps only kind, last four and dates.
 * `apply` adds the caller's findings to the fresh record (and may refuse by throwing).
 */
export async function storeCredential(
  deps: AppDeps,
  principal: Principal,
  targetId: string,
  input: CredentialInput,
  apply: (current: TargetRecord) => Partial<TargetRecord> = () => ({}),
): Promise<TargetRecord> {
  const binding = { workspaceId: principal.workspaceId, targetId, kind: input.kind };
  const { keyId, sealed } = await sealSecret(deps.keyring, input.secret, binding);
  const fingerprint = input.fingerprint ?? fingerprintOf(input.secret);
  return changeTarget(deps, principal, targetId, (current, now) => ({
    next: followReadiness(
      deps,
      {
        ...current,
        ...apply(current),
        auth_method: input.kind,
        revoke: revokePathFor(input.kind, current.base_url ?? undefined),
        credential: { kind: input.kind, fingerprint, created_at: now.toISOString(), expires_at: input.expiresAt?.toISOString() ?? null },
      },
      now,
    ),
    action: 'credential.stored',
    detail: { kind: input.kind, fingerprint },
    writesBefore: [
      ...replaceActiveCredential(
        deps.store.db,
        {
          id: newId('cred'),
          workspaceId: principal.workspaceId,
          targetId,
          kind: input.kind,
          keyId,
          ciphertext: sealed,
          fingerprint,
          createdAt: now.toISOString(),
          expiresAt: input.expiresAt?.toISOString() ?? null,
        },
        now,
      ),
    ],
  }));
}
