// The Cloudflare Workers deployment's toolchain (wrangler, workerd, @cloudflare/workers-types) is a
// package of its own in workers/, outside the root workspaces: about 200 MB that a Node-only
// `npm install && npm start` never downloads. This installs it on first use (its own lock, `npm ci`)
// and, given arguments, runs wrangler with them in server/ (where wrangler.toml is):
//   node scripts/ensure-workers.mjs                 install when missing or out of date with the lock
//   node scripts/ensure-workers.mjs wrangler ARGS   the same, then `wrangler ARGS` (npm run wrangler -- ARGS)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workersDir = join(root, 'workers');
const modulesDir = join(workersDir, 'node_modules');
const stampFile = join(modulesDir, '.webriskops-lock-sha256');

/** The environment for child processes, without what `npm run` at the root injects (it would point npm at the root). */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(lifecycle_|package_|command$)/.test(key) || key === 'npm_config_local_prefix' || key === 'npm_config_loglevel') delete env[key];
  }
  return env;
}

function ensureInstalled() {
  const lockHash = createHash('sha256')
    .update(readFileSync(join(workersDir, 'package-lock.json')))
    .digest('hex');
  const installedHash = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
  if (existsSync(modulesDir) && installedHash === lockHash) return true;
  const why = existsSync(modulesDir) ? 'workers/node_modules does not match its package-lock.json' : 'workers/node_modules is missing';
  process.stderr.write(`workers: ${why}; running npm ci in workers/ (wrangler and workerd, about 200 MB, once)...\n`);
  const started = Date.now();
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: workersDir,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (install.status !== 0) {
    process.stderr.write(`${install.stdout ?? ''}${install.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
    process.stderr.write('\nworkers: npm ci failed (output above).\n');
    return false;
  }
  writeFileSync(stampFile, `${lockHash}\n`);
  process.stderr.write(`workers: installed in ${Math.round((Date.now() - started) / 1000)} s.\n`);
  return true;
}

if (!ensureInstalled()) process.exit(1);
const [command, ...args] = process.argv.slice(2);
if (command === 'wrangler') {
  const result = spawnSync(join(modulesDir, '.bin', 'wrangler'), args, { cwd: join(root, 'server'), env: childEnv(), stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else if (command !== undefined) {
  process.stderr.write('Usage: node scripts/ensure-workers.mjs [wrangler ARGS...]\n');
  process.exit(2);
}
