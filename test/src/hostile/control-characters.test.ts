import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finding } from '../support/export-fixtures';
import { startRunningCompanion, type RunningCompanion } from './support/running-companion';
import { targetName } from '../support/target-names';

let companion: RunningCompanion;
let admin: string;
let exporter: string;
let dataCenterTarget: string;
let cloudTarget: string;

const HOSTILE = { NUL: '\u0000', 'CR/LF': '\r\nX-Injected: 1', 'U+202E': '\u202E' } as const;
const api = (method: string, path: string, body: unknown, token = admin) =>
  fetch(`${companion.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function expectRefusedNaming(response: Response, field: string) {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; message: string; next_action: string } };
  expect(body.error.code).toBe('VALIDATION_FAILED');
  expect(body.error.message).toContain(field);
  expect(body.error.message).toMatch(/control characters/);
  expect(body.error.next_action).toBeTruthy();
}

beforeAll(async () => {
  companion = await startRunningCompanion();
  admin = await companion.apiToken('admin');
  exporter = await companion.apiToken('export');
  dataCenterTarget = ((await (await api('POST', '/targets', { provider_key: 'jira_data_center', name: targetName() })).json()) as { id: string }).id;
  cloudTarget = ((await (await api('POST', '/targets', { provider_key: 'jira_cloud', auth_method: 'api_token', name: targetName() })).json()) as { id: string })
    .id;
}, 60_000);
afterAll(() => companion?.stop());

describe('control characters and bidirectional overrides are refused in every free-text field, naming it', () => {
  for (const [name, bad] of Object.entries(HOSTILE)) {
    it(`${name} in the API's names, URLs, labels, tokens and finding titles`, async () => {
      await expectRefusedNaming(await api('POST', '/targets', { provider_key: 'jira_data_center', name: `Jira${bad}prod` }), 'name');
      await expectRefusedNaming(await api('PATCH', `/targets/${dataCenterTarget}`, { name: `Jira${bad}prod` }), 'name');
      await expectRefusedNaming(await api('PATCH', `/targets/${dataCenterTarget}`, { base_url: `https://jira${bad}.example.com` }), 'base_url');
      await expectRefusedNaming(await api('PUT', `/targets/${dataCenterTarget}/credentials`, { pat: `abcdefgh${bad}ijkl` }), 'pat');
      await expectRefusedNaming(
        await api('PUT', `/targets/${cloudTarget}/credentials`, {
          site_url: `https://acme${bad}.atlassian.net`,
          email: 'ops@acme.example',
          api_token: 'ATATT3xFfGF0abcdefgh',
        }),
        'site_url',
      );
      await expectRefusedNaming(await api('POST', '/url-checks', { url: `https://jira.example.com/${bad}` }), 'url');
      const issue = { finding: finding('fp-1', { title: `XSS ${bad} on /search` }), mapping: { project_key: 'SEC', issue_type_id: '1' } };
      await expectRefusedNaming(await api('POST', `/targets/${dataCenterTarget}/issues`, issue), 'finding.title');
      await expectRefusedNaming(
        await api('POST', `/targets/${dataCenterTarget}/issues`, { ...issue, finding: finding('fp-1'), mapping: { ...issue.mapping, labels: [`web${bad}`] } }),
        'mapping.labels',
      );
    });

    it(`${name} in the portable export: a finding's title and labels, the issue type and labels of the query`, async () => {
      const portable = (query: string, body: string) =>
        fetch(`${companion.base}/api/v1/exports/portable${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${exporter}`, 'content-type': 'application/x-ndjson' },
          body,
        });
      await expectRefusedNaming(await portable('', `${JSON.stringify(finding('fp-1', { title: `t${bad}` }))}\n`), 'title');
      await expectRefusedNaming(await portable('', `${JSON.stringify(finding('fp-1', { labels: [`l${bad}`] }))}\n`), 'labels');
      await expectRefusedNaming(await portable(`?issue_type=${encodeURIComponent(`Bug${bad}`)}`, `${JSON.stringify(finding('fp-1'))}\n`), 'issue_type');
      await expectRefusedNaming(await portable(`?labels=${encodeURIComponent(`a${bad}b`)}`, `${JSON.stringify(finding('fp-1'))}\n`), 'labels');
    }, 30_000);
  }

  it('evidence and descriptions may hold line breaks and tabs, not NUL or overrides', async () => {
    const portable = (body: string) =>
      fetch(`${companion.base}/api/v1/exports/portable?format=json`, {
        method: 'POST',
        headers: { authorization: `Bearer ${exporter}`, 'content-type': 'application/x-ndjson' },
        body,
      });
    expect((await portable(`${JSON.stringify(finding('fp-ok', { description: 'line 1\r\nline 2\tend', evidence: 'GET /\nHost: x' }))}\n`)).status).toBe(200);
    await expectRefusedNaming(await portable(`${JSON.stringify(finding('fp-nul', { evidence: 'a\u0000b' }))}\n`), 'evidence');
    await expectRefusedNaming(await portable(`${JSON.stringify(finding('fp-rlo', { description: 'a\u202Eb' }))}\n`), 'description');
  }, 30_000);

  it('the setup page refuses an email with a control character, naming it', async () => {
    const [setupUrl] = companion.output().match(/http:\/\/127\.0\.0\.1:\d+\/setup\?token=[A-Za-z0-9_-]+/) ?? [];
    const token = new URL(setupUrl!).searchParams.get('token')!;
    const refused = await fetch(`${companion.base}/setup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: companion.base },
      body: new URLSearchParams({ token, email: 'admin\u202E@example.com', password: 'a long enough password' }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/email must not contain control characters/);
  });

  it('the CLI refuses them in emails, token labels and URLs (exit 1, the field named)', async () => {
    const email = await companion.cli(['user', 'create', '--workspace', 'default', '--email', 'ops\u202E@example.com'], 'a long enough password\n');
    expect(email.code).toBe(1);
    expect(email.stderr).toMatch(/email must not contain control characters/);
    const label = await companion.cli(['token', 'create', '--workspace', 'default', '--role', 'export', '--label', 'nightly\r\nexport']);
    expect(label.code).toBe(1);
    expect(label.stderr).toMatch(/label must not contain control characters/);
    expect(label.stdout).toBe('');
    const url = await companion.cli(['check-url', 'https://jira\t.example.com']);
    expect(url.code).toBe(1);
    expect(url.stderr).toMatch(/URL 1 must not contain control characters/);
  }, 60_000);

  it('/healthz still answers', async () => {
    expect((await fetch(`${companion.base}/healthz`)).status).toBe(200);
  });
});
