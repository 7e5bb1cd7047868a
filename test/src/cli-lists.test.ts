import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCompanionCli } from './support/processes';
import { startCompanion } from './support/companion-harness';

const dataDir = mkdtempSync(join(tmpdir(), 'wro-cli-lists-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir };
const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the CLI lists tokens, users and workspaces (npm run companion)', () => {
  it('without arguments prints the usage on stderr and exits 2; help prints it on stdout and exits 0', async () => {
    const bare = await runCompanionCli([], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/Usage: npm run companion/);
    expect(bare.stderr).toMatch(/token list \[--workspace W\]/);
    expect(bare.stdout).toBe('');
    const help = await runCompanionCli(['help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run companion[\s\S]*workspace list[\s\S]*user list/);
  }, 60_000);

  it('token list shows prefix, role, label, created, last used and revoked of each token, never the token', async () => {
    expect((await runCompanionCli(['workspace', 'create', 'acme'], env)).code).toBe(0);
    expect((await runCompanionCli(['workspace', 'create', 'beta'], env)).code).toBe(0);
    expect((await runCompanionCli(['user', 'create', '--workspace', 'acme', '--email', 'Ops@Acme.example'], env, 'a sufficiently long password\n')).code).toBe(
      0,
    );
    const exporter = await runCompanionCli(['token', 'create', '--workspace', 'acme', '--role', 'export', '--label', 'nightly export'], env);
    const admin = await runCompanionCli(['token', 'create', '--workspace', 'beta', '--role', 'admin'], env);
    const exportToken = exporter.stdout.trim();
    const exportPrefix = exportToken.slice(0, 14);
    const adminPrefix = admin.stdout.trim().slice(0, 14);

    // Use the export token once through the API (in-process server on the same DATA_DIR): last used is recorded.
    const companion = await startCompanion({ dataDir });
    try {
      expect((await companion.request('GET', '/api/v1/targets', { token: exportToken })).status).toBe(200);
    } finally {
      companion.stop(false);
    }
    expect((await runCompanionCli(['token', 'revoke', adminPrefix], env)).code).toBe(0);

    const all = await runCompanionCli(['token', 'list'], env);
    expect(all.code).toBe(0);
    expect(all.stdout).not.toContain(exportToken);
    expect(all.stdout).not.toMatch(/wro_[a-z0-9]{10}_/);
    expect(all.stdout).not.toMatch(/hash/i);
    const rows = jsonLines(all.stdout);
    expect(rows).toEqual([
      {
        workspace: 'acme',
        prefix: exportPrefix,
        role: 'export',
        label: 'nightly export',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        last_used_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        revoked_at: null,
      },
      {
        workspace: 'beta',
        prefix: adminPrefix,
        role: 'admin',
        label: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        last_used_at: null,
        revoked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    const beta = jsonLines((await runCompanionCli(['token', 'list', '--workspace', 'beta'], env)).stdout);
    expect(beta.map((row) => row.prefix)).toEqual([adminPrefix]);

    const users = await runCompanionCli(['user', 'list'], env);
    expect(users.code).toBe(0);
    expect(users.stdout).not.toMatch(/pbkdf2|password/i);
    expect(jsonLines(users.stdout)).toEqual([{ workspace: 'acme', email: 'ops@acme.example', role: 'admin', created_at: expect.any(String) }]);
    expect(jsonLines((await runCompanionCli(['user', 'list', '--workspace', 'beta'], env)).stdout)).toEqual([]);

    const workspaces = await runCompanionCli(['workspace', 'list'], env);
    expect(workspaces.code).toBe(0);
    expect(jsonLines(workspaces.stdout).map((row) => row.name)).toEqual(expect.arrayContaining(['acme', 'beta']));

    const unknown = await runCompanionCli(['token', 'list', '--workspace', 'nowhere'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Workspace "nowhere" does not exist/);
    const extra = await runCompanionCli(['user', 'list', 'surplus'], env);
    expect(extra.code).toBe(2);
  }, 120_000);
});
