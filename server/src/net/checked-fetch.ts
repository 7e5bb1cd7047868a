import { blockedVerdict, checkUrl, type EgressPolicy, type UrlVerdict } from './check-url';
import { classifyFetchError, type FetchFailureKind } from './fetch-failure';
import { readCappedBody, type ByteStream } from './read-capped-body';
import { REDIRECT_STATUSES, redirectTarget } from './redirect-target';

/** The headers of an answer, whichever runtime's fetch produced it. */
export interface HeadersLike {
  get(name: string): string | null;
}

/** What one transport (undici on Node, fetch on Workers) answers for one hop. */
export interface DialledResponse {
  status: number;
  headers: HeadersLike;
  body: ByteStream | null;
}

/** One hop to an address `checkUrl` allowed; the transport must connect only where the verdict says. */
export type Dial = (
  target: URL,
  verdict: UrlVerdict,
  request: { method: string; headers: Record<string, string>; body: string | Uint8Array | undefined; signal: AbortSignal; totalMs: number },
) => Promise<{ response: DialledResponse; release(): Promise<void> }>;

/** The policy every hop is judged by, and the limits of one exchange. */
export interface CheckedFetchLimits {
  policy: EgressPolicy;
  totalTimeoutMs?: number;
  maxResponseBytes?: number;
}

/** API calls refuse redirects; a probe may follow up to 3, each hop judged again. */
export type RedirectMode = 'refuse' | { follow: number };

/** One request. Credentials go in `credentialHeaders`, sent only to the origin first asked. */
export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  redirect: RedirectMode;
  credentialHeaders?: Record<string, string>;
  signal?: AbortSignal;
}

/** A response from an address that was checked, body fully read (within the cap). */
export interface SafeResponse {
  kind: 'response';
  status: number;
  headers: HeadersLike;
  body: Uint8Array;
  url: string;
  verdict: UrlVerdict;
  redirects: string[];
  text(): string;
  json(): unknown;
}

/** The policy refused the URL or a redirect hop; nothing was sent to the refused target. */
export interface SafeFetchRefusal {
  kind: 'refused';
  verdict: UrlVerdict;
  redirects: string[];
}

/** The URL was allowed but the exchange failed (timeout, TLS, connection, size cap). */
export interface SafeFetchFailure {
  kind: 'failed';
  failure: FetchFailureKind;
  message: string;
  url: string;
  redirects: string[];
}

/** Performs one outbound HTTP exchange under the egress policy. */
export type SafeFetch = (url: string, init: SafeFetchInit) => Promise<SafeResponse | SafeFetchRefusal | SafeFetchFailure>;

const MAX_FOLLOW = 3;

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^content-(type|length|encoding)$/i.test(name)) kept[name] = value;
  }
  return kept;
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$/i;

function withoutCredentialHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADER.test(name)));
}

/**
 * The one outbound loop, whatever the transport: every hop is judged by `checkUrl` first, redirects
 * are refused or followed at most 3 times with each hop judged again, credentials never cross to
 * another origin, and time and body size are bounded.
 */
export function createCheckedFetch(deps: CheckedFetchLimits, dial: Dial): SafeFetch {
  const totalMs = deps.totalTimeoutMs ?? 20_000;
  const maxBytes = deps.maxResponseBytes ?? 10 * 1024 * 1024;

  return async function safeFetch(url, init) {
    const follow = init.redirect === 'refuse' ? 0 : init.redirect.follow;
    if (!Number.isInteger(follow) || follow < 0 || follow > MAX_FOLLOW) {
      throw new RangeError(`redirect.follow must be an integer from 0 to ${MAX_FOLLOW}`);
    }
    const deadline = AbortSignal.timeout(totalMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const redirects: string[] = [];
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    let headers = { ...init.headers };
    let credentials = init.credentialHeaders;
    let firstOrigin: string | null = null;
    let raw = url;

    for (let hop = 0; ; hop += 1) {
      const verdict = await checkUrl(raw, deps.policy, { purpose: 'request' });
      if (!verdict.allowed || verdict.normalized_url === null) {
        if (hop === 0) return { kind: 'refused', verdict, redirects };
        const reason = `Redirect ${hop} to ${raw} refused: ${verdict.reason}`;
        return { kind: 'refused', verdict: { ...verdict, reason }, redirects };
      }
      const target = new URL(verdict.normalized_url);
      firstOrigin ??= target.origin;
      if (target.origin !== firstOrigin) {
        // Defence in depth: credentials passed as ordinary headers do not cross origins either.
        credentials = undefined;
        headers = withoutCredentialHeaders(headers);
      }
      let release: () => Promise<void> = async () => undefined;
      try {
        const dialled = await dial(target, verdict, {
          method,
          headers: { ...headers, ...credentials },
          body: method === 'GET' || method === 'HEAD' ? undefined : body,
          signal,
          totalMs,
        });
        release = dialled.release;
        const response = dialled.response;
        const location = response.headers.get('location');
        if (REDIRECT_STATUSES.has(response.status) && location !== null) {
          const shown = location.length > 300 ? `${location.slice(0, 300)}...` : location;
          await response.body?.cancel().catch(() => undefined);
          const refuse = (reason: string) => ({
            kind: 'refused' as const,
            verdict: blockedVerdict(target.href, 'redirect', reason, verdict),
            redirects,
          });
          if (init.redirect === 'refuse') {
            return refuse(`${target.href} answered ${response.status} redirecting to ${shown}; redirects are refused for this call.`);
          }
          if (hop >= follow) return refuse(`${target.href} redirected more than ${follow} times (last to ${shown}).`);
          const next = redirectTarget(location, target);
          if (next === null) return refuse(`${target.href} redirected to an unusable Location ${JSON.stringify(shown)}.`);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = method === 'HEAD' ? 'HEAD' : 'GET';
            body = undefined;
            headers = withoutBodyHeaders(headers);
          }
          redirects.push(next);
          raw = next;
          continue;
        }
        const declared = Number(response.headers.get('content-length') ?? '0');
        if (declared > maxBytes) {
          await response.body?.cancel().catch(() => undefined);
          return { kind: 'failed', failure: 'too-large', message: `The response is larger than ${maxBytes} bytes.`, url: target.href, redirects };
        }
        const bytes = await readCappedBody(response.body, maxBytes);
        return {
          kind: 'response',
          status: response.status,
          headers: response.headers,
          body: bytes,
          url: target.href,
          verdict,
          redirects,
          text: () => new TextDecoder().decode(bytes),
          json: () => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
        };
      } catch (error) {
        return { kind: 'failed', ...classifyFetchError(error, deadline.aborted), url: target.href, redirects };
      } finally {
        await release().catch(() => undefined);
      }
    }
  };
}
