import { actorLabel, type AllowlistStatus, type CheckResult, type TargetRecord } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { checkUrl, type EgressPolicy } from '../../net/check-url';
import { verifyDnsTxtChallenge } from '../../net/dns-txt-challenge';
import { probeServerInfo } from '../../jira/data-center-client';
import { failedCheck, passedCheck } from '../../commands/check-results';

/** What the checks before any token found: URL, ownership, network, and the path they verified. */
export interface SiteFindings {
  baseUrl: string;
  url: CheckResult;
  ownership?: CheckResult;
  ownershipProof?: { method: 'dns_txt' | 'admin_attestation'; evidence: string };
  network?: CheckResult;
  allowlistStatus: AllowlistStatus | null;
  clear: boolean;
}

function egressHint(deps: AppDeps): string {
  return deps.config.egressIps.length > 0
    ? ` Allowlist the companion's egress addresses ${deps.config.egressIps.join(', ')}, or ask the operator for an approved tunnel.`
    : ' Ask the operator for the egress addresses to allowlist, or for an approved tunnel.';
}

async function ownershipStep(deps: AppDeps, target: TargetRecord, host: string, now: Date) {
  const challenge = target.ownership?.dns_challenge;
  const token = challenge?.value.replace(/^webriskops-verification=/, '') ?? '';
  const dns = challenge ? await verifyDnsTxtChallenge(deps.resolver, host, token) : { verified: false, reason: 'No DNS challenge was issued.' };
  if (dns.verified) return { ok: true as const, proof: { method: 'dns_txt' as const, evidence: `TXT ${challenge!.name}` }, reason: dns.reason };
  if (deps.config.allowAttestedOwnership && target.attestations) {
    const { by, at } = target.attestations.owns_site;
    return {
      ok: true as const,
      proof: { method: 'admin_attestation' as const, evidence: `attested by ${actorLabel(by)} at ${at}` },
      reason: `Ownership attested by ${actorLabel(by)} (the operator allows attestation).`,
    };
  }
  const reason = challenge
    ? `${dns.reason} Add the TXT record ${challenge.name} with value ${challenge.value}, then run the checks again.`
    : `${host} is an IP address: DNS ownership needs a host name, and no TXT record can be set on an address.`;
  return { ok: false as const, check: failedCheck(now, reason, 'PROVIDER_BASE_URL_BLOCKED') };
}

/**
 * The anonymous checks, in order: URL safety (resolve and judge, nothing sent), ownership (DNS TXT
 * or operator-allowed attestation), then one anonymous serverInfo probe that proves both that this
 * is the Jira that calls itself by this URL and that the network path works. No token is sent here.
 */
export async function probeDataCenterSite(deps: AppDeps, target: TargetRecord, policy: EgressPolicy, now: Date): Promise<SiteFindings | null> {
  if (!target.base_url) return null;
  const baseUrl = target.base_url;
  const verdict = await checkUrl(baseUrl, policy);
  if (!verdict.allowed) return { baseUrl, url: failedCheck(now, verdict.reason, 'PROVIDER_BASE_URL_BLOCKED'), allowlistStatus: null, clear: false };
  const url = passedCheck(now, verdict.reason);

  const ownership = await ownershipStep(deps, target, new URL(baseUrl).hostname, now);
  if (!ownership.ok) return { baseUrl, url, ownership: ownership.check, allowlistStatus: null, clear: false };

  const probe = await probeServerInfo(deps.egressFetch(policy), baseUrl);
  if (!probe.ok) {
    const unreachable = probe.code === 'PROVIDER_ALLOWLIST_REQUIRED';
    const reason = unreachable ? `${probe.reason}${egressHint(deps)}` : probe.reason;
    return {
      baseUrl,
      url,
      ownership: failedCheck(now, unreachable ? `Ownership could not be confirmed: ${reason}` : reason, probe.code),
      network: unreachable ? failedCheck(now, reason, 'PROVIDER_ALLOWLIST_REQUIRED') : undefined,
      allowlistStatus: null,
      clear: false,
    };
  }
  const allowlistStatus: AllowlistStatus = verdict.path === 'tunnel' ? 'tunnel' : target.allowlist_declaration ? 'allowlisted' : 'direct';
  const pathText = {
    direct: 'directly over public addresses',
    tunnel: 'through a network the operator approved',
    allowlisted: 'through the firewall allowlist you declared',
  }[allowlistStatus];
  return {
    baseUrl,
    url,
    ownership: passedCheck(now, `${ownership.reason} Jira ${probe.value.version} reports base URL ${probe.value.baseUrl}.`),
    ownershipProof: ownership.proof,
    network: passedCheck(now, `Reached Jira ${pathText} (${verdict.addresses.join(', ')}).`),
    allowlistStatus,
    clear: true,
  };
}
