import type { CreateTargetInput, TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { findPendingPairingCode, pairingCodeInsert, pairingCodesExpireUnused } from '../../db/pairing-codes-repo';
import { openSecret, sealSecret, type SecretBinding } from '../../crypto/secret-box';
import { newId } from '../../crypto/tokens';
import { conflict, notConfigured, notFound } from '../../errors';
import { findTarget } from '../../db/targets-repo';
import { createTarget } from '../../commands/create-target';
import { consumeRateLimit } from '../../commands/rate-limit';
import { PAIRING_CODE_TTL_MS, newPairingCode, pairingCodeHash } from './pairing-codes';

export interface PendingForgeTarget {
  target: TargetRecord;
  pairing: { code: string; expires_at: string };
}

/**
 * "Connect Jira Cloud" with the Forge app: a pending target and a one-time pairing code (10 minutes,
 * single use, stored hashed). The code is shown once; the Jira admin pastes it into the app.
 */
export async function startForgePairing(deps: AppDeps, principal: Principal, input: CreateTargetInput): Promise<PendingForgeTarget> {
  if (!deps.config.atlassian.forgeAppId) {
    throw notConfigured(
      'FORGE_NOT_CONFIGURED',
      409,
      'The WebRiskOps Forge app is not configured on this companion.',
      'Ask the operator to set FORGE_APP_ID (and PUBLIC_URL as the app remote), or connect with OAuth or an API token.',
    );
  }
  await consumeRateLimit(deps, `pairing-start:${principal.workspaceId}`, 20, 60 * 60 * 1000);
  const target = await createTarget(deps, principal, { ...input, auth_method: 'forge_app' });
  return { target, pairing: await issuePairingCode(deps, principal.workspaceId, target.id) };
}

const pairingCodeBinding = (workspaceId: string, targetId: string): SecretBinding => ({ workspaceId, targetId, kind: 'pairing_code' });

/**
 * The code still waiting to be pasted (unused, unexpired), opened for the target's own page, so a
 * reload shows it again instead of asking for (or silently issuing) another one; null when none.
 */
export async function pendingPairingCode(deps: AppDeps, workspaceId: string, targetId: string): Promise<PendingForgeTarget['pairing'] | null> {
  const pending = await findPendingPairingCode(deps.store.db, workspaceId, targetId, deps.clock.now());
  if (!pending) return null;
  try {
    return { code: await openSecret(deps.keyring, pending.codeSealed, pairingCodeBinding(workspaceId, targetId)), expires_at: pending.expiresAt };
  } catch {
    return null; // sealed under a key no longer configured: the page offers a new code
  }
}

/** A fresh code for a pending target (the previous ones stop working when they expire or are used). */
export async function issuePairingCode(deps: AppDeps, workspaceId: string, targetId: string): Promise<PendingForgeTarget['pairing']> {
  const code = newPairingCode();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
  const { sealed } = await sealSecret(deps.keyring, code, pairingCodeBinding(workspaceId, targetId));
  await pairingCodeInsert(deps.store.db, {
    id: newId('pair'),
    workspaceId,
    targetId,
    codeHash: (await pairingCodeHash(code))!,
    codeSealed: sealed,
    createdAt: now,
    expiresAt,
  });
  return { code, expires_at: expiresAt.toISOString() };
}

/**
 * A fresh code for the same pending Forge target (the page lost it, or it expired): earlier unused
 * codes of the target stop working at once, and reissues count against the same rate limit.
 */
export async function reissuePairingCode(deps: AppDeps, principal: Principal, targetId: string): Promise<PendingForgeTarget> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  if (target.provider_key !== 'jira_cloud' || target.auth_method !== 'forge_app' || target.site_id || target.state === 'revoked') {
    throw conflict(
      'Only a Jira Cloud target waiting for the Forge app to pair gets a new pairing code.',
      'Disconnect a paired target first, or start a new connection.',
    );
  }
  await consumeRateLimit(deps, `pairing-start:${principal.workspaceId}`, 20, 60 * 60 * 1000);
  await pairingCodesExpireUnused(deps.store.db, principal.workspaceId, targetId, deps.clock.now());
  return { target, pairing: await issuePairingCode(deps, principal.workspaceId, targetId) };
}
