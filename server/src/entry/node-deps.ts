import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import type { AppDeps } from '../deps';
import { createKeyring } from '../crypto/secret-box';
import { createJsonLogger, type Logger } from '../logger';
import { openSqliteStore } from '../db/open-sqlite-store';
import { loadOrCreateMasterKeyFile } from './master-key-file';

/** Deps for Node (server and CLI alike): the SQLite file in DATA_DIR, the key file or MASTER_KEY. */
export async function createNodeDeps(config: Config, logger: Logger = createJsonLogger((line) => process.stdout.write(`${line}\n`), config.logLevel)) {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let masterKeys = config.masterKeys;
  if (masterKeys.length === 0) {
    const file = loadOrCreateMasterKeyFile(config.dataDir);
    if (file.created) {
      logger.warn('generated a new master key: back up this file, credentials cannot be read without it', { path: file.path });
    }
    masterKeys = [file.key];
  }
  const store = openSqliteStore(join(config.dataDir, 'companion.db'));
  const deps: AppDeps = {
    config,
    store,
    keyring: await createKeyring(masterKeys),
    clock: { now: () => new Date() },
    logger,
  };
  return { deps, close: () => store.close() };
}
