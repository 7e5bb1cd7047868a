import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The server package, where wrangler.toml lives. */
export const SERVER_DIR = fileURLToPath(new URL('../../../server/', import.meta.url));

/** wrangler comes from workers/, the Workers toolchain's own package (installed on first use, not by the root install). */
const WRANGLER_BIN = fileURLToPath(new URL('../../../workers/node_modules/.bin/wrangler', import.meta.url));
const ENSURE_WORKERS = fileURLToPath(new URL('../../../scripts/ensure-workers.mjs', import.meta.url));

/** wrangler offline: no metrics, no cf.json fetch, no prompts; loopback only. */
export const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' };

let installed = false;
/** Installs workers/ (its own lock) the first time a test needs wrangler; a no-op once it matches the lock. */
function ensureWorkersToolchain(): void {
  if (installed) return;
  execFileSync(process.execPath, [ENSURE_WORKERS], { stdio: ['ignore', 'inherit', 'inherit'] });
  installed = true;
}

/** Runs a wrangler command in server/ to completion. */
export function wrangler(args: string[]): Promise<{ code: number; output: string }> {
  ensureWorkersToolchain();
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER_BIN, args, { cwd: SERVER_DIR, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Starts `wrangler dev` (local workerd, local D1) in its own process group. */
export function startWranglerDev(args: string[]): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  ensureWorkersToolchain();
  const child = spawn(WRANGLER_BIN, ['dev', ...args], { cwd: SERVER_DIR, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5_000);
      await closed;
      clearTimeout(timer);
    },
  };
}
