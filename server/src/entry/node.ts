import { serve } from '@hono/node-server';
import { parseConfig, ConfigError } from '../config';
import { createApp } from '../app';
import { createNodeDeps } from './node-deps';
import { prepareFirstRun } from '../commands/first-run-setup';

/** Starts the companion on Node with the embedded SQLite default. */
async function main() {
  process.umask(0o077);
  const config = parseConfig(process.env);
  const { deps, close } = await createNodeDeps(config);
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    deps.logger.info('companion listening', { url: `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}` });
  });
  const setup = await prepareFirstRun(deps);
  if (setup) {
    const base = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    process.stdout.write(`\nCreate the first admin (one-time link, valid until ${setup.expiresAt.toISOString()}):\n  ${base}/setup?token=${setup.token}\n\n`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('shutting down', { signal });
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
