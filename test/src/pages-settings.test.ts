import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { signedInSession } from './support/browser-session';
import { nextActionFor } from '@webriskops/shared';
import { targetName } from './support/target-names';

let companion: Companion;
let session: { cookie: string; csrf: string };
let admin: string;

beforeEach(async () => {
  companion = await startCompanion();
  session = await signedInSession(companion);
  admin = await companion.token('default', 'admin');
});
afterEach(() => companion.stop());

const post = (path: string, fields: Record<string, string>, extra: Record<string, string> = {}) =>
  companion.request('POST', path, {
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, ...extra },
  });
const get = (path: string, headers: Record<string, string> = {}) => companion.request('GET', path, { headers: { cookie: session.cookie, ...headers } });
const isHtml = (answer: { headers: Headers }) => (answer.headers.get('content-type') ?? '').startsWith('text/html');

/** A form answer is a 303; the GET it points to, with the flash cookie it set, shows the result (as a browser would). */
async function followed(answer: { status: number; headers: Headers }) {
  expect(answer.status).toBe(303);
  const flash = answer.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => pair.startsWith('wro_flash=') && pair !== 'wro_flash=');
  return get(answer.headers.get('location')!, { cookie: [session.cookie, ...flash].join('; ') });
}

async function apiTarget(body: Record<string, string>) {
  return (await companion.request('POST', '/api/v1/targets', { token: admin, body })).json.id as string;
}

