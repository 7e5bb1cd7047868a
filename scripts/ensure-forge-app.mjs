// Installs (when needed) and checks forge-app/, the Forge admin page, which is a package of its own
// outside the root workspaces: its @forge/react brings about 1.4 GB of @atlaskit packages that the
// companion's `npm install && npm start` must never download. Runs forge-app's type check, tests
// and bundle, and ends with the closing line CI reads: "forge-app: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, ensureOwnPackage } from './own-package.mjs';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'forge-app');
const modulesDir = join(appDir, 'node_modules');
const bin = (name) => join(modulesDir, '.bin', name);

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: appDir, env: childEnv(), stdio: 'inherit', ...options });
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

if (
  !ensureOwnPackage(appDir, { what: 'its own lock; about 1.4 GB of @forge/@atlaskit packages, a minute or two', log: (line) => process.stdout.write(line) })
) {
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
