import { rootCertificates } from 'node:tls';
import { Agent, fetch } from 'undici';
import type { UrlVerdict } from './check-url';
import { createCheckedFetch, type CheckedFetchLimits, type SafeFetch } from './checked-fetch';
import { createPinnedLookup } from './pinned-lookup';

export * from './checked-fetch';

/** What safeFetch on Node needs: the policy and limits, an extra CA, the connect timeout. */
export interface SafeFetchDeps extends CheckedFetchLimits {
  /** An extra CA (PEM) trusted beside Node's bundled roots, for a private Jira's certificate. */
  ca?: string | Buffer;
  connectTimeoutMs?: number;
}

function createAgent(verdict: UrlVerdict, target: URL, deps: SafeFetchDeps, totalMs: number): Agent {
  return new Agent({
    connect: {
      lookup: createPinnedLookup(target.hostname, verdict.addresses),
      timeout: deps.connectTimeoutMs ?? 5_000,
      rejectUnauthorized: true,
      ...(deps.ca ? { ca: [...rootCertificates, deps.ca.toString()] } : {}),
    },
    headersTimeout: totalMs,
    bodyTimeout: totalMs,
    connections: 1,
    allowH2: false,
  });
}

/**
 * The Node transport: each hop is dialled through a fresh undici Agent whose `lookup` answers only
 * with the addresses `checkUrl` allowed (no second DNS answer can be used), closed after the hop.
 * The explicit dispatcher also means HTTP(S)_PROXY is never consulted. TLS is verified against the
 * URL's host name.
 */
export function createSafeFetch(deps: SafeFetchDeps): SafeFetch {
  return createCheckedFetch(deps, async (target, verdict, request) => {
    const agent = createAgent(verdict, target, deps, request.totalMs);
    try {
      const response = await fetch(target, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', dispatcher: agent, signal: request.signal });
      return { response, release: () => agent.destroy() };
    } catch (error) {
      await agent.destroy().catch(() => undefined);
      throw error;
    }
  });
}
