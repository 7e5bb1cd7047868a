// The prebuilt server: esbuild bundles the Node entry (`npm start`) and the CLI (`npm run companion`)
// into server/dist/entry/, with source maps, so nothing is transpiled at run time. Run by `prepare`
// after every `npm install`/`npm ci`, and again by scripts/run-built.mjs whenever a source the last
// bundle was made from is newer than it (a developer editing sources, a `git pull`).
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the bundles go: the same depth as server/src/db/, so the migrations folder that db/ finds from import.meta.url (two folders up) is still server/drizzle. */
export const OUT_DIR = join(ROOT, 'server', 'dist', 'entry');
const STAMP = join(OUT_DIR, 'build-inputs.json');
const ENTRIES = { node: 'server/src/entry/node.ts', cli: 'server/src/entry/cli.ts' };

/** The bundle file of one entry (`node` or `cli`). */
export const bundlePath = (entry) => join(OUT_DIR, `${entry}.js`);

/** Bundles both entries; records every input file so a later start can tell whether they changed. */
export async function buildServer() {
  const { build } = await import('esbuild');
  const started = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT_DIR,
    bundle: true,
    // What the server loads only on demand (the settings pages) goes to chunks of its own, so an
    // export-only server never reads, parses or maps it (about 3 MB less resident after start).
    // Chunks sit beside the entries: db/ finds the migrations from import.meta.url at that depth.
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Mappings only: stack traces need file:line, not a copy of every source (which --enable-source-maps would hold in memory).
    sourcesContent: false,
    // Native: compiled for the Node ABI at install time, loaded from node_modules.
    external: ['better-sqlite3'],
    // Bundled CommonJS packages (undici, ...) call require(); give the ES module one.
    banner: { js: "import { createRequire as __wroCreateRequire } from 'node:module'; const require = __wroCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    write: false,
  });
  // Each file is renamed into place, the build record last: a process starting (or a second build
  // running) meanwhile sees either the old bundle or the new one, never half of a file.
  mkdirSync(OUT_DIR, { recursive: true });
  const writeAtomically = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  // Chunks first, then the entries that import them: a process starting meanwhile finds every chunk its entry names.
  const isEntry = (path) => Object.keys(ENTRIES).some((entry) => path === bundlePath(entry) || path === `${bundlePath(entry)}.map`);
  for (const file of result.outputFiles.filter((output) => !isEntry(output.path))) writeAtomically(file.path, file.contents);
  for (const file of result.outputFiles.filter((output) => isEntry(output.path))) writeAtomically(file.path, file.contents);
  removeOldChunks(new Set(result.outputFiles.map((file) => file.path)));
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'));
  inputs.push('server/drizzle/meta/_journal.json', 'package-lock.json');
  writeAtomically(STAMP, `${JSON.stringify({ builtAt: started, node: process.version, inputs })}\n`);
  return { ms: Date.now() - started, inputs: inputs.length };
}

/**
 * Chunks of earlier builds that this one no longer names, once they are a week old: a server
 * started from an earlier build (still running) may yet load its own chunks on demand.
 */
function removeOldChunks(current) {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of readdirSync(OUT_DIR)) {
    const path = join(OUT_DIR, name);
    if (!/\.js(\.map)?$/.test(name) || current.has(path)) continue;
    if (statSync(path).mtimeMs < weekAgo) rmSync(path, { force: true });
  }
}

/** Null when the bundles are up to date, else why they must be rebuilt. */
export function whyStale() {
  if (!existsSync(STAMP)) return 'no build yet';
  for (const entry of Object.keys(ENTRIES)) if (!existsSync(bundlePath(entry))) return `${entry}.js is missing`;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return 'the build record is unreadable';
  }
  for (const input of stamp.inputs) {
    let modified;
    try {
      modified = statSync(join(ROOT, input)).mtimeMs;
    } catch {
      return `${input} is gone`;
    }
    if (modified > stamp.builtAt) return `${input} changed`;
  }
  return null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `--if-stale`: what the test run does first, so parallel test files find one bundle, fresh.
  const stale = process.argv.includes('--if-stale') ? whyStale() : 'asked to build';
  if (stale) {
    const { ms, inputs } = await buildServer();
    process.stdout.write(`server bundle: server/dist/entry/{node,cli}.js from ${inputs} files in ${ms} ms (${stale})\n`);
  }
}
