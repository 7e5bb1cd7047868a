import { serve } from '@hono/node-server';
import { parseConfig, ConfigError } from '../config';
import { createApp } from '../app';
import { createNodeDeps } from './node-deps';
import { prepareFirstRun } from '../commands/first-run-setup';
import { recheckActiveTargets } from '../commands/recheck-targets';
import { pollAllTargets } from '../commands/status/poll-issue-statuses';
import { routeConsoleToLogger } from './json-console';

/** Starts the companion on Node with the embedded SQLite default. */
async function main() {
  process.umask(0o077);
  const config = parseConfig(process.env);
  const { deps, close } = await createNodeDeps(config);
  routeConsoleToLogger(deps.logger);
  const app = createApp(deps);
  const { headersTimeoutMs, requestTimeoutMs, idleTimeoutMs, keepAliveTimeoutMs } = config.http;
  const server = serve(
    {
      fetch: app.fetch,
      port: config.port,
      hostname: config.host,
      // Slow clients: headers, the whole request (body included) and silence each have a deadline,
      // checked every second (Node checks every 30 s by default).
      serverOptions: {
        headersTimeout: headersTimeoutMs,
        requestTimeout: requestTimeoutMs,
        keepAliveTimeout: keepAliveTimeoutMs,
        connectionsCheckingInterval: 1_000,
      },
    },
    (info) => {
      deps.logger.info('companion listening', {
        url: `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`,
        pid: process.pid,
      });
    },
  );
  server.setTimeout(idleTimeoutMs);
  const setup = await prepareFirstRun(deps);
  if (setup) {
    const base = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    process.stdout.write(`\nCreate the first admin (one-time link, valid until ${setup.expiresAt.toISOString()}):\n  ${base}/setup?token=${setup.token}\n\n`);
  }
  let rechecking = false;
  const recheckTimer =
    config.recheckIntervalMs > 0
      ? setInterval(() => {
          if (rechecking) return;
          rechecking = true;
          recheckActiveTargets(deps)
            .then((result) => deps.logger.info('periodic re-check done', result))
            .catch((error: unknown) => deps.logger.error('periodic re-check crashed', { error_name: (error as Error).name }))
            .finally(() => (rechecking = false));
        }, config.recheckIntervalMs)
      : null;
  recheckTimer?.unref();
  let polling = false;
  const pollTimer =
    config.statusSync.pollIntervalMs > 0
      ? setInterval(() => {
          if (polling) return;
          polling = true;
          pollAllTargets(deps)
            .then((result) => deps.logger.info('status poll done', result))
            .catch((error: unknown) => deps.logger.error('status poll crashed', { error_name: (error as Error).name }))
            .finally(() => (polling = false));
        }, config.statusSync.pollIntervalMs)
      : null;
  pollTimer?.unref();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('shutting down', { signal });
    if (recheckTimer) clearInterval(recheckTimer);
    if (pollTimer) clearInterval(pollTimer);
    server.close(() => {
      close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`companion failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
