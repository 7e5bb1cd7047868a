import type { TargetRecord } from '@webriskops/shared';
import { conflict } from '../../errors';
import type { SiteFindings } from './probe-data-center-site';
import type { TokenFindings } from './verify-data-center-token';

/** Refuses to apply findings made for another base URL (the URL changed while checks ran). */
export function assertSameBaseUrl(current: TargetRecord, checkedBaseUrl: string): void {
  if (current.base_url !== checkedBaseUrl) {
    throw conflict('The base URL changed while the checks ran; their results were discarded.', 'Run the checks again for the new base URL.');
  }
}

/** The record with the site and token findings written in; each check keeps its own time. */
export function withFindings(current: TargetRecord, site: SiteFindings, token: TokenFindings | null): TargetRecord {
  const next: TargetRecord = {
    ...current,
    checks: {
      ...current.checks,
      url: site.url,
      ...(site.ownership ? { ownership: site.ownership } : {}),
      ...(site.network ? { network: site.network } : {}),
      ...(token ? { auth: token.auth, ...(token.scope ? { scope: token.scope } : {}) } : {}),
    },
    allowlist_status: site.clear ? site.allowlistStatus : site.network ? null : current.allowlist_status,
  };
  if (site.ownershipProof && site.ownership?.status === 'passed') {
    next.ownership = {
      ...(current.ownership ?? { dns_challenge: null }),
      method: site.ownershipProof.method,
      evidence: site.ownershipProof.evidence,
      verified_at: site.ownership.checked_at,
    };
  }
  if (token?.scope?.status === 'passed') next.scopes = token.granted;
  return next;
}
