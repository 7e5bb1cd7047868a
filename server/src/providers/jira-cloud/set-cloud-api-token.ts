import { JIRA_SCREENS, freeText } from '@webriskops/shared';
import { z } from 'zod';
import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { findTarget } from '../../db/targets-repo';
import { blockedFor, notFound, validationFailed } from '../../errors';
import { checkUrl } from '../../net/check-url';
import { fetchTenantCloudId, verifyCloudApiToken } from '../../jira/cloud-site-client';
import { checkExportPermissions } from '../../jira/export-permissions';
import { failedCheck, passedCheck } from '../../commands/check-results';
import { storeCredential } from '../../commands/store-credential';
import { refuseNewCredential } from '../../commands/refuse-new-credential';
import { normalizeCloudSiteUrl } from './cloud-site-url';
import { fingerprintOf } from '../../crypto/secret-box';

const MAX_TOKEN_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

/** The API-token body: site, account email and token; the expiry the customer chose (at most a year). */
export const cloudApiTokenInputSchema = z.strictObject({
  site_url: freeText(z.string().min(1).max(300)),
  email: freeText(z.email().max(254)),
  api_token: freeText(z.string().min(16).max(1024).regex(/^\S+$/, 'must not contain spaces')),
  expires_at: z.iso.datetime({ offset: true }).optional(),
});
export type CloudApiTokenInput = z.infer<typeof cloudApiTokenInputSchema>;

const basic = (email: string, token: string) => `Basic ${btoa(`${email}:${token}`)}`;

/**
 * The API-token fallback for Jira Cloud (Atlassian discourages it for apps: prefer the Forge app).
 * The site must be a Jira Cloud site by its own tenant_info; /myself must answer as the token's
 * user, not anonymously; permissions are checked as for Data Center. Nothing is stored on refusal.
 */
export async function setCloudApiToken(deps: AppDeps, principal: Principal, targetId: string, input: CloudApiTokenInput): Promise<TargetRecord> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  if (target.provider_key !== 'jira_cloud' || (target.auth_method && target.auth_method !== 'api_token') || target.state === 'revoked') {
    throw validationFailed(
      'An Atlassian API token is for a Jira Cloud target created for API tokens.',
      'Create a target with provider_key jira_cloud and auth_method api_token.',
    );
  }
  const asApiToken = { ...target, auth_method: 'api_token' as const };
  const now = deps.clock.now();
  const siteUrl = normalizeCloudSiteUrl(input.site_url);
  const expiresAt = input.expires_at ? new Date(input.expires_at) : new Date(now.getTime() + MAX_TOKEN_LIFETIME_MS);
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_TOKEN_LIFETIME_MS + 86_400_000) {
    throw validationFailed(
      'expires_at must be in the future and within a year (Atlassian API tokens live at most a year).',
      `Enter the expiry shown at ${JIRA_SCREENS.apiTokens}.`,
    );
  }
  const policy = await deps.egress.policyFor(principal.workspaceId);
  const verdict = await checkUrl(siteUrl, policy);
  if (!verdict.allowed) throw blockedFor(asApiToken, 'url', 'PROVIDER_BASE_URL_BLOCKED', verdict.reason);
  const send = deps.egressFetch(policy);
  const tenant = await fetchTenantCloudId(send, siteUrl);
  if (!tenant.ok) throw blockedFor(asApiToken, 'url', tenant.code, tenant.reason);
  const authorization = basic(input.email, input.api_token);
  const user = await verifyCloudApiToken(send, siteUrl, authorization);
  if (!user.ok) return refuseNewCredential(deps, principal, targetId, failedCheck(now, user.reason, user.code));
  const permissions = await checkExportPermissions(send, `${siteUrl}/rest/api/3`, { authorization });
  const secret = JSON.stringify({ email: input.email, api_token: input.api_token });
  return storeCredential(deps, principal, targetId, { kind: 'api_token', secret, expiresAt, fingerprint: fingerprintOf(input.api_token) }, (current) => ({
    base_url: siteUrl,
    site_id: tenant.value,
    allowlist_status: 'direct',
    scopes: permissions.ok ? permissions.value : [],
    ownership: {
      method: 'site_identity',
      evidence: `tenant_info cloudId ${tenant.value}; /myself answered as ${user.value.accountId}`,
      verified_at: now.toISOString(),
    },
    checks: {
      url: passedCheck(now, verdict.reason),
      ownership: passedCheck(now, `${siteUrl} is Jira Cloud site ${tenant.value} and the token signs in there.`),
      network: passedCheck(now, 'Jira Cloud is reached directly over public addresses.'),
      auth: passedCheck(
        now,
        `The token signs in as ${user.value.displayName ?? user.value.accountId}. Atlassian discourages API tokens for apps; prefer the Forge app.`,
      ),
      scope: permissions.ok ? passedCheck(now, `Granted ${permissions.value.join(', ')}.`) : failedCheck(now, permissions.reason, permissions.code),
    },
    state: current.state === 'draft' ? 'blocked' : current.state,
  }));
}
