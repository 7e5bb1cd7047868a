// The Cloudflare Workers deployment's toolchain (wrangler, workerd, @cloudflare/workers-types) is a
// package of its own in workers/, outside the root workspaces: about 200 MB that a Node-only
// `npm install && npm start` never downloads. This installs it on first use (its own lock, `npm ci`)
// and, given arguments, runs wrangler with them in server/ (where wrangler.toml is):
//   node scripts/ensure-workers.mjs                 install when missing or out of date with the lock
//   node scripts/ensure-workers.mjs wrangler ARGS   the same, then `wrangler ARGS` (npm run wrangler -- ARGS)
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, ensureOwnPackage } from './own-package.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workersDir = join(root, 'workers');
const modulesDir = join(workersDir, 'node_modules');

if (!ensureOwnPackage(workersDir, { what: 'wrangler and workerd, about 200 MB, once' })) process.exit(1);
const [command, ...args] = process.argv.slice(2);
if (command === 'wrangler') {
  const result = spawnSync(join(modulesDir, '.bin', 'wrangler'), args, { cwd: join(root, 'server'), env: childEnv(), stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else if (command !== undefined) {
  process.stderr.write('Usage: node scripts/ensure-workers.mjs [wrangler ARGS...]\n');
  process.exit(2);
}
