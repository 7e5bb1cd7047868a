import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runCompanionCli, startCompanionProcess, waitForOk } from '../../support/processes';

/** The companion started as the README says (`npm start`), on a free loopback port with its own DATA_DIR. */
export interface RunningCompanion {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  /** The environment it runs with: pass it to `cli` so the CLI opens the same DATA_DIR. */
  env: Record<string, string>;
  /** The node process serving HTTP (not npm's): its resident memory is what an attack grows. */
  serverPid: number;
  /** Everything printed on stdout and stderr so far. */
  output(): string;
  /** `npm run companion -- …` against the same DATA_DIR. */
  cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }>;
  /** A fresh API token of workspace `default`. */
  apiToken(role: 'admin' | 'export'): Promise<string>;
  /** Stops the server (SIGTERM) and removes its DATA_DIR. */
  stop(): Promise<void>;
}

/** Resident memory (VmRSS) of a process in bytes, read from /proc. */
export function residentBytes(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB$/m);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** The serving process's id, from its own "companion listening" log line (npm runs it as a child). */
async function serverPidFrom(started: ReturnType<typeof startCompanionProcess>): Promise<number> {
  const [, pid] = await started.waitFor(/"message":"companion listening"[^\n]*"pid":(\d+)/, 5_000);
  return Number(pid);
}

/**
 * Starts `npm start` with a temporary DATA_DIR on a free 127.0.0.1 port, waits for /healthz and
 * finds the serving node process. `env` adds or overrides settings (timeouts, limits, ...).
 */
export async function startRunningCompanion(env: Record<string, string> = {}): Promise<RunningCompanion> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wro-hostile-'));
  const fullEnv = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', RECHECK_INTERVAL_MINUTES: '0', ...env };
  const process = startCompanionProcess(fullEnv);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${base}/healthz`, 20_000);
  } catch (error) {
    await process.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${process.output()}`, { cause: error });
  }
  const serverPid = await serverPidFrom(process);
  const cli = (args: string[], stdin = '') => runCompanionCli(args, fullEnv, stdin);
  return {
    base,
    port,
    env: fullEnv,
    serverPid,
    output: process.output,
    cli,
    async apiToken(role) {
      const result = await cli(['token', 'create', '--workspace', 'default', '--role', role]);
      if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`);
      return result.stdout.trim();
    },
    async stop() {
      await process.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in admin's browser: the session cookie and the CSRF token its forms carry. */
export interface AdminBrowser {
  cookie: string;
  csrfToken: string;
}

const cookieValue = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((line) => line.match(new RegExp(`^${name}=([^;]*)`))?.[1])
    .find((value) => value !== undefined && value !== '') ?? null;

/** Creates an admin with the CLI and signs in through /login as a browser would. */
export async function signInAdmin(companion: RunningCompanion, email: string, password = 'a long hostile-test password'): Promise<AdminBrowser> {
  const created = await companion.cli(['user', 'create', '--workspace', 'default', '--email', email], `${password}\n`);
  if (created.code !== 0) throw new Error(`user create failed: ${created.stderr}`);
  const loginPage = await fetch(`${companion.base}/login`);
  const loginCsrf = cookieValue(loginPage, 'wro_login_csrf') ?? '';
  const signedIn = await fetch(`${companion.base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wro_login_csrf=${loginCsrf}` },
    body: new URLSearchParams({ email, password, _csrf: loginCsrf }).toString(),
  });
  const session = cookieValue(signedIn, 'wro_session');
  if (signedIn.status !== 303 || !session) throw new Error(`sign-in failed with ${signedIn.status}`);
  const cookie = `wro_session=${session}`;
  const settings = await (await fetch(`${companion.base}/settings`, { headers: { cookie } })).text();
  const csrfToken = settings.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrfToken) throw new Error('no CSRF token on /settings');
  return { cookie, csrfToken };
}
