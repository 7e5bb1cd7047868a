import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, freePort, runCompanionCli, startCompanionProcess, waitForOk } from './support/processes';

const dataDir = mkdtempSync(join(tmpdir(), 'wro-revocation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('changes made by another process while the server runs (the server caches token checks and target reads)', () => {
  it('a token revoked with the CLI while `npm start` runs is refused on the very next API call', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    const base = `http://127.0.0.1:${port}`;
    const server = startCompanionProcess(env);
    try {
      await waitForOk(`${base}/healthz`, 15_000);
      const admin = (await runCompanionCli(['token', 'create', '--workspace', 'default', '--role', 'admin'], env)).stdout.trim();
      const exporter = (await runCompanionCli(['token', 'create', '--workspace', 'default', '--role', 'export'], env)).stdout.trim();
      expect(exporter).toMatch(/^wro_[a-z0-9]{10}_/);
      const created = await fetch(`${base}/api/v1/targets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: '{"provider_key":"jira_data_center","name":"Revocation"}',
      });
      const { id } = (await created.json()) as { id: string };
      const readiness = () => fetch(`${base}/api/v1/targets/${id}/readiness`, { headers: { authorization: `Bearer ${exporter}` } });

      // Several calls, so the token's check is in the server's cache when the CLI revokes it.
      for (let i = 0; i < 5; i += 1) expect((await readiness()).status).toBe(200);
      const revoked = await runCompanionCli(['token', 'revoke', exporter.split('_').slice(0, 2).join('_')], env);
      expect(revoked.code, revoked.stderr).toBe(0);

      const refused = await readiness();
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      // The admin token, checked and cached before the CLI wrote, still works: only the revoked one is refused.
      expect((await fetch(`${base}/api/v1/targets/${id}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 90_000);

  it('a target changed by another process is read by the very next readiness call', async () => {
    const port = await freePort();
    const targetDir = mkdtempSync(join(tmpdir(), 'wro-target-change-'));
    const env = { DATA_DIR: targetDir, PORT: String(port), HOST: '127.0.0.1' };
    const base = `http://127.0.0.1:${port}`;
    const server = startCompanionProcess(env);
    try {
      await waitForOk(`${base}/healthz`, 15_000);
      const admin = (await runCompanionCli(['token', 'create', '--workspace', 'default', '--role', 'admin'], env)).stdout.trim();
      const exporter = (await runCompanionCli(['token', 'create', '--workspace', 'default', '--role', 'export'], env)).stdout.trim();
      const created = await fetch(`${base}/api/v1/targets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: '{"provider_key":"jira_data_center","name":"Changed elsewhere"}',
      });
      const { id } = (await created.json()) as { id: string };
      const readiness = async () => {
        const response = await fetch(`${base}/api/v1/targets/${id}/readiness`, { headers: { authorization: `Bearer ${exporter}` } });
        return { status: response.status, body: (await response.json()) as { state?: string; error?: { code: string } } };
      };
      // Several calls, so the target is in the server's cache when the other process writes.
      for (let i = 0; i < 5; i += 1) expect((await readiness()).body.state).toBe('draft');

      // Another process writes the SQLite file directly, as the CLI (or an operator's tool) would.
      const write = (sql: string) => {
        const script = `new (require('better-sqlite3'))(process.argv[1]).prepare(process.argv[2]).run(process.argv[3]);`;
        const result = spawnSync(process.execPath, ['-e', script, join(targetDir, 'companion.db'), sql, id], { cwd: REPO_ROOT, encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
      };
      write(`UPDATE targets SET state = 'revoked' WHERE id = ?`);
      expect((await readiness()).body.state).toBe('revoked');
      write(`DELETE FROM targets WHERE id = ?`);
      const gone = await readiness();
      expect(gone.status).toBe(404);
      expect(gone.body.error?.code).toBe('NOT_FOUND');
    } finally {
      await server.stop();
      rmSync(targetDir, { recursive: true, force: true });
    }
  }, 90_000);
});
