import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
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
  trusted: SecureContext | undefined,
  connections: number,
): Promise<Agent> {
  const totalMs = options.totalTimeoutMs ?? 20_000;
  const { Agent } = await loadUndici();
  return new Agent({
    connect: {
      lookup: createPinnedLookup(target.hostname, verdict.addresses),
      timeout: options.connectTimeoutMs ?? 5_000,
      rejectUnauthorized: true,
      ...(trusted ? { secureContext: trusted } : {}),
    },
    headersTimeout: totalMs,
    bodyTimeout: totalMs,
    connections,
    allowH2: false,
  });
}

/** Trust contexts by extra CA (PEM): an operator names one; tests make a CA per world. */
const trustContexts = new Map<string, SecureContext>();
const MAX_TRUST_CONTEXTS = 16;

/**
 * The TLS trust for an extra CA: Node's bundled roots plus the CA, parsed once per CA and shared
 * by every connection (given as `ca`, each new TLS connection parsed all 140-odd roots again: about
 * 50 ms of CPU on the event loop here). Undefined for no extra CA: Node's default roots.
 */
export function trustedContext(ca: string | Buffer | undefined): SecureContext | undefined {
  if (!ca) return undefined;
  const pem = ca.toString();
  let context = trustContexts.get(pem);
  if (!context) {
    if (trustContexts.size >= MAX_TRUST_CONTEXTS) trustContexts.clear();
    context = createSecureContext({ ca: [...rootCertificates, pem] });
    trustContexts.set(pem, context);
  }
  return context;
}

/**
 * Reuses connections to Jira without weakening pinning: an agent is keyed by origin and the sorted
 * set of checked addresses, so a changed DNS answer (after a fresh check) gets a new agent and the
 * old one is closed when idle. Every request is still checked first.
 */
export function createPinnedAgentPool(options: PinnedAgentOptions = {}): PinnedAgentPool {
  const trusted = trustedContext(options.ca);
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
