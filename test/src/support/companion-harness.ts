import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@webriskops/server';
import { createNodeDeps } from '@webriskops/server/node';
import { parseConfig } from '@webriskops/server/config';
import { createJsonLogger } from '@webriskops/server/logger';
import { runCli } from '@webriskops/server/cli';

/**
 * A companion on a real SQLite file in a fresh DATA_DIR, driven in-process through its fetch
 * handler. Captures every log line and every response body so tests can search them.
 */
export async function startCompanion(options: { dataDir?: string; env?: Record<string, string>; traceSql?: boolean } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wro-test-'));
  const logLines: string[] = [];
  /** With `traceSql`, every SQL statement SQLite executed, in order (tests count reads with it; it slows every query). */
  const statements: string[] = [];
  const responses: string[] = [];
  // DNS goes to a closed loopback port unless a test names its DNS server: nothing leaves loopback.
  const config = parseConfig({ DATA_DIR: dataDir, DNS_SERVERS: '127.0.0.1:9', ...options.env });
  const { deps, close } = await createNodeDeps(
    config,
    createJsonLogger((line) => logLines.push(line), 'debug'),
    options.traceSql ? { traceSql: (sql) => statements.push(sql) } : {},
  );
  const app = createApp(deps);

  async function request(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; chunked?: boolean } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const payload = body !== undefined && init.chunked ? { body: new Blob([body]).stream(), duplex: 'half' } : body !== undefined ? { body } : {};
    const response = await app.request(path, { method, headers, ...payload } as RequestInit);
    const text = await response.text();
    responses.push(text);
    return { status: response.status, headers: response.headers, text, json: parseJsonOrNull(text) };
  }

  async function cli(argv: string[], stdin = '') {
    let stdout = '';
    let stderr = '';
    const code = await runCli(deps, argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => stdin });
    return { code, stdout, stderr };
  }

  async function token(workspace: string, role: 'admin' | 'export') {
    const result = await cli(['token', 'create', '--workspace', workspace, '--role', role]);
    if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  return {
    app,
    deps,
    dataDir,
    logLines,
    responses,
    statements,
    request,
    cli,
    token,
    /** Closes the database; `removeData` also deletes DATA_DIR. */
    stop(removeData = true) {
      close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Companion = Awaited<ReturnType<typeof startCompanion>>;

// Tests read answers loosely and assert their shape; `any` keeps those assertions short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

/** A JSON body as tests read it (null when the body is not JSON). */
export function parseJsonOrNull(text: string): LooseJson {
  try {
    return JSON.parse(text) as LooseJson;
  } catch {
    return null as unknown as LooseJson;
  }
}
