import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { findTarget } from '../../db/targets-repo';
import { conflict, notFound, validationFailed } from '../../errors';
import { readCredentialSecret } from '../../commands/read-credential-secret';
import { changeTarget } from '../../commands/change-target';
import { probeDataCenterSite } from './probe-data-center-site';
import { verifyDataCenterToken, type TokenFindings } from './verify-data-center-token';
import { assertSameBaseUrl, withFindings } from './apply-findings';
import { followReadiness } from '../../commands/follow-readiness';

/**
 * Runs every Data Center check again and records each result with its time: URL, ownership and
 * network first; the stored PAT is sent only when those are clear. A ready target that now fails
 * becomes blocked with the code; a blocked one that passes again becomes ready.
 */
export async function runDataCenterChecks(deps: AppDeps, principal: Principal, targetId: string): Promise<TargetRecord> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  if (target.provider_key !== 'jira_data_center')
    throw validationFailed('This is not a Jira Data Center target.', 'Cloud targets are checked through their own connection.');
  if (target.state === 'revoked') throw conflict('This target was disconnected.', 'Create a new target with POST /api/v1/targets.');
  if (!target.base_url) throw validationFailed('There is no base URL to check yet.', 'PATCH the target with the attestations and base_url first.');

  const policy = await deps.egress.policyFor(principal.workspaceId);
  const now = deps.clock.now();
  const site = (await probeDataCenterSite(deps, target, policy, now))!;
  let token: TokenFindings | null = null;
  if (site.clear && target.credential) {
    const credential = await readCredentialSecret(deps, principal.workspaceId, targetId);
    if (credential) token = await verifyDataCenterToken(deps.egressFetch(policy), site.baseUrl, credential.secret, now);
  }
  const summary = (['url', 'ownership', 'network'] as const).map((name) => `${name}:${site[name]?.status ?? 'skipped'}`).join(' ');
  return changeTarget(deps, principal, targetId, (current, at) => {
    assertSameBaseUrl(current, site.baseUrl);
    const next = followReadiness(deps, withFindings(current, site, token), at);
    return {
      next,
      action: 'checks.run',
      detail: {
        summary: `${summary} auth:${token?.auth.status ?? 'skipped'} scope:${token?.scope?.status ?? 'skipped'}`,
        allowlist_status: next.allowlist_status,
      },
    };
  });
}
