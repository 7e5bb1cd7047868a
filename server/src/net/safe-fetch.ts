import { createCheckedFetch, type CheckedFetchLimits, type SafeFetch } from './checked-fetch';
import { createPinnedAgent, trustedContext, type PinnedAgentPool } from './pinned-agent-pool';
import { loadUndici } from './load-undici';

export * from './checked-fetch';

/** What safeFetch on Node needs: the policy and limits, an extra CA, the connect timeout. */
export interface SafeFetchDeps extends CheckedFetchLimits {
  /** An extra CA (PEM) trusted beside Node's bundled roots, for a private Jira's certificate. */
  ca?: string | Buffer;
  connectTimeoutMs?: number;
  /** Keep-alive agents shared across requests (still pinned per address set); absent: one agent per hop. */
  agents?: PinnedAgentPool;
}

/**
 * The Node transport: each hop is dialled through an undici Agent whose `lookup` answers only
 * with the addresses `checkUrl` allowed (no second DNS answer can be used). Without a pool the
 * agent is created for the hop and closed after it. The explicit dispatcher also means
 * HTTP(S)_PROXY is never consulted. TLS is verified against the URL's host name.
 */
export function createSafeFetch(deps: SafeFetchDeps): SafeFetch {
  const trusted = trustedContext(deps.ca);
  return createCheckedFetch(deps, async (target, verdict, request) => {
    const { fetch } = await loadUndici();
    const pooled = await deps.agents?.agentFor(target, verdict);
    const agent = pooled ?? (await createPinnedAgent(target, verdict, { ...deps, totalTimeoutMs: request.totalMs }, trusted, 1));
    const release = async () => {
      if (!pooled) await agent.destroy();
    };
    try {
      const response = await fetch(target, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        dispatcher: agent,
        signal: request.signal,
      });
      return { response, release };
    } catch (error) {
      await release().catch(() => undefined);
      throw error;
    }
  });
}
