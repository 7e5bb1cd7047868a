/// <reference types="@cloudflare/workers-types" />
import { createApp } from '../app';
import { parseConfig, ConfigError } from '../config';
import type { AppDeps } from '../deps';
import { buildAppDeps } from '../app-deps';
import { createKeyring } from '../crypto/secret-box';
import { createJiraCallsInFlight } from '../jira/jira-calls-in-flight';
import { createJsonLogger } from '../logger';
import { createD1Store } from '../db/d1-store';
import { createDohResolver } from '../net/doh-resolver';
import { createWorkerSafeFetch } from '../net/worker-safe-fetch';
import { recheckActiveTargets } from '../commands/recheck-targets';

/** The bindings and variables wrangler.toml and `wrangler secret` provide. */
export interface Env {
  DB: D1Database;
  MASTER_KEY: string;
  [setting: string]: unknown;
}

let built: { fingerprint: string; deps: AppDeps; app: ReturnType<typeof createApp> } | null = null;

/** Builds deps once per isolate (settings are fixed per deployment); all state lives in D1. */
async function appFor(env: Env) {
  const settings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const fingerprint = JSON.stringify(settings);
  if (built?.fingerprint === fingerprint) return built;
  const config = parseConfig(settings);
  if (config.masterKeys.length === 0) throw new ConfigError(['MASTER_KEY is required on Workers: set it with `wrangler secret put MASTER_KEY`']);
  // eslint-disable-next-line no-console
  const logger = createJsonLogger((line) => console.log(line), config.logLevel);
  const resolver = createDohResolver({ endpoint: config.dohUrl });
  const deps: AppDeps = buildAppDeps({
    config,
    store: createD1Store(env.DB),
    keyring: await createKeyring(config.masterKeys),
    clock: { now: () => new Date() },
    logger,
    resolver,
    ownAddresses: [],
    // A Worker listens on no socket of its own; Cloudflare's edge does not route back into it.
    selfSockets: [],
    // Cloudflare sets CF-Connecting-IP itself (a client cannot forge it): the socket's equivalent.
    socketAddress: (c) => c.req.header('cf-connecting-ip') ?? null,
    egressFetch: (policy) => createWorkerSafeFetch({ policy }),
    jiraCallsInFlight: createJiraCallsInFlight(),
  });
  built = { fingerprint, deps, app: createApp(deps) };
  return built;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const { app } = await appFor(env);
    return app.fetch(request, env, ctx);
  },
  /** Cron Trigger: the periodic re-check of ready and blocked targets. */
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps } = await appFor(env);
    ctx.waitUntil(recheckActiveTargets(deps).then((result) => deps.logger.info('periodic re-check done', result)));
  },
} satisfies ExportedHandler<Env>;
