import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { findPairedApiBaseUrl } from '../../db/forge-installations-repo';
import { blockedError, validationFailed } from '../../errors';
import { readCredentialSecret } from '../../commands/read-credential-secret';
import type { SealedOAuthGrant } from './oauth-connection';
import { freshOAuthGrant, grantIsDue } from './refresh-oauth-grant';

export { blockForAuth } from './block-for-auth';

/** How to call a Cloud target's Jira REST v3: the base (`…/rest/api/3`) and the credential header. */
export interface CloudApiAccess {
  restBase: string;
  credentialHeaders: Record<string, string>;
}

/**
 * The Jira REST access for a Cloud target, whatever its auth method: the Forge app system token
 * through the installation's apiBaseUrl, an OAuth access token (refreshed when due, one refresh per
 * target at a time; only a definitive refusal blocks the target), or an API token in basic auth on the site itself.
 */
export async function cloudApiAccess(deps: AppDeps, principal: Principal, target: TargetRecord): Promise<CloudApiAccess> {
  const credential = await readCredentialSecret(deps, principal.workspaceId, target.id);
  if (!credential || !target.site_id || !target.base_url) throw blockedError('PROVIDER_AUTH_REQUIRED', 'No credential is stored for this target.');
  const { apiUrl } = deps.config.atlassian;
  switch (target.auth_method) {
    case 'forge_app': {
      const apiBaseUrl = await findPairedApiBaseUrl(deps.store.db, principal.workspaceId, target.id);
      return {
        restBase: `${apiBaseUrl ?? `${apiUrl}/ex/jira/${target.site_id}`}/rest/api/3`,
        credentialHeaders: { authorization: `Bearer ${credential.secret}` },
      };
    }
    case 'oauth': {
      const stored = JSON.parse(credential.secret) as SealedOAuthGrant;
      const grant = grantIsDue(deps, stored) ? await freshOAuthGrant(deps, principal, target) : stored;
      return { restBase: `${apiUrl}/ex/jira/${target.site_id}/rest/api/3`, credentialHeaders: { authorization: `Bearer ${grant.access_token}` } };
    }
    case 'api_token': {
      const { email, api_token: token } = JSON.parse(credential.secret) as { email: string; api_token: string };
      return { restBase: `${target.base_url}/rest/api/3`, credentialHeaders: { authorization: `Basic ${btoa(`${email}:${token}`)}` } };
    }
    default:
      throw validationFailed('This is not a Jira Cloud target.', 'Use the Data Center client for self-hosted targets.');
  }
}
