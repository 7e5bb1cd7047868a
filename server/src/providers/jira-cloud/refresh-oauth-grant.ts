import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import type { Store } from '../../db/database';
import { credentialClaimRefresh, credentialReleaseRefresh, replaceActiveCredential } from '../../db/credentials-repo';
import { fingerprintOf, sealSecret } from '../../crypto/secret-box';
import { newId } from '../../crypto/tokens';
import { blockedError, jiraUnavailable } from '../../errors';
import { requestOAuthTokens } from '../../jira/atlassian-oauth-client';
import { createKeyedSemaphore, type KeyedSemaphore } from '../../lib/keyed-semaphore';
import { readCredentialSecret } from '../../commands/read-credential-secret';
import { blockForAuth } from './block-for-auth';
import { oauthClientRefused, type SealedOAuthGrant } from './oauth-connection';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;
/** How long one process's claim on a refresh holds (longer than the token call may take). */
const CLAIM_MS = 30_000;
/** How long a caller waits for another process's refresh before answering 503. */
const MAX_WAIT_MS = 20_000;
const WAIT_STEP_MS = 100;
/** Retry-After when the token endpoint gave none. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;

// One lock table per app instance (keyed by its store), never shared across apps or tests.
const refreshLocks = new WeakMap<Store, KeyedSemaphore>();
const lockOf = (deps: AppDeps) => {
  let lock = refreshLocks.get(deps.store);
  if (!lock) refreshLocks.set(deps.store, (lock = createKeyedSemaphore(1)));
  return lock;
};

/** True when the access token must be refreshed before it is used. */
export const grantIsDue = (deps: AppDeps, grant: SealedOAuthGrant) => Date.parse(grant.access_expires_at) - REFRESH_MARGIN_MS <= deps.clock.now().getTime();

const unavailable = (reason: string, retryAfterSeconds: number) =>
  jiraUnavailable(
    `${reason} The target stays connected.`,
    `Send the same request again after Retry-After (${retryAfterSeconds} s), with the same Idempotency-Key; nothing was sent to Jira.`,
    retryAfterSeconds,
  );

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The target's OAuth grant with a usable access token. One refresh per target at a time: an
 * in-process lock, then a claim on the credential row (so two processes or Workers do not both
 * rotate the refresh token; the others wait and re-read the winner's grant), then a
 * compare-and-swap write. Only a refusal of the grant (`invalid_grant`, `invalid_scope`) blocks the
 * target; a refusal of the companion's client is the operator's (503 OAUTH_NOT_CONFIGURED); a
 * hiccup of the token endpoint answers 503 JIRA_UNAVAILABLE with Retry-After. Both keep the grant.
 */
export async function freshOAuthGrant(deps: AppDeps, principal: Principal, target: TargetRecord): Promise<SealedOAuthGrant> {
  return lockOf(deps).run(`${principal.workspaceId}:${target.id}`, async () => {
    for (let waitedMs = 0; ; waitedMs += WAIT_STEP_MS) {
      const credential = await readCredentialSecret(deps, principal.workspaceId, target.id);
      if (!credential) throw blockedError('PROVIDER_AUTH_REQUIRED', 'No credential is stored for this target.');
      const grant = JSON.parse(credential.secret) as SealedOAuthGrant;
      if (!grantIsDue(deps, grant)) return grant;
      const now = deps.clock.now();
      const claimUntil = new Date(now.getTime() + CLAIM_MS);
      if (await credentialClaimRefresh(deps.store.db, principal.workspaceId, credential.id, now, claimUntil)) {
        return rotateGrant(deps, principal, target, { id: credential.id, grant, claimUntil });
      }
      if (waitedMs >= MAX_WAIT_MS) throw unavailable('Another companion process is still refreshing the OAuth access token of this target.', 5);
      await sleep(WAIT_STEP_MS);
    }
  });
}

async function rotateGrant(
  deps: AppDeps,
  principal: Principal,
  target: TargetRecord,
  held: { id: string; grant: SealedOAuthGrant; claimUntil: Date },
): Promise<SealedOAuthGrant> {
  const { db } = deps.store;
  const release = () => credentialReleaseRefresh(db, principal.workspaceId, held.id, held.claimUntil);
  const { oauthClientId, oauthClientSecret, authUrl } = deps.config.atlassian;
  if (!held.grant.refresh_token || !oauthClientId || !oauthClientSecret) {
    await release();
    return blockForAuth(deps, principal, target.id, 'The OAuth access token expired and there is no way to refresh it; connect with OAuth again.');
  }
  const grant = { grant_type: 'refresh_token', client_id: oauthClientId, client_secret: oauthClientSecret, refresh_token: held.grant.refresh_token };
  const refreshed = await requestOAuthTokens(await deps.egress.forWorkspace(null), authUrl, grant, deps.clock.now()).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  if (!refreshed.ok) {
    await release();
    if (refreshed.transient) {
      deps.logger.warn('oauth refresh failed for now, target kept', { workspace_id: principal.workspaceId, target_id: target.id, reason: refreshed.reason });
      throw unavailable(`Refreshing the OAuth access token failed for now: ${refreshed.reason}`, refreshed.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    }
    if (refreshed.refused === 'client') throw oauthClientRefused(deps, refreshed.reason);
    // A refusal after another writer rotated the grant (its claim had run out) is not ours to act on.
    const current = await readCredentialSecret(deps, principal.workspaceId, target.id);
    if (current && current.id !== held.id) return JSON.parse(current.secret) as SealedOAuthGrant;
    return blockForAuth(deps, principal, target.id, refreshed.reason);
  }
  const next: SealedOAuthGrant = {
    access_token: refreshed.value.accessToken,
    refresh_token: refreshed.value.refreshToken ?? held.grant.refresh_token,
    access_expires_at: refreshed.value.expiresAt.toISOString(),
  };
  const { sealed, keyId } = await sealSecret(deps.keyring, JSON.stringify(next), { workspaceId: principal.workspaceId, targetId: target.id, kind: 'oauth' });
  const id = newId('cred');
  const replacedAt = deps.clock.now();
  const at = replacedAt.toISOString();
  // Refresh tokens rotate: the new grant replaces the one refreshed, in one atomic write, only if it is still the active one.
  const replacement = {
    id,
    workspaceId: principal.workspaceId,
    targetId: target.id,
    kind: 'oauth' as const,
    keyId,
    ciphertext: sealed,
    fingerprint: fingerprintOf(next.refresh_token ?? next.access_token),
    createdAt: at,
    expiresAt: null,
  };
  await deps.store.atomic(replaceActiveCredential(db, replacement, replacedAt, { onlyIfActive: held.id }));
  const active = await readCredentialSecret(deps, principal.workspaceId, target.id);
  if (!active) throw blockedError('PROVIDER_AUTH_REQUIRED', 'The credential was removed while it was being refreshed (the target was disconnected).');
  return active.id === id ? next : (JSON.parse(active.secret) as SealedOAuthGrant);
}
