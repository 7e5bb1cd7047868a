import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The single-machine default: with no MASTER_KEY configured, a key file `DATA_DIR/master.key`
 * (mode 0600) is generated at first start and read afterwards.
 */
export function loadOrCreateMasterKeyFile(dataDir: string): { key: string; created: boolean; path: string } {
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) chmodSync(path, 0o600);
    return { key: readFileSync(path, 'utf8').trim(), created: false, path };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true, path };
}
