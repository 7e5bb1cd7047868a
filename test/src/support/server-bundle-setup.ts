import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * vitest global setup: brings the prebuilt server bundle up to date once, before any test file
 * spawns `npm start` or `npm run companion` (which would otherwise each notice stale sources).
 */
export default function buildServerBundleIfStale(): void {
  const script = fileURLToPath(new URL('../../../scripts/server-build.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
}
