import { freeText } from '@webriskops/shared';
import { z } from 'zod';
import { ATTESTATION_KEYS, hostIsIpLiteral, targetNameSchema, type Attestations, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { attestationRequired, blockedFor, conflict, notFound, validationFailed } from '../../errors';
import { findTarget } from '../../db/targets-repo';
import { credentialsDestroy } from '../../db/credentials-repo';
import { randomToken } from '../../crypto/tokens';
import { challengeRecordFor } from '../../net/dns-txt-challenge';
import { checkUrl } from '../../net/check-url';
import { changeTarget } from '../../commands/change-target';
import { passedCheck } from '../../commands/check-results';

/** The PATCH body: the Data Center fields a customer enters, in the order the flow asks for them. */
export const updateTargetInputSchema = z.strictObject({
  name: targetNameSchema.optional(),
  base_url: freeText(z.string().trim().min(1).max(2048)).optional(),
  attestations: z
    .strictObject({
      owns_site: z.literal(true),
      issue_api_reachable: z.literal(true),
      scan_export_authorized: z.literal(true),
    })
    .optional(),
  allowlist_declaration: z.literal('allowlisted').nullable().optional(),
});
export type UpdateTargetInput = z.infer<typeof updateTargetInputSchema>;

function attestationRecord(actor: string, now: Date): Attestations {
  const entry = { by: actor, at: now.toISOString() };
  return Object.fromEntries(ATTESTATION_KEYS.map((key) => [key, entry])) as Attestations;
}

/** Everything a new base URL invalidates: credential, checks, ownership proof, network path. */
function resetForNewBaseUrl(current: TargetRecord, normalizedUrl: string, urlReason: string, now: Date): TargetRecord {
  const host = new URL(normalizedUrl).hostname;
  return {
    ...current,
    base_url: normalizedUrl,
    credential: null,
    scopes: [],
    allowlist_status: null,
    // An IP address has no DNS zone: no TXT record to ask for (the page says a host name is needed).
    ownership: {
      method: null,
      evidence: null,
      verified_at: null,
      dns_challenge: hostIsIpLiteral(normalizedUrl) ? null : challengeRecordFor(host, randomToken(24)),
    },
    checks: { url: passedCheck(now, urlReason) },
    state: current.state === 'revoked' ? 'revoked' : 'draft',
  };
}

/**
 * PATCH for a Data Center target. The base URL is accepted only after the three attestations and
 * only when it passes the URL-safety check; a changed URL destroys the stored credential in the
 * same atomic write, before anything else can use it. A refused request saves nothing.
 */
export async function updateDataCenterTarget(deps: AppDeps, principal: Principal, targetId: string, input: UpdateTargetInput): Promise<TargetRecord> {
  const existing = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!existing) throw notFound(`Target ${targetId}`);
  if (existing.state === 'revoked') throw conflict('This target was disconnected.', 'Create a new target with POST /api/v1/targets.');
  if (existing.provider_key !== 'jira_data_center' && (input.base_url || input.attestations || input.allowlist_declaration !== undefined)) {
    throw validationFailed(
      'Jira Cloud targets get their site from the Forge app, OAuth or the API-token check, not from PATCH.',
      'Only name can be changed on a Jira Cloud target.',
    );
  }
  if (input.base_url && !input.attestations && !existing.attestations) {
    throw attestationRequired(
      'Confirm the site first: that you own it, that its issue API is reachable, and that you authorize scans and exports.',
      'Send attestations {"owns_site":true,"issue_api_reachable":true,"scan_export_authorized":true} with the base URL.',
    );
  }

  let verdict: Awaited<ReturnType<typeof checkUrl>> | null = null;
  if (input.base_url) {
    verdict = await checkUrl(input.base_url, await deps.egress.policyFor(principal.workspaceId));
    if (!verdict.allowed || !verdict.normalized_url) throw blockedFor(existing, 'url', 'PROVIDER_BASE_URL_BLOCKED', verdict.reason);
  }

  return changeTarget(deps, principal, targetId, (current, now) => {
    if (current.state === 'revoked') throw conflict('This target was disconnected.', 'Create a new target with POST /api/v1/targets.');
    let next: TargetRecord = { ...current };
    const changed: string[] = [];
    if (input.name && input.name !== current.name) {
      next.name = input.name;
      changed.push('name');
    }
    if (input.attestations) {
      next.attestations = attestationRecord(principal.actor, now);
      changed.push('attestations');
    }
    if (input.allowlist_declaration !== undefined) {
      next.allowlist_declaration = input.allowlist_declaration ? { value: 'allowlisted', by: principal.actor, at: now.toISOString() } : null;
      changed.push('allowlist_declaration');
    }
    const urlChanged = verdict?.normalized_url && verdict.normalized_url !== current.base_url;
    if (verdict?.normalized_url && urlChanged) {
      next = resetForNewBaseUrl(next, verdict.normalized_url, verdict.reason, now);
      changed.push('base_url');
    } else if (verdict) {
      next.checks = { ...next.checks, url: passedCheck(now, verdict.reason) };
    }
    if (changed.length === 0 && !verdict) return null;
    return {
      next,
      action: urlChanged ? 'target.base_url_changed' : 'target.updated',
      detail: {
        changed: changed.join(','),
        base_url: next.base_url,
        credential_destroyed: Boolean(urlChanged && current.credential),
        url_path: verdict?.path ?? null,
      },
      writesBefore: urlChanged ? [credentialsDestroy(deps.store.db, principal.workspaceId, targetId, now)] : [],
    };
  });
}
