import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingListener, type RecordingListener } from '../support/recording-listener';
import { startAccessCompanion, startRefusedCompanion, tempDataDir, type RunningAccessCompanion } from './support/access-world';
import { targetName } from '../support/target-names';

const dirs: Array<{ remove(): void }> = [];
let companion: RunningAccessCompanion;
let listener: RecordingListener;
let adminToken: string;

/** 127.0.0.2 in the notations WHATWG URL normalises: hex, one decimal number, short and octal forms. */
const notations = (port: number) => [
  `https://0x7f.0.0.2:${port}`,
  `https://2130706434:${port}`,
  `https://127.2:${port}`,
  `https://0177.0.0.2:${port}`,
  `https://0x7F000002:${port}`,
];

beforeAll(async () => {
  listener = await startRecordingListener({ host: '127.0.0.2' });
  const dir = tempDataDir();
  dirs.push(dir);
  companion = await startAccessCompanion(dir.path);
  adminToken = (await companion.cli(['token', 'create', '--workspace', 'default', '--role', 'admin'])).stdout.trim();
  // The listener's address is approved: on the old code the normalised URL passed and a request went out.
  expect((await companion.cli(['network', 'approve', '--workspace', 'default', '--name', 'lab', '127.0.0.2'])).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await companion?.stop();
  await listener?.close();
  dirs.forEach((dir) => dir.remove());
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${companion.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('hostile: URL rules judge what was typed (npm start, real process)', () => {
  it('a Jira Cloud site_url in IPv4 notation is refused before any request is made', async () => {
    const created = (await (await api('POST', '/targets', { provider_key: 'jira_cloud', auth_method: 'api_token', name: targetName() })).json()) as {
      id: string;
    };
    for (const siteUrl of notations(listener.port)) {
      const response = await api('PUT', `/targets/${created.id}/credentials`, {
        site_url: siteUrl,
        email: 'admin@acme.example',
        api_token: 'an-api-token-long-enough',
      });
      const body = (await response.json()) as { error: { code: string; message: string; next_action: string } };
      expect(response.status, siteUrl).toBe(409);
      expect(body.error.code).toBe('PROVIDER_BASE_URL_BLOCKED');
      expect(body.error.message).toMatch(/non-standard notation/);
      expect(body.error.next_action).toBeTruthy();
    }
    expect(listener.connections, 'no connection reached the approved address').toBe(0);
    const target = (await (await api('GET', `/targets/${created.id}`)).json()) as { base_url: string | null; credential: unknown };
    expect(target).toMatchObject({ base_url: null, credential: null });
  }, 30_000);

  it('the same notations are refused by the url-checks API, a Data Center base URL and the CLI check-url', async () => {
    const dc = (await (await api('POST', '/targets', { provider_key: 'jira_data_center', name: targetName() })).json()) as { id: string };
    for (const url of notations(listener.port)) {
      const verdict = (await (await api('POST', '/url-checks', { url })).json()) as { allowed: boolean; rule: string };
      expect(verdict, url).toMatchObject({ allowed: false, rule: 'notation' });
      const patched = await api('PATCH', `/targets/${dc.id}`, {
        attestations: { owns_site: true, issue_api_reachable: true, scan_export_authorized: true },
        base_url: url,
      });
      expect(patched.status, url).toBe(409);
    }
    const cli = await companion.cli(['check-url', '--workspace', 'default'], `${notations(listener.port).join('\n')}\n`);
    expect(cli.code).toBe(1);
    expect(
      cli.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { rule: string }).rule),
    ).toEqual(notations(0).map(() => 'notation'));
    expect(listener.connections).toBe(0);
    // The canonical spelling of the same approved address is allowed: the rule is about notation.
    const canonical = (await (await api('POST', '/url-checks', { url: `https://127.0.0.2:${listener.port}` })).json()) as { allowed: boolean };
    expect(canonical.allowed).toBe(true);
  }, 60_000);

  it('approved network entries and configured URLs in IPv4 notation are refused (CLI exit 1, server does not start)', async () => {
    const approve = await companion.cli(['network', 'approve', '--workspace', 'default', '--name', 'hex', '0x7f.0.0.2', '2130706434']);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/0x7f\.0\.0\.2 is not in the allowlist grammar/);
    const dir = tempDataDir();
    dirs.push(dir);
    const refused = await startRefusedCompanion(dir.path, { ATLASSIAN_API_URL: `https://0x7f.0.0.2:${listener.port}`, PUBLIC_URL: 'https://2130706434:8443' });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/ATLASSIAN_API_URL must be an absolute https URL .*non-standard notation/);
    expect(refused.output).toMatch(/PUBLIC_URL .*non-standard notation/);
    expect(listener.connections).toBe(0);
  }, 60_000);
});
