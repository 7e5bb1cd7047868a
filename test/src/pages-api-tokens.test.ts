import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '@webriskops/server/schema';
import { startCompanion, type Companion } from './support/companion-harness';
import { signedInSession } from './support/browser-session';

let companion: Companion;
let session: { cookie: string; csrf: string };

beforeEach(async () => {
  companion = await startCompanion();
  session = await signedInSession(companion);
});
afterEach(() => companion.stop());

const TOKEN = /wro_[a-z0-9]{10}_[A-Za-z0-9_-]{43}/;
const get = (path: string, cookie = session.cookie) => companion.request('GET', path, { headers: { cookie } });
const post = (path: string, fields: Record<string, string>) =>
  companion.request('POST', path, {
    rawBody: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  });
/** The flash cookie a create answer sets, as a request Cookie header with the session. */
function withFlash(answer: { headers: Headers }): string {
  const flash = answer.headers
    .getSetCookie()
    .map((cookie) => /^(wro_token_flash=[^;]+)/.exec(cookie)?.[1])
    .find(Boolean);
  if (!flash) throw new Error('no token flash cookie');
  return `${session.cookie}; ${flash}`;
}
/** A second session of the same admin, signed in through the sign-in form. */
async function secondSession(): Promise<string> {
  const login = await companion.request('GET', '/login');
  const csrfCookie = /^(wro_login_csrf=[^;]+)/.exec(login.headers.getSetCookie().find((c) => c.startsWith('wro_login_csrf=')) ?? '')?.[1] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1] ?? '';
  const signedIn = await companion.request('POST', '/login', {
    rawBody: new URLSearchParams({ _csrf: csrf, email: 'admin@example.com', password: 'correct horse battery staple' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
  });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => /^(wro_session=[^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (!cookie) throw new Error(`sign-in failed: ${signedIn.status}`);
  return cookie;
}
const tokenRows = (html: string) => [...html.matchAll(/<tr><td><code>(wro_[a-z0-9]{10})<\/code>/g)].map((match) => match[1]);

describe('the API tokens page (admins)', () => {
  it('is linked from every signed-in page and lists nothing at first', async () => {
    expect((await get('/settings')).text).toContain('href="/settings/api-tokens"');
    const page = await get('/settings/api-tokens');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No token yet');
    const anonymous = await companion.request('GET', '/settings/api-tokens');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login');
  });

  it('creates a token, shows it once after the redirect, and a reload neither shows it again nor creates another', async () => {
    const created = await post('/settings/api-tokens', { role: 'export', label: 'nightly export' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/settings/api-tokens');
    expect(created.text).not.toMatch(TOKEN);
    expect(created.headers.get('location')).not.toMatch(TOKEN);
    const setCookie = created.headers.getSetCookie().join('; ');
    expect(setCookie).toMatch(/wro_token_flash=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(TOKEN);

    const shown = await get('/settings/api-tokens', withFlash(created));
    const token = TOKEN.exec(shown.text)?.[0];
    expect(token).toBeDefined();
    expect(shown.text).toContain('data-copy="new-token"');
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.headers.getSetCookie().join('; ')).toMatch(/wro_token_flash=;/);
    expect(tokenRows(shown.text)).toEqual([token!.slice(0, 14)]);
    expect(shown.text).toContain('nightly export');
    // The token works for the API, as an export token.
    const listed = await companion.request('GET', '/api/v1/targets', { token: token! });
    expect(listed.status).toBe(200);
    expect((await companion.request('POST', '/api/v1/targets', { token: token!, body: { provider_key: 'jira_data_center', name: 'x' } })).status).toBe(403);

    const reloaded = await get('/settings/api-tokens');
    expect(reloaded.text).not.toMatch(TOKEN);
    expect(tokenRows(reloaded.text)).toEqual([token!.slice(0, 14)]);
    // Last used is shown once the API saw the token.
    expect(reloaded.text).not.toContain('>Never<');

    // The same admin signed in elsewhere (another session) cannot open this session's flash.
    const other = await secondSession();
    const replayed = await get('/settings/api-tokens', `${other}; ${withFlash(created).split('; ')[1]}`);
    expect(replayed.status).toBe(200);
    expect(replayed.text).not.toMatch(TOKEN);
  });

  it('refuses a bad role or label with the code and next action, keeping the label, and creates nothing', async () => {
    const badRole = await post('/settings/api-tokens', { role: 'owner', label: 'keep me' });
    expect(badRole.status).toBe(400);
    expect(badRole.text).toContain('VALIDATION_FAILED');
    expect(badRole.text).toContain('value="keep me"');
    const badLabel = await post('/settings/api-tokens', { role: 'admin', label: 'x'.repeat(121) });
    expect(badLabel.status).toBe(400);
    expect(badLabel.text).toContain('Next action');
    expect(tokenRows((await get('/settings/api-tokens')).text)).toEqual([]);
  });

  it('revokes after a confirmation, audited like the CLI with the admin as actor and no secret, and a repeated revoke changes nothing', async () => {
    const created = await post('/settings/api-tokens', { role: 'admin' });
    const token = TOKEN.exec((await get('/settings/api-tokens', withFlash(created))).text)![0];
    const prefix = token.slice(0, 14);
    const confirm = await get(`/settings/api-tokens/${prefix}/revoke`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(`Revoke token ${prefix}?`);
    expect(confirm.text).toContain(`action="/settings/api-tokens/${prefix}/revoke"`);

    const revoked = await post(`/settings/api-tokens/${prefix}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe(`/settings/api-tokens?revoked=${prefix}`);
    expect((await companion.request('GET', '/api/v1/targets', { token })).status).toBe(401);
    const after = await get(revoked.headers.get('location')!);
    expect(after.text).toContain(`Token ${prefix} is revoked`);
    expect(after.text).not.toContain(`/settings/api-tokens/${prefix}/revoke`);

    const again = await post(`/settings/api-tokens/${prefix}/revoke`, {});
    expect(again.status).toBe(303);
    const audit = (await companion.deps.store.db.select().from(auditEvents)).filter((event) => event.action.startsWith('token.'));
    expect(audit.map((event) => [event.action, event.actor])).toEqual([
      ['token.created', 'user:admin@example.com'],
      ['token.revoked', 'user:admin@example.com'],
    ]);
    const everything = JSON.stringify(audit) + companion.logLines.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(15));
  });

  it('a token of another workspace is not found here and cannot be revoked from this session', async () => {
    await companion.cli(['workspace', 'create', 'other']);
    const foreign = await companion.token('other', 'export');
    const prefix = foreign.slice(0, 14);
    expect((await get(`/settings/api-tokens/${prefix}/revoke`)).status).toBe(404);
    const refused = await post(`/settings/api-tokens/${prefix}/revoke`, {});
    expect(refused.status).toBe(404);
    expect(refused.text).toContain('NOT_FOUND');
    expect((await companion.request('GET', '/api/v1/targets', { token: foreign })).status).toBe(200);
    expect(tokenRows((await get('/settings/api-tokens')).text)).toEqual([]);
  });

  it('refuses creating or revoking without the session CSRF token', async () => {
    const forged = await companion.request('POST', '/settings/api-tokens', {
      rawBody: new URLSearchParams({ _csrf: 'forged', role: 'admin' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
    });
    expect(forged.status).toBe(403);
    expect(tokenRows((await get('/settings/api-tokens')).text)).toEqual([]);

    const exporter = await companion.token('default', 'export');
    const refusedRevoke = await companion.request('POST', `/settings/api-tokens/${exporter.slice(0, 14)}/revoke`, {
      rawBody: new URLSearchParams({ _csrf: 'forged' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
    });
    expect(refusedRevoke.status).toBe(403);
    expect(refusedRevoke.text).toContain('FORBIDDEN');
    expect((await companion.request('GET', '/api/v1/targets', { token: exporter })).status).toBe(200);
  });
});
