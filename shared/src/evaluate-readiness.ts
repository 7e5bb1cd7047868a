import type { BlockedCode } from './blocked-codes';
import { nextActionFor } from './next-actions';
import { PROVIDER_RULES, type ReadinessKind } from './provider-rules';
import {
  AUTH_METHODS_BY_PROVIDER,
  CLOUD_OWNERSHIP_BY_AUTH_METHOD,
  DEPLOYMENT_MODE_BY_PROVIDER,
  type CheckName,
  type CheckResult,
  type TargetRecord,
  ownershipProven,
} from './target-record';
import { FORGE_PLATFORM_SCOPES, OAUTH_PLATFORM_SCOPES, REQUIRED_CLOUD_SCOPES, REQUIRED_DC_PERMISSIONS, isBroaderThanExportNeeds } from './scopes';

/** How long a recorded check counts before it must be run again (24 hours by default). */
export const DEFAULT_MAX_CHECK_AGE_MS = 24 * 60 * 60 * 1000;

export interface ReadinessOptions {
  maxCheckAgeMs?: number;
}

export type Readiness = { ready: true } | { ready: false; code: BlockedCode; reason: string; next_action: string; check: CheckName | 'provider' | 'revoke' };

/** A block before its next action is chosen (`nextActionFor`, by provider, auth method, check and code). */
type Blocked = Omit<Extract<Readiness, { ready: false }>, 'next_action'>;

/** The readiness fields a target record needs; the whole record satisfies it. */
export type ReadinessInput = Pick<
  TargetRecord,
  | 'provider_key'
  | 'deployment_mode'
  | 'base_url'
  | 'site_id'
  | 'auth_method'
  | 'scopes'
  | 'allowlist_status'
  | 'ownership'
  | 'checks'
  | 'credential'
  | 'revoke'
  | 'state'
>;

function blocked(code: BlockedCode, check: Blocked['check'], reason: string): Blocked {
  return { ready: false, code, reason, check };
}

/** Null when the check passed and is fresh; otherwise why it does not count. */
function checkProblem(name: CheckName, result: CheckResult | undefined, now: Date, maxAgeMs: number): string | null {
  if (!result) return `The ${name} check has not run yet.`;
  if (result.status === 'failed') return result.reason || `The ${name} check failed.`;
  const age = now.getTime() - Date.parse(result.checked_at);
  if (!(age <= maxAgeMs)) {
    const hours = Math.round(maxAgeMs / 3_600_000);
    return `The ${name} check passed at ${result.checked_at} but is older than ${hours} hours and no longer counts; run the checks again.`;
  }
  return null;
}

function checkBlock(target: ReadinessInput, name: CheckName, code: BlockedCode, now: Date, maxAgeMs: number): Blocked | null {
  const result = target.checks[name];
  const problem = checkProblem(name, result, now, maxAgeMs);
  if (!problem) return null;
  return blocked(result?.status === 'failed' && result.code ? result.code : code, name, problem);
}

function credentialBlock(target: ReadinessInput, now: Date): Blocked | null {
  const credential = target.credential;
  if (!credential) {
    const failedAuth = target.checks.auth?.status === 'failed' ? target.checks.auth.reason : null;
    return blocked('PROVIDER_AUTH_REQUIRED', 'auth', failedAuth ?? 'No credential is stored for this target.');
  }
  if (credential.revoked_at) {
    return blocked('PROVIDER_AUTH_REQUIRED', 'auth', `The credential was revoked at ${credential.revoked_at}.`);
  }
  if (credential.expires_at && Date.parse(credential.expires_at) <= now.getTime()) {
    const why =
      credential.kind === 'forge_app'
        ? `The Forge app system token expired at ${credential.expires_at} and no fresh one arrived (the app's hourly scheduled trigger did not reach the companion).`
        : `The credential expired at ${credential.expires_at}.`;
    return blocked('PROVIDER_AUTH_REQUIRED', 'auth', why);
  }
  if (credential.kind !== target.auth_method) {
    return blocked('PROVIDER_AUTH_REQUIRED', 'auth', `The stored credential is a ${credential.kind}, not the ${target.auth_method ?? 'chosen'} credential.`);
  }
  return null;
}

