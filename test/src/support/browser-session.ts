import type { Companion } from './companion-harness';
import { prepareFirstRunForTest } from './first-run';

/** Signs in through the first-run setup page as a browser would; returns the cookie and the page CSRF token. */
export async function signedInSession(companion: Companion, email = 'admin@example.com'): Promise<{ cookie: string; csrf: string }> {
  const setup = await prepareFirstRunForTest(companion);
  if (!setup) throw new Error('the workspace already has an admin');
  const done = await companion.request('POST', '/setup', {
    rawBody: new URLSearchParams({ token: setup.token, email, password: 'correct horse battery staple' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const session = done.headers
    .getSetCookie()
    .map((c) => /^wro_session=([^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (!session) throw new Error(`setup did not sign in: ${done.status}`);
  const cookie = `wro_session=${session}`;
  const settings = await companion.request('GET', '/settings', { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(settings.text)?.[1];
  if (!csrf) throw new Error('no CSRF token on /settings');
  return { cookie, csrf };
}
