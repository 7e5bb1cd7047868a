// `npm start` and `npm run companion`: runs the prebuilt bundle of the server (`node`) or the CLI
// (`cli`), rebuilding it first when a source is newer (a fresh clone builds at `prepare`). Run as
// `node --enable-source-maps scripts/run-built.mjs <node|cli> [args]`, so stack traces name the
// TypeScript sources and the server is this one process.
import { bundlePath, whyStale } from './server-build.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [entry] = process.argv.splice(2, 1);
if (entry !== 'node' && entry !== 'cli') {
  process.stderr.write('Usage: node scripts/run-built.mjs <node|cli> [args]\n');
  process.exit(2);
}
const stale = whyStale();
if (stale) {
  process.stderr.write(`server bundle: rebuilding (${stale})\n`);
  // In a process of its own: esbuild's memory (about 20 MB) is given back before the server starts.
  execFileSync(process.execPath, [fileURLToPath(new URL('./server-build.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
}
await import(pathToFileURL(bundlePath(entry)).href);
