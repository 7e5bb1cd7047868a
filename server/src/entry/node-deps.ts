import { mkdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import type { Config } from '../config';
import type { AppDeps } from '../deps';
import { buildAppDeps } from '../app-deps';
import { createKeyring } from '../crypto/secret-box';
import { createJiraCallsInFlight } from '../jira/jira-calls-in-flight';
import { createJsonLogger, type Logger } from '../logger';
import { openSqliteStore } from '../db/open-sqlite-store';
import { createNodeResolver } from '../net/node-resolver';
import { createSafeFetch } from '../net/safe-fetch';
import { createPinnedAgentPool } from '../net/pinned-agent-pool';
import { loadOrCreateMasterKeyFile } from './master-key-file';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** This machine's non-loopback interface addresses: a URL resolving to one of them is refused. */
export function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && !info.internal)
    .map((info) => info!.address.replace(/%.*$/, ''));
}

/** The TCP peer of a request served by @hono/node-server; null for in-process `app.request` calls. */
export function nodeSocketAddress(c: Context): string | null {
  const bindings = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!bindings?.incoming && !bindings?.server?.incoming) return null;
  return getConnInfo(c).remote.address ?? null;
}

/**
 * DATA_DIR as the operator meant it: a relative path is taken from the directory the command was
 * run in (npm's INIT_CWD), so `npm start` (which runs inside server/) and `npm run companion` from
 * the repository root open the same database.
 */
export function resolveDataDir(dataDir: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), dataDir);
}

/** Deps for Node (server and CLI alike): the SQLite file in DATA_DIR, the key file or MASTER_KEY. */
export async function createNodeDeps(
  config: Config,
  logger: Logger = createJsonLogger((line) => process.stdout.write(`${line}\n`), config.logLevel),
  options: { traceSql?: (sql: string) => void } = {},
) {
  const dataDir = resolveDataDir(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let masterKeys = config.masterKeys;
  if (masterKeys.length === 0) {
    const file = loadOrCreateMasterKeyFile(dataDir);
    if (file.created) {
      logger.warn('generated a new master key: back up this file, credentials cannot be read without it', { path: file.path });
    }
    masterKeys = [file.key];
  }
  const extraCa = config.extraCaFile ? readFileSync(config.extraCaFile, 'utf8') : undefined;
  const agents = createPinnedAgentPool(extraCa ? { ca: extraCa } : {});
  const store = openSqliteStore(join(dataDir, 'companion.db'), options);
  const deps: AppDeps = buildAppDeps({
    config,
    store,
    keyring: await createKeyring(masterKeys),
    clock: { now: () => new Date() },
    logger,
    resolver: createNodeResolver({ servers: config.dnsServers }),
    ownAddresses: machineAddresses(),
    selfSockets: [{ address: config.host, port: config.port }],
    socketAddress: nodeSocketAddress,
    egressFetch: (policy) => createSafeFetch({ policy, agents, ...(extraCa ? { ca: extraCa } : {}) }),
    jiraCallsInFlight: createJiraCallsInFlight(),
    abortConnection: (env) => {
      const socket = (env as Partial<HttpBindings> | undefined)?.outgoing?.socket;
      if (!socket || socket.destroyed) return false;
      socket.destroySoon();
      return true;
    },
  });
  return {
    deps,
    close: () => {
      void agents.close();
      store.close();
    },
  };
}
