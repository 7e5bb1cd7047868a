import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCompanionCli, startCompanionProcess, waitForOk } from './support/processes';

const dataDir = mkdtempSync(join(tmpdir(), 'wro-revocation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('token revocation across processes (the server caches token checks)', () => {
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
});
