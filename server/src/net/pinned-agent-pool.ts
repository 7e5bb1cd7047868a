import { rootCertificates } from 'node:tls';
import type { Agent } from 'undici';
import { loadUndici } from './load-undici';
import type { UrlVerdict } from './check-url';
import { createPinnedLookup } from './pinned-lookup';

/** Keep-alive agents, each pinned to one host and the exact address set a check allowed. */
export interface PinnedAgentPool {
  agentFor(target: URL, verdict: UrlVerdict): Promise<Agent>;
  close(): Promise<void>;
}

export interface PinnedAgentOptions {
  /** An extra CA (PEM) trusted beside Node's bundled roots. */
  ca?: string | Buffer;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** Connections one agent may open at once (per host and address set). */
  connections?: number;
  maxAgents?: number;
  idleMs?: number;
}

/** A new undici Agent whose lookup answers only with the checked addresses. */
export async function createPinnedAgent(
  target: URL,
  verdict: UrlVerdict,
  options: PinnedAgentOptions,
  trusted: string[] | undefined,
  connections: number,
): Promise<Agent> {
  const totalMs = options.totalTimeoutMs ?? 20_000;
  const { Agent } = await loadUndici();
  return new Agent({
    connect: {
      lookup: createPinnedLookup(target.hostname, verdict.addresses),
      timeout: options.connectTimeoutMs ?? 5_000,
      rejectUnauthorized: true,
      ...(trusted ? { ca: trusted } : {}),
    },
    headersTimeout: totalMs,
    bodyTimeout: totalMs,
    connections,
    allowH2: false,
  });
}

/** The trust list for an extra CA, built once (Node's roots plus the CA), or undefined for Node's default. */
export function trustedCas(ca: string | Buffer | undefined): string[] | undefined {
  return ca ? [...rootCertificates, ca.toString()] : undefined;
}

/**
 * Reuses connections to Jira without weakening pinning: an agent is keyed by origin and the sorted
 * set of checked addresses, so a changed DNS answer (after a fresh check) gets a new agent and the
 * old one is closed when idle. Every request is still checked first.
 */
export function createPinnedAgentPool(options: PinnedAgentOptions = {}): PinnedAgentPool {
  const trusted = trustedCas(options.ca);
  const maxAgents = options.maxAgents ?? 256;
  const idleMs = options.idleMs ?? 60_000;
  const agents = new Map<string, { agent: Agent; usedAt: number }>();

  function evict(now: number) {
    for (const [key, entry] of agents) {
      if (now - entry.usedAt > idleMs || agents.size > maxAgents) {
        agents.delete(key);
        void entry.agent.close().catch(() => undefined);
      }
    }
  }

  return {
    async agentFor(target, verdict) {
      const key = `${target.origin}|${[...verdict.addresses].sort().join(',')}`;
      let entry = agents.get(key);
      if (!entry) {
        // Two requests racing here may both build an agent: the first one stored is kept, the other closed.
        const agent = await createPinnedAgent(target, verdict, options, trusted, options.connections ?? 8);
        entry = agents.get(key);
        if (entry) {
          void agent.close().catch(() => undefined);
        } else {
          evict(Date.now());
          entry = { agent, usedAt: Date.now() };
          agents.set(key, entry);
        }
      }
      entry.usedAt = Date.now();
      return entry.agent;
    },
    async close() {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((entry) => entry.agent.close().catch(() => undefined)));
    },
  };
}
