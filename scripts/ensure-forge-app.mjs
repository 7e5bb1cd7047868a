// Installs (when needed) and checks forge-app/, the Forge admin page, which is a package of its own
// outside the root workspaces: its @forge/react brings about 1.4 GB of @atlaskit packages that the
// companion's `npm install && npm start` must never download. Runs forge-app's type check, tests
// and bundle, and ends with the closing line CI reads: "forge-app: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'forge-app');
const modulesDir = join(appDir, 'node_modules');
const stampFile = join(modulesDir, '.webriskops-lock-sha256');
const bin = (name) => join(modulesDir, '.bin', name);

/** The environment for child processes, without what `npm run` at the root injects (it would point npm at the root). */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(lifecycle_|package_|command$)/.test(key) || key === 'npm_config_local_prefix' || key === 'npm_config_loglevel') delete env[key];
  }
  return env;
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: appDir, env: childEnv(), stdio: 'inherit', ...options });
}

function ensureInstalled() {
  const lockHash = createHash('sha256')
    .update(readFileSync(join(appDir, 'package-lock.json')))
    .digest('hex');
  const installedHash = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
  if (existsSync(modulesDir) && installedHash === lockHash) return true;
  const why = existsSync(modulesDir) ? 'forge-app/node_modules does not match its package-lock.json' : 'forge-app/node_modules is missing';
  process.stdout.write(`forge-app: ${why}; running npm ci in forge-app/ (its own lock; about 1.4 GB of @forge/@atlaskit packages, a minute or two)...\n`);
  const started = Date.now();
  const install = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (install.status !== 0) {
    process.stderr.write(`${install.stdout ?? ''}${install.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
    process.stderr.write('\nforge-app: npm ci failed (output above).\n');
    return false;
  }
  writeFileSync(stampFile, `${lockHash}\n`);
  process.stdout.write(`forge-app: installed in ${Math.round((Date.now() - started) / 1000)} s.\n`);
  return true;
}

function runTests() {
  const dir = mkdtempSync(join(tmpdir(), 'wro-forge-app-'));
  const report = join(dir, 'report.json');
  const result = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  let summary = null;
  try {
    summary = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    // no report: vitest did not get far enough to write one; counted as a failure below
  }
  const passed = summary?.numPassedTests ?? 0;
  let failed = summary ? summary.numFailedTests + (summary.numFailedTestSuites > 0 && summary.numFailedTests === 0 ? summary.numFailedTestSuites : 0) : 1;
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

if (!ensureInstalled()) {
  process.stdout.write('\nforge-app: the install failed\nforge-app: 0 passed, 1 failed\n');
  process.exit(1);
}

const failures = [];
process.stdout.write('forge-app: type check (tsc --noEmit)\n');
const typecheckOk = run(bin('tsc'), ['-p', 'tsconfig.json']).status === 0;
if (!typecheckOk) failures.push('type check');

process.stdout.write('forge-app: tests (vitest)\n');
const tests = runTests();
if (tests.failed > 0) failures.push('tests');

process.stdout.write('forge-app: bundle (esbuild of src/frontend/index.tsx)\n');
const bundleOk = run(process.execPath, ['scripts/bundle-check.mjs']).status === 0;
if (!bundleOk) failures.push('bundle');

const passed = tests.passed + (typecheckOk ? 1 : 0) + (bundleOk ? 1 : 0);
const failed = tests.failed + (typecheckOk ? 0 : 1) + (bundleOk ? 0 : 1);
const detail = failures.length > 0 ? `; failing: ${failures.join(', ')}` : '';
process.stdout.write(`\nforge-app: ${tests.passed + tests.failed} tests, type check, bundle${detail}\nforge-app: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
