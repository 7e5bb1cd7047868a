import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, freePort, runCompanionCli, startCompanionProcess, waitForOk } from './support/processes';
import { targetName } from './support/target-names';

const dataDir = mkdtempSync(join(tmpdir(), 'wro-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the companion as an operator runs it (npm start, npm run companion)', () => {
  it('starts on an empty DATA_DIR, prints the setup URL, serves the API and keeps data across a restart', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    const base = `http://127.0.0.1:${port}`;

    const first = startCompanionProcess(env);
    const elapsed = await waitForOk(`${base}/healthz`, 10_000);
    expect(elapsed).toBeLessThan(10_000);
    const [setupUrl] = await first.waitFor(/http:\/\/127\.0\.0\.1:\d+\/setup\?token=[A-Za-z0-9_-]{43}/, 5_000);
    expect((await fetch(setupUrl!)).status).toBe(200);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(first.output()).toMatch(/back up this file/);

    const adminToken = await runCompanionCli(['token', 'create', '--workspace', 'default', '--role', 'admin'], env);
    expect(adminToken.code).toBe(0);
    expect(adminToken.stdout).toMatch(/^wro_[a-z0-9]{10}_[A-Za-z0-9_-]{43}\n$/);
    const token = adminToken.stdout.trim();

    const created = await fetch(`${base}/api/v1/targets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider_key: 'jira_data_center', name: targetName() }),
    });
    expect(created.status).toBe(201);
    const target = (await created.json()) as { id: string; deployment_mode: string; state: string };
    expect(target).toMatchObject({ deployment_mode: 'self-hosted', state: 'draft' });

    const readiness = (await (
      await fetch(`${base}/api/v1/targets/${target.id}/readiness`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Record<string, unknown>;
    expect(readiness).toMatchObject({ ready: false, code: 'PROVIDER_BASE_URL_BLOCKED' });
    expect(readiness.next_action).toBeTruthy();

    expect((await runCompanionCli(['workspace', 'create', 'tenant-b'], env)).code).toBe(0);
    const otherToken = (await runCompanionCli(['token', 'create', '--workspace', 'tenant-b', '--role', 'admin'], env)).stdout.trim();
    expect((await fetch(`${base}/api/v1/targets/${target.id}`, { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(404);

    const exportToken = (await runCompanionCli(['token', 'create', '--workspace', 'default', '--role', 'export'], env)).stdout.trim();
    const forbidden = await fetch(`${base}/api/v1/targets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${exportToken}`, 'content-type': 'application/json' },
      body: '{"provider_key":"jira_cloud"}',
    });
    expect(forbidden.status).toBe(403);

    await first.stop();
    expect(first.output()).toMatch(/"message":"shutting down","signal":"SIGTERM"/);
    expect(existsSync(join(dataDir, 'companion.db-wal')), 'a graceful shutdown checkpoints and removes the WAL').toBe(false);

    const second = startCompanionProcess(env);
    await waitForOk(`${base}/healthz`, 10_000);
    const again = await fetch(`${base}/api/v1/targets/${target.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(target.id);
    await second.stop();
    expect(second.output()).toMatch(/shutting down/);
  }, 60_000);

  it('npm start and npm run companion share a relative DATA_DIR, as the README runs them', async () => {
    const relative = `.wro-test-data-${process.pid}-${Date.now()}`;
    const port = await freePort();
    const env = { DATA_DIR: relative, PORT: String(port) };
    const server = startCompanionProcess(env);
    try {
      await waitForOk(`http://127.0.0.1:${port}/healthz`, 10_000);
      const token = (await runCompanionCli(['token', 'create', '--workspace', 'default', '--role', 'admin'], env)).stdout.trim();
      expect(token).toMatch(/^wro_/);
      const created = await fetch(`http://127.0.0.1:${port}/api/v1/targets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"provider_key":"jira_data_center","name":"Relative data dir"}',
      });
      expect(created.status).toBe(201);
      expect(existsSync(join(REPO_ROOT, relative, 'companion.db'))).toBe(true);
      expect(existsSync(join(REPO_ROOT, 'server', relative))).toBe(false);
    } finally {
      await server.stop();
      rmSync(join(REPO_ROOT, relative), { recursive: true, force: true });
      rmSync(join(REPO_ROOT, 'server', relative), { recursive: true, force: true });
    }
  }, 60_000);

  it('CLI bad arguments print usage and exit 2', async () => {
    const env = { DATA_DIR: dataDir };
    for (const args of [
      ['token', 'create', '--workspace', 'default'],
      ['token', 'create', '--role', 'owner', '--workspace', 'default'],
      ['nonsense'],
      ['workspace', 'create'],
      ['token', 'revoke', 'not-a-prefix'],
      ['user', 'create', '--email'],
    ]) {
      const result = await runCompanionCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/Usage: npm run companion/);
      expect(result.stdout).toBe('');
    }
  }, 60_000);

  it('user create reads the password from stdin and the bad config is reported all at once', async () => {
    const env = { DATA_DIR: dataDir };
    const created = await runCompanionCli(['user', 'create', '--workspace', 'default', '--email', 'ops@example.com'], env, 'a sufficiently long password\n');
    expect(created.code).toBe(0);
    expect(created.stderr + created.stdout).not.toContain('sufficiently long');
    const weak = await runCompanionCli(['user', 'create', '--workspace', 'default', '--email', 'ops2@example.com'], env, 'short\n');
    expect(weak.code).toBe(1);
    const badConfig = await runCompanionCli(['workspace', 'create', 'x'], { DATA_DIR: dataDir, PORT: 'abc', LOG_LEVEL: 'shout' });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/PORT[\s\S]*LOG_LEVEL/);
  }, 60_000);
});