/** Scope problems: a required grant missing, or a grant broader than export needs. */
function scopeBlock(target: ReadinessInput): Blocked | null {
  const method = target.auth_method;
  if (!method || !AUTH_METHODS_BY_PROVIDER[target.provider_key].includes(method)) {
    return blocked('PROVIDER_AUTH_REQUIRED', 'auth', `No auth method valid for ${target.provider_key} is chosen.`);
  }
  const held = new Set(target.scopes);
  const broader = target.scopes.filter(isBroaderThanExportNeeds);
  if (broader.length > 0) {
    return blocked(
      'PROVIDER_SCOPE_UNAVAILABLE',
      'scope',
      `The credential asks for more than export needs: ${broader.join(', ')}. Reconnect with only the minimum access.`,
    );
  }
  const usesOAuthScopes = method === 'forge_app' || method === 'oauth';
  const required: readonly string[] = usesOAuthScopes ? REQUIRED_CLOUD_SCOPES : REQUIRED_DC_PERMISSIONS;
  const missing = required.filter((scope) => !held.has(scope));
  if (missing.length > 0) {
    return blocked('PROVIDER_SCOPE_UNAVAILABLE', 'scope', `The credential is missing: ${missing.join(', ')}.`);
  }
  if (usesOAuthScopes) {
    const extra: readonly string[] = method === 'forge_app' ? FORGE_PLATFORM_SCOPES : OAUTH_PLATFORM_SCOPES;
    const unknown = target.scopes.filter((scope) => !required.includes(scope) && !extra.includes(scope));
    if (unknown.length > 0) {
      return blocked(
        'PROVIDER_SCOPE_UNAVAILABLE',
        'scope',
        `The grant holds scopes export does not need: ${unknown.join(', ')}. Reconnect with only the minimum access.`,
      );
    }
  }
  return null;
}

function cloudBlock(target: ReadinessInput, now: Date, maxAgeMs: number): Blocked | null {
  if (!target.base_url || !target.site_id || !ownershipProven(target.ownership)) {
    return blocked(
      'PROVIDER_AUTH_REQUIRED',
      'ownership',
      'The Jira Cloud site is not connected yet: install the WebRiskOps app and pair it, or sign in with OAuth.',
    );
  }
  const expectedOwnership = target.auth_method && target.auth_method !== 'pat' ? CLOUD_OWNERSHIP_BY_AUTH_METHOD[target.auth_method] : null;
  if (target.ownership.method !== expectedOwnership) {
    return blocked(
      'PROVIDER_BASE_URL_BLOCKED',
      'ownership',
      `Jira Cloud ownership must come from the Forge install, the OAuth grant or the site's own identity for this auth method, not ${target.ownership.method}.`,
    );
  }
  return (
    checkBlock(target, 'url', 'PROVIDER_BASE_URL_BLOCKED', now, maxAgeMs) ??
    checkBlock(target, 'ownership', 'PROVIDER_BASE_URL_BLOCKED', now, maxAgeMs) ??
    credentialBlock(target, now) ??
    checkBlock(target, 'auth', 'PROVIDER_AUTH_REQUIRED', now, maxAgeMs) ??
    scopeBlock(target) ??
    checkBlock(target, 'scope', 'PROVIDER_SCOPE_UNAVAILABLE', now, maxAgeMs)
  );
}

function dataCenterBlock(target: ReadinessInput, now: Date, maxAgeMs: number): Blocked | null {
  if (!target.base_url) {
    return blocked('PROVIDER_BASE_URL_BLOCKED', 'url', 'No Jira base URL has been entered yet.');
  }
  const urlBlock = checkBlock(target, 'url', 'PROVIDER_BASE_URL_BLOCKED', now, maxAgeMs);
  if (urlBlock) return urlBlock;
  if (!ownershipProven(target.ownership)) {
    return blocked('PROVIDER_BASE_URL_BLOCKED', 'ownership', 'Ownership of the Jira site is not proven yet (DNS TXT record or attestation).');
  }
  const ownershipBlock = checkBlock(target, 'ownership', 'PROVIDER_BASE_URL_BLOCKED', now, maxAgeMs);
  if (ownershipBlock) return ownershipBlock;
  if (!target.allowlist_status) {
    return blocked('PROVIDER_ALLOWLIST_REQUIRED', 'network', 'No verified network path (direct, allowlisted or approved tunnel) to this Jira.');
  }
  return (
    checkBlock(target, 'network', 'PROVIDER_ALLOWLIST_REQUIRED', now, maxAgeMs) ??
    credentialBlock(target, now) ??
    checkBlock(target, 'auth', 'PROVIDER_AUTH_REQUIRED', now, maxAgeMs) ??
    scopeBlock(target) ??
    checkBlock(target, 'scope', 'PROVIDER_SCOPE_UNAVAILABLE', now, maxAgeMs)
  );
}

