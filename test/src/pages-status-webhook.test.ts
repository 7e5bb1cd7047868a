import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { signedInSession } from './support/browser-session';

let companion: Companion;
let session: { cookie: string; csrf: string };
let admin: string;
let targetId: string;

beforeEach(async () => {
  companion = await startCompanion();
  session = await signedInSession(companion);
  admin = await companion.token('default', 'admin');
  const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: 'DC with webhook' } });
  targetId = created.json.id as string;
  // The step shows once there is a Jira to register it in: save a base URL (an approved address, no DNS needed).
  await companion.cli(['network', 'approve', '--workspace', 'default', '--name', 'loopback', '127.0.0.0/24']);
  const saved = await companion.request('POST', `/settings/targets/${targetId}/site`, {
    rawBody: new URLSearchParams({
      _csrf: session.csrf,
      base_url: 'https://127.0.0.1:8443/jira',
      owns_site: 'yes',
      issue_api_reachable: 'yes',
      scan_export_authorized: 'yes',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  });
  expect(saved.status).toBe(303);
});
afterEach(() => companion.stop());

const page = () => companion.request('GET', `/settings/targets/${targetId}`, { headers: { cookie: session.cookie } });
const rotate = (csrf: string) =>
  companion.request('POST', `/settings/targets/${targetId}/status-webhook/secret`, {
    rawBody: new URLSearchParams({ _csrf: csrf }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  });

describe('the status webhook on the Data Center target page', () => {
  it('is not offered before anything is entered', async () => {
    const fresh = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: 'Fresh DC' } });
    const view = await companion.request('GET', `/settings/targets/${fresh.json.id}`, { headers: { cookie: session.cookie } });
    expect(view.text).toContain('Not started.');
    expect(view.text).not.toContain('Status from Jira (webhook)');
  });

  it('shows the URL, generates and rotates the secret behind the CSRF token, and shows the one the API shows', async () => {
    const before = await page();
    expect(before.text).toContain('Status from Jira (webhook)');
    expect(before.text).toContain(`/api/v1/webhooks/jira-data-center/${targetId}`);
    expect(before.text).toContain('not generated yet');

    expect((await rotate('forged')).status).toBe(403);
    expect((await page()).text).toContain('not generated yet');

    const generated = await rotate(session.csrf);
    expect(generated.status).toBe(303);
    expect(generated.headers.get('location')).toBe(`/settings/targets/${targetId}#status-webhook`);
    const api = await companion.request('GET', `/api/v1/targets/${targetId}/status-webhook`, { token: admin });
    const secret = api.json.secret as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await page()).text).toContain(secret);

    await rotate(session.csrf);
    const rotated = (await companion.request('GET', `/api/v1/targets/${targetId}/status-webhook`, { token: admin })).json.secret as string;
    expect(rotated).not.toBe(secret);
    const audit = await companion.request('GET', `/api/v1/targets/${targetId}/audit`, { token: admin });
    expect(JSON.stringify(audit.json)).toContain('status_webhook.secret_rotated');
    expect(JSON.stringify(audit.json)).not.toContain(rotated);
  });

  it('a draft that got a webhook secret can still be deleted, and its secret goes with it', async () => {
    expect((await rotate(session.csrf)).status).toBe(303);
    expect((await companion.request('GET', `/api/v1/targets/${targetId}/status-webhook`, { token: admin })).json.secret).toMatch(/\S{20,}/);
    const deleted = await companion.request('DELETE', `/api/v1/targets/${targetId}/draft`, { token: admin });
    expect(deleted.status, JSON.stringify(deleted.json)).toBe(200);
    expect((await companion.request('GET', `/api/v1/targets/${targetId}/status-webhook`, { token: admin })).status).toBe(404);
  });
});
