import { eq } from 'drizzle-orm';
import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { credentials, forgeInstallations } from '../../db/schema';
import { credentialsDestroy } from '../../db/credentials-repo';
import { fingerprintOf, sealSecret } from '../../crypto/secret-box';
import { newId } from '../../crypto/tokens';
import { AppError, blockedError } from '../../errors';
import { requestOAuthTokens } from '../../jira/atlassian-oauth-client';
import { egressPolicyFor } from '../check-url-for-workspace';
import { readCredentialSecret } from '../read-credential-secret';
import { changeTarget } from '../change-target';
import { failedCheck } from '../check-results';
import type { SealedOAuthGrant } from './oauth-connection';

/** How to call a Cloud target's Jira REST v3: the base (`…/rest/api/3`) and the credential header. */
export interface CloudApiAccess {
  restBase: string;
  credentialHeaders: Record<string, string>;
}

const REFRESH_MARGIN_MS = 60_000;

/** Marks the target PROVIDER_AUTH_REQUIRED with the reason Jira or Atlassian gave, and throws it. */
export async function blockForAuth(deps: AppDeps, principal: Principal, targetId: string, reason: string): Promise<never> {
  await changeTarget(deps, principal, targetId, (current, at) => {
    if (current.state === 'revoked') return null;
    const next: TargetRecord = { ...current, checks: { ...current.checks, auth: failedCheck(at, reason, 'PROVIDER_AUTH_REQUIRED') } };
    return { next: { ...next, state: current.state === 'ready' ? 'blocked' : current.state }, action: 'credential.refused', detail: { reason } };
  });
  throw blockedError('PROVIDER_AUTH_REQUIRED', reason);
}

async function refreshedGrant(deps: AppDeps, principal: Principal, target: TargetRecord, grant: SealedOAuthGrant): Promise<SealedOAuthGrant> {
  const { oauthClientId, oauthClientSecret, authUrl } = deps.config.atlassian;
  if (!grant.refresh_token || !oauthClientId || !oauthClientSecret) return blockForAuth(deps, principal, target.id, 'The OAuth access token expired and there is no way to refresh it; connect with OAuth again.');
  const now = deps.clock.now();
  const refreshed = await requestOAuthTokens(deps.egressFetch(await egressPolicyFor(deps, null)), authUrl, { grant_type: 'refresh_token', client_id: oauthClientId, client_secret: oauthClientSecret, refresh_token: grant.refresh_token }, now);
  if (!refreshed.ok) return blockForAuth(deps, principal, target.id, refreshed.reason);
  const next: SealedOAuthGrant = { access_token: refreshed.value.accessToken, refresh_token: refreshed.value.refreshToken ?? grant.refresh_token, access_expires_at: refreshed.value.expiresAt.toISOString() };
  const { sealed, keyId } = await sealSecret(deps.keyring, JSON.stringify(next), { workspaceId: principal.workspaceId, targetId: target.id, kind: 'oauth' });
  // Refresh tokens rotate: the new one replaces the old in one atomic write, or the grant is lost.
  await deps.store.atomic([
    credentialsDestroy(deps.store.db, principal.workspaceId, target.id, now),
    deps.store.db.insert(credentials).values({ id: newId('cred'), workspaceId: principal.workspaceId, targetId: target.id, kind: 'oauth', keyId, ciphertext: sealed, fingerprint: fingerprintOf(next.refresh_token ?? next.access_token), createdAt: now.toISOString(), expiresAt: null }),
  ]);
  return next;
}

/**
 * The Jira REST access for a Cloud target, whatever its auth method: the Forge app system token
 * through the installation's apiBaseUrl, an OAuth access token (refreshed when due; a refused
 * refresh blocks the target), or an API token in basic auth on the site itself.
 */
export async function cloudApiAccess(deps: AppDeps, principal: Principal, target: TargetRecord): Promise<CloudApiAccess> {
  const credential = await readCredentialSecret(deps, principal.workspaceId, target.id);
  if (!credential || !target.site_id || !target.base_url) throw blockedError('PROVIDER_AUTH_REQUIRED', 'No credential is stored for this target.');
  const { apiUrl } = deps.config.atlassian;
  switch (target.auth_method) {
    case 'forge_app': {
      const [installation] = await deps.store.db.select({ apiBaseUrl: forgeInstallations.apiBaseUrl }).from(forgeInstallations).where(eq(forgeInstallations.targetId, target.id)).limit(1);
      return { restBase: `${installation?.apiBaseUrl ?? `${apiUrl}/ex/jira/${target.site_id}`}/rest/api/3`, credentialHeaders: { authorization: `Bearer ${credential.secret}` } };
    }
    case 'oauth': {
      let grant = JSON.parse(credential.secret) as SealedOAuthGrant;
      if (Date.parse(grant.access_expires_at) - REFRESH_MARGIN_MS <= deps.clock.now().getTime()) grant = await refreshedGrant(deps, principal, target, grant);
      return { restBase: `${apiUrl}/ex/jira/${target.site_id}/rest/api/3`, credentialHeaders: { authorization: `Bearer ${grant.access_token}` } };
    }
    case 'api_token': {
      const { email, api_token: token } = JSON.parse(credential.secret) as { email: string; api_token: string };
      return { restBase: `${target.base_url}/rest/api/3`, credentialHeaders: { authorization: `Basic ${btoa(`${email}:${token}`)}` } };
    }
    default:
      throw new AppError('VALIDATION_FAILED', 400, 'This is not a Jira Cloud target.', 'Use the Data Center client for self-hosted targets.');
  }
}