describe('the settings pages: sessions, CSRF and errors as pages', () => {
  it('sends a visitor without a session to sign in (JSON callers get 401)', async () => {
    const page = await companion.request('GET', '/settings/targets/new');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login');
    const json = await companion.request('GET', '/settings/targets/tgt_x/state.json');
    expect(json.status).toBe(401);
    expect(json.json.error.code).toBe('UNAUTHENTICATED');
    const form = await companion.request('POST', '/settings/targets', {
      rawBody: 'provider_key=jira_data_center',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(303);
  });

  it('refuses every state-changing form without the CSRF token, as a page, and changes nothing', async () => {
    const id = await apiTarget({ provider_key: 'jira_data_center', name: targetName() });
    const paths = [
      '/settings/targets',
      ...['site', 'url-check', 'network', 'checks', 'token', 'api-token', 'activate', 'revoke', 'oauth'].map((step) => `/settings/targets/${id}/${step}`),
    ];
    for (const path of paths) {
      const refused = await post(path, { _csrf: 'forged', provider_key: 'jira_data_center', base_url: 'https://jira.example.com', pat: 'x'.repeat(20) });
      expect(refused.status, path).toBe(403);
      expect(isHtml(refused), path).toBe(true);
      expect(refused.text).toContain('FORBIDDEN');
    }
    const targets = (await companion.request('GET', '/api/v1/targets', { token: admin })).json.targets;
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ state: 'draft', base_url: null });
  });

  it('choosing a provider saves nothing; the named first step creates the target', async () => {
    const count = async () => (await companion.request('GET', '/api/v1/targets', { token: admin })).json.targets.length as number;
    const chosen = await post('/settings/targets', { _csrf: session.csrf, provider_key: 'jira_data_center' });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe('/settings/targets/new/data-center');
    const cloud = await post('/settings/targets', { _csrf: session.csrf, provider_key: 'jira_cloud' });
    expect(cloud.headers.get('location')).toBe('/settings/targets/new/cloud');
    expect(await count()).toBe(0);
    expect((await get('/settings/targets/new/data-center')).text).toContain('name="name"');

    const created = await post('/settings/targets', { _csrf: session.csrf, provider_key: 'jira_data_center', name: '  Jira production  ' });
    expect(created.status).toBe(303);
    const id = created.headers.get('location')!.split('/').pop()!;
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json).toMatchObject({
      name: 'Jira production',
      provider_key: 'jira_data_center',
      deployment_mode: 'self-hosted',
      base_url: null,
    });

    const taken = await followed(await post('/settings/targets', { _csrf: session.csrf, provider_key: 'jira_data_center', name: 'Jira production' }));
    expect(taken.status).toBe(200);
    expect(taken.text).toContain('TARGET_NAME_TAKEN');
    expect(taken.text).toContain('value="Jira production"');
    const empty = await followed(await post('/settings/targets', { _csrf: session.csrf, provider_key: 'jira_data_center', name: '   ' }));
    expect(empty.text).toContain('VALIDATION_FAILED');
    const nothing = await followed(await post('/settings/targets', { _csrf: session.csrf }));
    expect(nothing.text).toContain('Choose where your Jira runs first.');
    expect(await count()).toBe(1);
  });

  it('renders refusals as HTML with the code and next action, keeps what was typed and never echoes a secret', async () => {
    const id = await apiTarget({ provider_key: 'jira_data_center', name: targetName() });
    const refused = await followed(
      await post(`/settings/targets/${id}/site`, {
        _csrf: session.csrf,
        base_url: 'https://192.168.1.10/jira',
        owns_site: 'yes',
        issue_api_reachable: 'yes',
        scan_export_authorized: 'yes',
      }),
    );
    expect(refused.status).toBe(200);
    expect(isHtml(refused)).toBe(true);
    expect(refused.text).toContain('PROVIDER_BASE_URL_BLOCKED');
    expect(refused.text).toContain('Next action:');
    expect(refused.text).toContain('value="https://192.168.1.10/jira"');

    const secret = 'super-secret-pat-value-42';
    const early = await followed(await post(`/settings/targets/${id}/token`, { _csrf: session.csrf, pat: secret }));
    expect(isHtml(early)).toBe(true);
    expect(early.text).toContain('PROVIDER_BASE_URL_BLOCKED');
    expect(early.text).not.toContain(secret);

    const cloudToken = await apiTarget({ provider_key: 'jira_cloud', auth_method: 'api_token', name: targetName() });
    const badToken = await followed(
      await post(`/settings/targets/${cloudToken}/api-token`, {
        _csrf: session.csrf,
        site_url: 'https://acme.atlassian.net',
        email: 'not-an-email',
        api_token: secret,
      }),
    );
    expect(badToken.text).toMatch(/VALIDATION_FAILED.*email/s);
    expect(badToken.text).toContain('value="not-an-email"');
    expect(badToken.text).not.toContain(secret);
  });

  it('shows the OAuth button unavailable, and a refused OAuth start is a page keeping the site', async () => {
    const id = await apiTarget({ provider_key: 'jira_cloud', auth_method: 'oauth', name: targetName() });
    const page = await get(`/settings/targets/${id}`);
    expect(page.text).toContain('OAuth is unavailable on this companion');
    expect(page.text).not.toContain('Connect with Atlassian');
    const refused = await followed(await post(`/settings/targets/${id}/oauth`, { _csrf: session.csrf, site_url: 'https://acme.atlassian.net' }));
    expect(isHtml(refused)).toBe(true);
    expect(refused.text).toContain('OAUTH_NOT_CONFIGURED');
    const forge = await followed(await post('/settings/targets', { _csrf: session.csrf, provider_key: 'jira_cloud', auth_method: 'forge_app', name: 'Forge' }));
    expect(isHtml(forge)).toBe(true);
    expect(forge.text).toContain('FORGE_NOT_CONFIGURED');
    expect(forge.text).toContain('value="Forge"');
    expect((await companion.request('GET', '/api/v1/targets', { token: admin })).json.targets).toHaveLength(1);
  });

  it('answers another workspace’s target and unknown pages with an HTML 404', async () => {
    await companion.cli(['workspace', 'create', 'other']);
    const otherAdmin = await companion.token('other', 'admin');
    const foreign = (await companion.request('POST', '/api/v1/targets', { token: otherAdmin, body: { provider_key: 'jira_data_center', name: targetName() } }))
      .json.id as string;
    for (const path of [`/settings/targets/${foreign}`, `/settings/targets/${foreign}/audit`, `/settings/targets/${foreign}/revoke`, '/settings/nowhere']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(isHtml(answer), path).toBe(true);
    }
    expect((await get(`/settings/targets/${foreign}/state.json`)).json.error.code).toBe('NOT_FOUND');
    expect((await post(`/settings/targets/${foreign}/revoke`, { _csrf: session.csrf })).status).toBe(404);
    expect((await companion.request('GET', `/api/v1/targets/${foreign}`, { token: otherAdmin })).json.state).toBe('draft');
  });

  it('the polled state is small JSON from the readiness rule', async () => {
    const id = await apiTarget({ provider_key: 'jira_data_center', name: targetName() });
    const state = await get(`/settings/targets/${id}/state.json`);
    expect(state.json).toMatchObject({
      id,
      state: 'draft',
      ready: false,
      code: 'PROVIDER_BASE_URL_BLOCKED',
      connected: false,
      token_step_open: false,
      save_open: false,
    });
    expect(state.json.checks.map((check: { name: string }) => check.name)).toEqual(['url', 'ownership', 'network', 'auth', 'scope']);
  });

  it('a new target is "not started": no code, no red, and the first action of its own provider and auth method', async () => {
    const cases: { body: Record<string, string>; action: string }[] = [
      {
        body: { name: 'DC', provider_key: 'jira_data_center' },
        action: nextActionFor({ provider_key: 'jira_data_center', auth_method: 'pat', base_url: null }, 'url', 'PROVIDER_BASE_URL_BLOCKED'),
      },
      {
        body: { name: 'Cloud token', provider_key: 'jira_cloud', auth_method: 'api_token' },
        action: nextActionFor({ provider_key: 'jira_cloud', auth_method: 'api_token', base_url: null }, 'ownership', 'PROVIDER_AUTH_REQUIRED'),
      },
    ];
    for (const { body, action } of cases) {
      const page = await get(`/settings/targets/${await apiTarget(body)}`);
      const banner = /<div id="readiness"[^]*?<\/div><\/div>/.exec(page.text)![0];
      expect(banner).toContain('Not started.');
      expect(banner).toContain(action.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
      expect(page.text).not.toMatch(/PROVIDER_[A-Z_]+/);
      expect(page.text).not.toMatch(/class="notice (blocked|error)"/);
      expect(page.text).toContain('<span class="badge not_started">not started</span>');
    }
    expect(cases[1]!.action).not.toMatch(/self-hosted|Personal Access Token|egress/);
  });

  it('an IP-address base URL: the site step says DNS ownership needs a host name, and no TXT record is asked for', async () => {
    await companion.cli(['network', 'approve', '--workspace', 'default', '--name', 'loopback', '127.0.0.0/24']);
    const id = await apiTarget({ name: 'By address', provider_key: 'jira_data_center' });
    const saved = await post(`/settings/targets/${id}/site`, {
      _csrf: session.csrf,
      base_url: 'https://127.0.0.1:8443/jira',
      owns_site: 'yes',
      issue_api_reachable: 'yes',
      scan_export_authorized: 'yes',
    });
    expect(saved.status, saved.text).toBe(303);
    expect((await companion.request('GET', `/api/v1/targets/${id}`, { token: admin })).json.ownership.dns_challenge).toBeNull();
    const page = await get(`/settings/targets/${id}`);
    expect(page.text).toContain('127.0.0.1 is an IP address.');
    expect(page.text).toContain('DNS ownership needs a host name');
    expect(page.text).not.toContain('_webriskops-challenge.127.0.0.1');
    expect(page.text).not.toContain('id="txt-name"');
    expect(page.text).toContain('Confirmed by admin@example.com');
    expect(page.text).not.toContain('user:admin@example.com');
    const readiness = (await companion.request('GET', `/api/v1/targets/${id}/readiness`, { token: admin })).json;
    expect(readiness).toMatchObject({ check: 'ownership', next_action: expect.stringMatching(/^DNS ownership needs a host name/) });
  });

  it('escapes what tenants typed', async () => {
    const id = await apiTarget({ provider_key: 'jira_data_center', name: targetName() });
    await companion.request('PATCH', `/api/v1/targets/${id}`, { token: admin, body: { name: '<img src=x onerror=alert(1)>' } });
    for (const path of ['/settings', `/settings/targets/${id}`, `/settings/targets/${id}/audit`]) {
      const page = await get(path);
      expect(page.text).not.toContain('<img src=x');
      expect(page.text).toContain('&lt;img src=x');
    }
  });

  it('keeps each page with its stylesheet and script under 100 KB, every script external with the CSP nonce', async () => {
    const id = await apiTarget({ provider_key: 'jira_data_center', name: targetName() });
    const css = await companion.request('GET', '/assets/app.css');
    const js = await companion.request('GET', '/assets/settings.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const path of [
      '/settings',
      '/settings/targets/new',
      '/settings/targets/new/cloud',
      `/settings/targets/${id}`,
      `/settings/targets/${id}/revoke`,
      `/settings/targets/${id}/audit`,
      '/settings/portable-fallback',
      '/login',
    ]) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      const bytes = new TextEncoder().encode(page.text + css.text + js.text).length;
      expect(bytes, path).toBeLessThan(100 * 1024);
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
      for (const tag of page.text.match(/<script[^>]*>/g) ?? []) {
        expect(tag).toContain(`nonce="${nonce}"`);
        expect(tag).toMatch(/src="\/assets\//);
      }
      expect(page.text).not.toMatch(/<script[^>]*>[^<]/);
      expect(page.text).not.toMatch(/ style=| on[a-z]+=/);
    }
  });
});
