import {
  PROVIDER_KEYS,
  PROVIDER_RULES,
  type AllowlistStatus,
  type AuthMethod,
  type BlockingCheck,
  type CheckName,
  type ProviderKey,
  type TargetRecord,
} from '@webriskops/shared';

/** Words for the record's enums, so every page names things the same way. */
export const PROVIDER_LABEL = Object.fromEntries(PROVIDER_KEYS.map((key) => [key, PROVIDER_RULES[key].label])) as Record<ProviderKey, string>;

export const AUTH_METHOD_LABEL: Record<AuthMethod, string> = {
  forge_app: 'WebRiskOps Forge app',
  oauth: 'OAuth 2.0 (3LO)',
  api_token: 'Atlassian API token',
  pat: 'Personal Access Token',
};

export const CHECK_LABEL: Record<CheckName, string> = {
  url: 'URL safety',
  ownership: 'Ownership',
  network: 'Network path',
  auth: 'Authentication',
  scope: 'Permissions',
};

/** What readiness can block on, in words: the checks, the provider and the revoke path. */
export const BLOCKING_CHECK_LABEL: Record<BlockingCheck, string> = {
  ...CHECK_LABEL,
  provider: 'Provider',
  revoke: 'Revoke path',
};

export const ALLOWLIST_LABEL: Record<AllowlistStatus, string> = {
  direct: 'direct (public addresses)',
  allowlisted: 'allowlisted (your firewall admits the companion)',
  tunnel: 'tunnel (a network the operator approved)',
};

/** `2026-01-31 14:05:09 UTC`: one unambiguous zone for every reader. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The credential in words: kind, last four, created and expiry; never the secret. */
export function describeCredential(credential: TargetRecord['credential']): string {
  if (!credential) return 'None stored';
  const expiry = credential.expires_at ? `expires ${formatTime(credential.expires_at)}` : 'no expiry';
  return `${AUTH_METHOD_LABEL[credential.kind]} ending …${credential.fingerprint}, stored ${formatTime(credential.created_at)}, ${expiry}`;
}

export const targetPath = (id: string, rest = '') => `/settings/targets/${encodeURIComponent(id)}${rest}`;
