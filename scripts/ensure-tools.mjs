// The tools that only one test or one developer command uses (Redocly's OpenAPI lint,
// openapi-typescript, @forge/manifest, drizzle-kit, the benches' autocannon: about 135 MB) are a
// package of their own in tools/, outside the root workspaces, so `npm install && npm start` never
// downloads them. This installs it on first use (its own lock, `npm ci`) and, given arguments, runs
// one of its commands in the current folder:
//   node scripts/ensure-tools.mjs               install when missing or out of date with the lock
//   node scripts/ensure-tools.mjs BIN ARGS      the same, then `BIN ARGS` (e.g. drizzle-kit generate)
// Code imports a tool through tools/load.mjs, which resolves it from tools/node_modules.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { childEnv, ensureOwnPackage } from './own-package.mjs';

export const TOOLS_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'tools');

let installed = false;
/** Installs tools/ when needed (once per process); false when `npm ci` failed. */
export function ensureTools() {
  installed ||= ensureOwnPackage(TOOLS_DIR, { what: 'OpenAPI lint and types, Forge manifest check, drizzle-kit, autocannon; about 135 MB, once' });
  return installed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (!ensureTools()) process.exit(1);
  const [command, ...args] = process.argv.slice(2);
  if (command !== undefined) {
    const result = spawnSync(join(TOOLS_DIR, 'node_modules', '.bin', command), args, { env: childEnv(), stdio: 'inherit' });
    if (result.error) process.stderr.write(`tools: cannot run ${command}: ${result.error.message}\n`);
    process.exit(result.status ?? 1);
  }
}