/** How each readiness kind of the provider table blocks; a kind without a rule does not compile. */
const PROVIDER_READINESS: Readonly<Record<ReadinessKind, (target: ReadinessInput, now: Date, maxAgeMs: number) => Blocked | null>> = {
  connected_site: cloudBlock,
  checked_base_url: dataCenterBlock,
};

const DISCONNECTED_NEXT_ACTION = 'Nothing can unblock a disconnected target: connect the site again as a new target.';

/**
 * The one readiness rule: a target may receive tickets only when provider, URL, ownership,
 * network, authorization and revoke path all hold; otherwise the first blocking code, its reason
 * and the next action. Pure: everything it needs is in the record and `now`.
 */
export function evaluateReadiness(target: ReadinessInput, now: Date, options: ReadinessOptions = {}): Readiness {
  const found = firstBlock(target, now, options.maxCheckAgeMs ?? DEFAULT_MAX_CHECK_AGE_MS);
  if (!found) return { ready: true };
  const next_action = target.state === 'revoked' ? DISCONNECTED_NEXT_ACTION : nextActionFor(target, found.check, found.code);
  return { ...found, next_action };
}

function firstBlock(target: ReadinessInput, now: Date, maxAgeMs: number): Blocked | null {
  if (target.state === 'revoked') {
    return blocked('PROVIDER_AUTH_REQUIRED', 'auth', 'This target was disconnected and its credential destroyed.');
  }
  const expectedMode = DEPLOYMENT_MODE_BY_PROVIDER[target.provider_key];
  if (target.deployment_mode !== expectedMode) {
    return blocked('PROVIDER_BASE_URL_BLOCKED', 'provider', `${target.provider_key} targets must be ${expectedMode}, not ${target.deployment_mode}.`);
  }
  const found = PROVIDER_READINESS[PROVIDER_RULES[target.provider_key].readiness](target, now, maxAgeMs);
  if (found) return found;
  if (!target.revoke || !target.revoke.where) {
    return blocked('PROVIDER_AUTH_REQUIRED', 'revoke', 'The record does not say where the customer revokes this credential; reconnect so it is recorded.');
  }
  return null;
}

/**
 * The state a target carries once its readiness is known: drafts (never saved) and revoked targets
 * keep theirs; a saved target is `ready` exactly while readiness holds, else `blocked`.
 */
export function stateAfterReadiness(target: ReadinessInput, readiness: Readiness): TargetRecord['state'] {
  if (target.state === 'revoked' || target.state === 'draft') return target.state;
  return readiness.ready ? 'ready' : 'blocked';
}

/**
 * Until when (exclusive, epoch ms) the answer of {@link evaluateReadiness} at `now` stays the answer
 * as time passes and the record does not change: the first moment a passed check gets older than
 * the maximum age, or the credential reaches its expiry. Infinity when nothing in the record ages.
 * Time is the only input besides the record, and these are the only two rules that read it.
 */
export function readinessHoldsUntil(target: ReadinessInput, now: Date, options: ReadinessOptions = {}): number {
  const at = now.getTime();
  const maxAgeMs = options.maxCheckAgeMs ?? DEFAULT_MAX_CHECK_AGE_MS;
  let until = Number.POSITIVE_INFINITY;
  const turns = (moment: number) => {
    if (moment > at && moment < until) until = moment;
  };
  // A check counts while now - checked_at <= maxAge: it stops counting 1 ms after checked_at + maxAge.
  for (const result of Object.values(target.checks)) if (result) turns(Date.parse(result.checked_at) + maxAgeMs + 1);
  // A credential counts while expires_at > now: it stops at expires_at.
  if (target.credential?.expires_at) turns(Date.parse(target.credential.expires_at));
  return until;
}
