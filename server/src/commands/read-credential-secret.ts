import type { AppDeps } from '../deps';
import { findActiveCredentialCiphertextCached } from '../db/cached-reads';
import { openSecret } from '../crypto/secret-box';

/** The plaintext of a target's active credential, for the one call that sends it; null when none. */
export async function readCredentialSecret(deps: AppDeps, workspaceId: string, targetId: string): Promise<{ id: string; kind: string; secret: string } | null> {
  const row = await findActiveCredentialCiphertextCached(deps.store, workspaceId, targetId);
  if (!row || !row.ciphertext) return null;
  return { id: row.id, kind: row.kind, secret: await openSecret(deps.keyring, row.ciphertext, { workspaceId, targetId, kind: row.kind }) };
}
