import type { Context } from 'hono';
import type { Config } from './config';
import type { Store } from './db/database';
import type { Keyring } from './crypto/secret-box';
import type { Logger } from './logger';
import type { HostResolver } from './net/resolver';
import type { EgressPolicy } from './net/check-url';
import type { SafeFetch } from './net/safe-fetch';
import type { JiraCallsInFlight } from './jira/jira-calls-in-flight';
import type { SelfSocket } from './net/self-sockets';
import type { ForgeVerification } from './forge/verify-forge-invocation';

/** The clock every rule reads, injected so tests can move time. */
export interface Clock {
  now(): Date;
}

/**
 * Everything the app needs from its runtime, in one typed object: no module singletons, so the
 * same app runs on Node (better-sqlite3) and Workers (D1). `buildAppDeps` adds the services.
 */
export interface RuntimeDeps {
  config: Config;
  store: Store;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
  /** DNS for URL checks and pinned connections (Node: configured servers; Workers: DNS over HTTPS). */
  resolver: HostResolver;
  /** This server's own non-loopback addresses: never a valid target, whatever is approved. */
  ownAddresses: readonly string[];
  /** The sockets this server listens on (HOST and PORT): never a valid target, whatever is approved. */
  selfSockets: readonly SelfSocket[];
  /**
   * The peer address of the request's socket, as the runtime knows it (Node: the TCP peer; Workers:
   * CF-Connecting-IP, which Cloudflare sets); null when there is none (in-process requests).
   */
  socketAddress(c: Context): string | null;
  /** The only way out: an HTTP client bound to one egress policy (pinned, checked, bounded). */
  egressFetch(policy: EgressPolicy): SafeFetch;
  /** Jira calls on the wire per target, so a disconnect can wait for them (per process or isolate). */
  jiraCallsInFlight: JiraCallsInFlight;
  /**
   * Ends a streamed answer's connection after what was written is flushed, without the final chunk,
   * given the request's runtime bindings (Hono's `c.env`); false when it cannot. Absent on Workers,
   * where a failed body stream already resets the connection.
   */
  abortConnection?(env: unknown): boolean;
}

/** The way out, per workspace: the egress policy in force and an HTTP client bound to it. */
export interface Egress {
  /** The policy in force for a workspace right now (its approved networks, read fresh); null: global entries only. */
  policyFor(workspaceId: string | null): Promise<EgressPolicy>;
  /** An HTTP client bound to `policyFor(workspaceId)`: pinned, checked, bounded. */
  forWorkspace(workspaceId: string | null): Promise<SafeFetch>;
}

/** Forge Remote: the invocation-token verifier (its JWKS source cached) and the replay guard. */
export interface ForgeServices {
  /** How invocation tokens are verified; null while FORGE_APP_ID is not set. */
  verification(): ForgeVerification | null;
  /** Accepts each invocation token id once; throws ForgeTokenError on a second use. */
  rememberInvocation(jti: string, expiresAt: Date): Promise<void>;
}

/** The runtime plus the services built from it once (`buildAppDeps`): what commands and routes receive. */
export interface AppDeps extends RuntimeDeps {
  egress: Egress;
  forge: ForgeServices;
  /** The client address for sign-in limits: the socket's peer, or with TRUST_PROXY the right-most untrusted X-Forwarded-For hop. */
  clientAddress(c: Context): string | null;
}

/** Who is acting: recorded in audit rows, and the workspace every query is scoped to. */
export interface Principal {
  workspaceId: string;
  role: 'admin' | 'export';
  /** `user:<email>`, `token:<prefix>`, `cli` or `system`: never a secret. */
  actor: string;
}
