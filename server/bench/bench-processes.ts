/**
 * Processes for the benches: the bare Hono yardstick, autocannon, and what /proc tells about a
 * server process (resident memory, CPU time). Loopback only.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LoadFigure {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
  /** CPU time the measured server spent per answered request, in microseconds (robust on a shared machine). */
  cpuMicrosPerRequest?: number;
}

/** Resident memory of a process, in MB (Linux /proc). */
export function residentMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** User + system CPU time of a process so far, in milliseconds (Linux /proc, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The bare Hono JSON route (same hono and @hono/node-server) in a process of its own. */
export async function startBareHono(): Promise<{ pid: number; url: string; stop(): void }> {
  const script = fileURLToPath(new URL('./bare-hono.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`bare-hono exited: ${out}`)));
  });
  return { pid: child.pid!, url: `http://127.0.0.1:${port}/healthz`, stop: () => child.kill('SIGTERM') };
}

/** Runs a tool of tools/ (autocannon is one: only the benches use it), installing tools/ on first use. */
const ENSURE_TOOLS = fileURLToPath(new URL('../../scripts/ensure-tools.mjs', import.meta.url));

/** autocannon (50 connections) in its own process against a loopback URL; with `serverPid`, the server's CPU per request. */
export function autocannon(url: string, options: { headers?: Record<string, string>; seconds?: number; serverPid?: number } = {}): Promise<LoadFigure> {
  const args = [
    ENSURE_TOOLS,
    'autocannon',
    '-j',
    '-c',
    '50',
    '-d',
    String(options.seconds ?? 5),
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}=${value}`]),
    url,
  ];
  const cpuBefore = options.serverPid ? cpuMs(options.serverPid) : 0;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const result = JSON.parse(out) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number };
        if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} answers were not 2xx`);
        const figure: LoadFigure = { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, count: result.requests.total };
        if (options.serverPid) figure.cpuMicrosPerRequest = ((cpuMs(options.serverPid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
        resolve(figure);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/**
 * The sides of a latency comparison, one call at a time and interleaved, so that drift (GC, CPU
 * frequency, the other core's load) hits every side alike: `warmup` rounds unmeasured, then the
 * milliseconds of every call of each side.
 */
export async function interleavedLatencies<K extends string>(
  sides: Record<K, () => Promise<void>>,
  warmup: number,
  rounds: number,
): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const ms = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup; i += 1) for (const name of names) await sides[name]();
  for (let i = 0; i < rounds; i += 1) {
    for (const name of names) {
      const started = performance.now();
      await sides[name]();
      ms[name].push(performance.now() - started);
    }
  }
  return ms;
}
