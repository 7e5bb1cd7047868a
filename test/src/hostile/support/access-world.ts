import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runCompanionCli, startCompanionProcess, waitForOk } from '../../support/processes';

/** The real companion as the README starts it (`npm start`), on a free loopback port and its own DATA_DIR. */
export interface RunningAccessCompanion {
  base: string;
  port: number;
  env: Record<string, string>;
  /** Everything the process printed so far. */
  output(): string;
  /** The setup link this start printed (null once the workspace has an admin). */
  setupLink(): Promise<string | null>;
  cli(args: string[], stdin?: string): ReturnType<typeof runCompanionCli>;
  stop(): Promise<number | null>;
}

/** A DATA_DIR that outlives restarts within a test file; `remove` deletes it. */
export function tempDataDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'wro-hostile-access-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

const SETUP_LINK = /http:\/\/\S+\/setup\?token=[A-Za-z0-9_-]{43}/;

/** Starts `npm start` with `env` on top of a loopback HOST, a free PORT and `dataDir`; waits for /healthz. */
export async function startAccessCompanion(dataDir: string, env: Record<string, string> = {}): Promise<RunningAccessCompanion> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // DNS goes to a closed loopback port unless a test names its own server: nothing leaves loopback.
  const fullEnv = { HOST: '127.0.0.1', DNS_SERVERS: '127.0.0.1:9', RECHECK_INTERVAL_MINUTES: '0', ...env, DATA_DIR: dataDir, PORT: String(port) };
  const process = startCompanionProcess(fullEnv);
  const base = `http://${fullEnv.HOST.includes(':') ? `[${fullEnv.HOST}]` : fullEnv.HOST}:${port}`;
  try {
    await waitForOk(`${base}/healthz`, 20_000);
  } catch (error) {
    await process.stop();
    throw new Error(`${(error as Error).message}\n${process.output()}`, { cause: error });
  }
  return {
    base,
    port,
    env: fullEnv,
    output: process.output,
    async setupLink() {
      try {
        return (await process.waitFor(SETUP_LINK, 3_000))[0]!;
      } catch {
        return null;
      }
    },
    cli: (args, stdin = '') => runCompanionCli(args, fullEnv, stdin),
    stop: process.stop,
  };
}

/** Starts `npm start` expecting it to refuse; resolves with its exit code and output. */
export async function startRefusedCompanion(dataDir: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const process = startCompanionProcess({ HOST: '127.0.0.1', DNS_SERVERS: '127.0.0.1:9', ...env, DATA_DIR: dataDir, PORT: String(port) });
  const deadline = Date.now() + 20_000;
  while (process.child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const code = await process.stop();
  return { code, output: process.output() };
}

/** A URL-encoded form body with its content type. */
export function formBody(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** One HTTP answer with the time it took. */
export interface TimedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  ms: number;
}

/**
 * A POST over node:http from a chosen loopback source address (`localAddress`, e.g. 127.0.0.2 as a
 * second client), so the companion sees a different socket peer.
 */
export function postFrom(url: string, body: string, headers: Record<string, string>, localAddress?: string): Promise<TimedAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, ...(localAddress ? { localAddress } : {}) },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text, ms: performance.now() - started }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * One sign-in as a script does it: its own login-CSRF pair (any equal cookie and field pass the
 * double-submit check), straight to POST /login.
 */
export function signInAttempt(
  base: string,
  email: string,
  password: string,
  options: { localAddress?: string; forwardedFor?: string } = {},
): Promise<TimedAnswer> {
  const csrf = `script-${Math.random().toString(36).slice(2)}`;
  const { body, headers } = formBody({ email, password, _csrf: csrf });
  return postFrom(
    `${base}/login`,
    body,
    { ...headers, cookie: `wro_login_csrf=${csrf}`, ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}) },
    options.localAddress,
  );
}
