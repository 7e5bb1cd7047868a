import { eq } from 'drizzle-orm';
import { auditEvents } from '@webriskops/server/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';

let companion: Companion;
let setupToken: string;

beforeEach(async () => {
  companion = await startCompanion();
  setupToken = (await prepareFirstRunForTest(companion))!.token;
});
afterEach(() => companion.stop());

const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const cookieFrom = (headers: Headers, name: string) => {
  const match = headers
    .getSetCookie()
    .map((c) => c.match(new RegExp(`^${name}=([^;]*)`)))
    .find(Boolean);
  return match ? match[1]! : null;
};
const csrfIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';

describe('first-run setup, sign-in and sign-out', () => {
  it('creates the first admin once from the setup link, then the link is dead', async () => {
    const page = await companion.request('GET', `/setup?token=${setupToken}`);
    expect(page.text).toContain('Create the first admin of workspace “default”');
    const done = await companion.request('POST', '/setup', form({ token: setupToken, email: 'Admin@Example.com', password: 'correct horse battery staple' }));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/settings');
    const session = cookieFrom(done.headers, 'wro_session');
    expect(session).toBeTruthy();
    expect(done.headers.getSetCookie().join(';')).toMatch(/HttpOnly/i);
    expect(done.headers.getSetCookie().join(';')).toMatch(/SameSite=Lax/i);

    const settings = await companion.request('GET', '/settings', { headers: { cookie: `wro_session=${session}` } });
    expect(settings.status).toBe(200);
    expect(settings.text).toContain('admin@example.com');
    expect(settings.text).toContain('No Jira target yet');

    const reused = await companion.request('POST', '/setup', form({ token: setupToken, email: 'second@example.com', password: 'another long password' }));
    expect(reused.status).toBe(401);
    // Once the workspace has an admin no link works: the page says so, and never "restart to print a new one".
    for (const answer of [reused, await companion.request('GET', `/setup?token=${setupToken}`)]) {
      expect(answer.text).toContain('This setup link was for workspace “default”, which has an admin now');
      expect(answer.text).toContain('Sign in at /login');
      expect(answer.text).not.toMatch(/restart/i);
      expect(answer.text).not.toContain('name="password"');
    }
  });

  it('keeps the email and the link usable when the password is refused', async () => {
    const refused = await companion.request('POST', '/setup', form({ token: setupToken, email: 'keep@example.com', password: 'short' }));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('value="keep@example.com"');
    expect(refused.text).not.toContain('short"');
    const ok = await companion.request('POST', '/setup', form({ token: setupToken, email: 'keep@example.com', password: 'now a long password' }));
    expect(ok.status).toBe(303);
  });

  it('an expired setup link is refused', async () => {
    const realNow = companion.deps.clock.now;
    companion.deps.clock.now = () => new Date(realNow().getTime() + 16 * 60_000);
    const late = await companion.request('POST', '/setup', form({ token: setupToken, email: 'late@example.com', password: 'a long enough password' }));
    expect(late.status).toBe(401);
    expect(late.text).toContain('This setup link for workspace “default” expired or was replaced by a newer one.');
    expect(late.text).toContain('Restart the companion: while “default” has no admin, every start prints a new link.');
  });

  it('signs in with CSRF protection, signs out, and the old cookie is worthless', async () => {
    await companion.request('POST', '/setup', form({ token: setupToken, email: 'ops@example.com', password: 'correct horse battery staple' }));
    const loginPage = await companion.request('GET', '/login');
    const loginCsrf = cookieFrom(loginPage.headers, 'wro_login_csrf')!;
    const withoutCsrf = await companion.request('POST', '/login', {
      ...form({ email: 'ops@example.com', password: 'correct horse battery staple' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wro_login_csrf=${loginCsrf}` },
    });
    expect(withoutCsrf.status).toBe(403);

    const wrong = await companion.request('POST', '/login', {
      ...form({ email: 'ops@example.com', password: 'wrong password!!', _csrf: loginCsrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wro_login_csrf=${loginCsrf}` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('value="ops@example.com"');

    const good = await companion.request('POST', '/login', {
      ...form({ email: 'ops@example.com', password: 'correct horse battery staple', _csrf: loginCsrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wro_login_csrf=${loginCsrf}` },
    });
    expect(good.status).toBe(303);
    const session = cookieFrom(good.headers, 'wro_session')!;
    const settings = await companion.request('GET', '/settings', { headers: { cookie: `wro_session=${session}` } });
    const csrf = csrfIn(settings.text);
    expect(csrf).toBeTruthy();

    const forged = await companion.request('POST', '/logout', {
      ...form({ _csrf: 'forged' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wro_session=${session}` },
    });
    expect(forged.status, 'a sign-out without the CSRF token is refused').toBe(403);
    expect(forged.headers.getSetCookie().join(';'), 'and leaves the cookie alone').not.toMatch(/wro_session=;/);
    const refusals = await companion.deps.store.db.select().from(auditEvents).where(eq(auditEvents.action, 'session.sign_out_refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ actor: 'user:ops@example.com', targetId: null });
    expect((await companion.request('GET', '/settings', { headers: { cookie: `wro_session=${session}` } })).status).toBe(200);

    const crossSite = await companion.request('POST', '/logout', {
      ...form({ _csrf: csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wro_session=${session}`, origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);

    await companion.request('POST', '/logout', {
      ...form({ _csrf: csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wro_session=${session}` },
    });
    const after = await companion.request('GET', '/settings', { headers: { cookie: `wro_session=${session}` } });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/login');
  });

  it('pages carry a nonce CSP without unsafe-inline and refuse framing', async () => {
    const page = await companion.request('GET', '/login');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` with forms, which the origin check refuses.
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect((await companion.request('GET', '/healthz')).headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.text).not.toMatch(/<script(?![^>]*nonce)/);
    expect(page.text).not.toMatch(/style="/);
  });
});
