import { freeText } from '@webriskops/shared';
import { z } from 'zod';
import { evaluateReadiness, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { findTarget } from '../../db/targets-repo';
import { blockedFor, conflict, notFound, validationFailed } from '../../errors';
import { refuseNewCredential } from '../../commands/refuse-new-credential';
import { storeCredential } from '../../commands/store-credential';
import { verifyDataCenterToken } from './verify-data-center-token';
import { assertSameBaseUrl } from './apply-findings';

/** What a Personal Access Token may look like before Jira is asked about it (API and pages alike). */
export const patSchema = freeText(z.string().min(8).max(1024).regex(/^\S+$/, 'must not contain spaces'));

/**
 * Why the PAT field is still closed: the first of URL, ownership and network that is not clear, or
 * null when it is open. The API refuses on it and the pages open the token step by it.
 */
export function dataCenterTokenStepBlock(deps: AppDeps, target: TargetRecord, now: Date) {
  const withoutToken: TargetRecord = {
    ...target,
    credential: null,
    checks: { url: target.checks.url, ownership: target.checks.ownership, network: target.checks.network },
  };
  const readiness = evaluateReadiness(withoutToken, now, { maxCheckAgeMs: deps.config.checkMaxAgeMs });
  if (!readiness.ready && (readiness.check === 'url' || readiness.check === 'ownership' || readiness.check === 'network' || readiness.check === 'provider'))
    return readiness;
  return null;
}

/**
 * `PUT /credentials` for Data Center: refused (409 with the blocking code) until URL, ownership and
 * network are clear. The PAT is proved with /myself before anything is stored: a refused token is
 * never kept. A working token is stored encrypted with its permission check; write-only.
 */
export async function setDataCenterPat(deps: AppDeps, principal: Principal, targetId: string, pat: string): Promise<TargetRecord> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  if (target.provider_key !== 'jira_data_center')
    throw validationFailed('A Personal Access Token is for Jira Data Center targets.', 'Connect Jira Cloud with the Forge app, OAuth or an API token.');
  if (target.state === 'revoked') throw conflict('This target was disconnected.', 'Create a new target with POST /api/v1/targets.');
  const now = deps.clock.now();
  const blocked = dataCenterTokenStepBlock(deps, target, now);
  if (blocked && !blocked.ready)
    throw blockedFor(target, blocked.check, blocked.code, `The token field opens once URL, ownership and network are clear: ${blocked.reason}`);
  const baseUrl = target.base_url!;

  const findings = await verifyDataCenterToken(await deps.egress.forWorkspace(principal.workspaceId), baseUrl, pat, now);
  if (findings.auth.status === 'failed') return refuseNewCredential(deps, principal, targetId, findings.auth, (current) => assertSameBaseUrl(current, baseUrl));
  return storeCredential(deps, principal, targetId, { kind: 'pat', secret: pat, expiresAt: null }, (current) => {
    assertSameBaseUrl(current, baseUrl);
    return { checks: { ...current.checks, auth: findings.auth, ...(findings.scope ? { scope: findings.scope } : {}) }, scopes: findings.granted };
  });
}
