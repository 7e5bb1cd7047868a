// A package of its own, outside the root workspaces (workers/, forge-app/, tools/): what a
// Node-only `npm install && npm start` must never download. Installed on first use with `npm ci`
// from its own lock, and again whenever the lock changes (a stamp in its node_modules records the
// lock it was installed from). Parallel callers (vitest runs test files in several processes) take
// turns through a lock folder: one installs, the others wait and then find it installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The environment for child processes, without what `npm run` at the root injects (it would point npm at the root). */
export function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(lifecycle_|package_|command$)/.test(key) || key === 'npm_config_local_prefix' || key === 'npm_config_loglevel') delete env[key];
  }
  return env;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Holds `<dir>/.install-lock` (a folder: mkdir is atomic) while `work` runs; a lock left by a dead process is taken over. */
function withInstallLock(dir, work) {
  const lock = join(dir, '.install-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // the owner has not written its pid yet
      }
      if (Number.isInteger(owner) && owner > 0 && !isRunning(owner)) rmSync(lock, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Installs `dir`'s own package when its node_modules is missing or was installed from another lock.
 * `what` tells the user what is coming (size, time); `log` writes a line (stdout or stderr, as the
 * caller's output is read). Returns false, after printing npm's last lines, when `npm ci` fails.
 */
export function ensureOwnPackage(dir, { what, log = (line) => process.stderr.write(line) }) {
  const name = basename(dir);
  const modulesDir = join(dir, 'node_modules');
  const stampFile = join(modulesDir, '.webriskops-lock-sha256');
  const lockHash = createHash('sha256')
    .update(readFileSync(join(dir, 'package-lock.json')))
    .digest('hex');
  const upToDate = () => existsSync(modulesDir) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === lockHash;
  if (upToDate()) return true;
  return withInstallLock(dir, () => {
    if (upToDate()) return true; // another process installed it while this one waited
    const why = existsSync(modulesDir) ? `${name}/node_modules does not match its package-lock.json` : `${name}/node_modules is missing`;
    log(`${name}: ${why}; running npm ci in ${name}/ (${what})...\n`);
    const started = Date.now();
    const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (install.status !== 0) {
      process.stderr.write(`${install.stdout ?? ''}${install.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
      process.stderr.write(`\n${name}: npm ci failed (output above).\n`);
      return false;
    }
    writeFileSync(stampFile, `${lockHash}\n`);
    log(`${name}: installed in ${Math.round((Date.now() - started) / 1000)} s.\n`);
    return true;
  });
}
