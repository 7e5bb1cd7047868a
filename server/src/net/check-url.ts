import type { BlockedCode } from '@webriskops/shared';
import { classifyAddress, describeAddressRule, ownAddressKeys, type AddressRule } from './address-policy';
import { compileApprovedNetworks, type ApprovedNetworks } from './approved-networks';
import { hardDenyReason } from './hard-deny';
import { parseCanonicalIp } from './ip-literal';
import { ResolveError, type HostResolver } from './resolver';
import { parseTargetUrl, type ParsedTargetUrl, type UrlRule } from './url-policy';
import { selfSocketReason, type SelfSocket } from './self-sockets';

/** Everything a URL is judged against; the caller's workspace decides `approvedEntries`. */
export interface EgressPolicy {
  resolver: HostResolver;
  approvedEntries: readonly string[];
  allowHttpForApproved: boolean;
  ownAddresses: readonly string[];
  /** This server's own listening sockets: refused at their port whatever is approved. */
  selfSockets?: readonly SelfSocket[];
}

/** Every rule a verdict can name. */
export type VerdictRule = UrlRule | Exclude<AddressRule, 'global-unicast'> | 'unresolvable' | 'not-approved' | 'own-socket' | 'redirect';

/** The one judgement on a URL, shared by the API, the CLI and safeFetch. */
export interface UrlVerdict {
  url: string;
  allowed: boolean;
  code: Extract<BlockedCode, 'PROVIDER_BASE_URL_BLOCKED'> | null;
  rule: VerdictRule | null;
  reason: string;
  addresses: string[];
  path: 'direct' | 'tunnel' | null;
  normalized_url: string | null;
}

/** `purpose: 'request'` judges a URL safeFetch calls (a query is allowed); default is a base URL. */
export interface CheckUrlOptions {
  purpose?: 'base' | 'request';
}

/** A refused verdict with the blocked code; exported so safeFetch refuses in the same shape. */
export function blockedVerdict(
  url: string,
  rule: VerdictRule,
  reason: string,
  extra: Partial<Pick<UrlVerdict, 'addresses' | 'normalized_url'>> = {},
): UrlVerdict {
  return {
    url,
    allowed: false,
    code: 'PROVIDER_BASE_URL_BLOCKED',
    rule,
    reason,
    addresses: extra.addresses ?? [],
    path: null,
    normalized_url: extra.normalized_url ?? null,
  };
}

async function resolveAddresses(target: ParsedTargetUrl, resolver: HostResolver): Promise<string[] | string> {
  if (target.hostKind !== 'domain') return [target.host];
  try {
    const { addresses } = await resolver.resolve(target.host);
    if (!Array.isArray(addresses) || addresses.length === 0) return `${target.host} has no addresses.`;
    return addresses.map(String);
  } catch (error) {
    return error instanceof ResolveError ? `${error.message}.` : `${target.host} could not be resolved.`;
  }
}

interface AddressJudgement {
  rule: VerdictRule;
  reason: string;
}

function judgeAddress(
  target: ParsedTargetUrl,
  address: string,
  approved: ApprovedNetworks,
  own: ReadonlySet<string>,
  selfSockets: readonly SelfSocket[],
): 'direct' | 'tunnel' | AddressJudgement {
  const self = selfSocketReason(address, target.port, selfSockets, own);
  if (self) {
    const where =
      target.hostKind === 'domain' ? `${target.host} resolves to ${address}, and port ${target.port} there is` : `${address} port ${target.port} is`;
    return { rule: 'own-socket', reason: `${where} ${self}; it stays blocked whatever is approved.` };
  }
  const verdict = classifyAddress(address, own);
  if (verdict.allowed) return 'direct';
  const subject =
    target.hostKind === 'domain'
      ? `${target.host} resolves to ${address}, which is ${describeAddressRule(verdict.rule)}`
      : `${address} is ${describeAddressRule(verdict.rule)}`;
  const rule = verdict.rule as Exclude<AddressRule, 'global-unicast'>;
  const parsed = parseCanonicalIp(address);
  const hardDeny = parsed ? hardDenyReason(parsed, own) : null;
  if (hardDeny) {
    const never = approved.entries.length > 0 ? 'it stays blocked even inside an approved network' : 'it can never be approved';
    return { rule, reason: `${subject}; ${never}: ${hardDeny}.` };
  }
  if (approved.approve({ host: target.host, address, port: target.port })) return 'tunnel';
  const ports = approved.covering({ host: target.host, address }).map((entry) => entry.port);
  if (ports.length > 0) {
    return {
      rule: 'not-approved',
      reason: `${subject}; it is approved only on port ${ports.join(', ')}, not on port ${target.port}.`,
    };
  }
  return { rule, reason: `${subject}, and it is not inside an approved network.` };
}

/**
 * Judges a URL without opening any connection: syntax policy, then every resolved address (one bad
 * answer blocks the host), then approved networks. `path` says whether an allowed URL is reached
 * directly (all global unicast) or through an approved network (`tunnel`).
 */
// Compiled forms of a policy's lists, kept per list (the same array: the operator's settings, or a
// workspace's networks as the cache of committed rows hands them out) instead of rebuilt per request.
const compiledNetworks = new WeakMap<readonly string[], ApprovedNetworks>();
const ownKeys = new WeakMap<readonly string[], ReadonlySet<string>>();

function compiledOnce<T>(compiled: WeakMap<readonly string[], T>, list: readonly string[], compile: (list: readonly string[]) => T): T {
  let value = compiled.get(list);
  if (value === undefined) {
    value = compile(list);
    // Only a list nobody can change may be remembered by identity.
    if (Object.isFrozen(list)) compiled.set(list, value);
  }
  return value;
}

export async function checkUrl(rawUrl: string, policy: EgressPolicy, options: CheckUrlOptions = {}): Promise<UrlVerdict> {
  const url = typeof rawUrl === 'string' ? rawUrl : String(rawUrl);
  const target = parseTargetUrl(url, { allowHttp: policy.allowHttpForApproved, purpose: options.purpose ?? 'base' });
  if (!target.ok) return blockedVerdict(url, target.rule, target.reason);
  const normalized_url = target.normalized;
  const resolved = await resolveAddresses(target, policy.resolver);
  if (typeof resolved === 'string') return blockedVerdict(url, 'unresolvable', resolved, { normalized_url });

  const approved = compiledOnce(compiledNetworks, policy.approvedEntries, compileApprovedNetworks);
  const own = compiledOnce(ownKeys, policy.ownAddresses, ownAddressKeys);
  let tunnel = false;
  for (const address of resolved) {
    const judgement = judgeAddress(target, address, approved, own, policy.selfSockets ?? []);
    if (judgement === 'tunnel') tunnel = true;
    else if (judgement !== 'direct') {
      return blockedVerdict(url, judgement.rule, judgement.reason, { addresses: resolved, normalized_url });
    }
  }
  if (target.scheme === 'http') {
    const allApproved = resolved.every((address) => approved.approve({ host: target.host, address, port: target.port }));
    if (!tunnel || !allApproved) {
      return blockedVerdict(url, 'scheme', 'Plain http is allowed only when every address is inside an approved network; use https.', {
        addresses: resolved,
        normalized_url,
      });
    }
  }
  const path = tunnel ? 'tunnel' : 'direct';
  const where = tunnel ? 'through an approved network' : 'directly (every address is global unicast)';
  return {
    url,
    allowed: true,
    code: null,
    rule: null,
    reason: `Allowed: ${target.host} is reached ${where} at ${resolved.join(', ')}.`,
    addresses: resolved,
    path,
    normalized_url,
  };
}
