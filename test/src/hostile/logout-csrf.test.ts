import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin, startRunningCompanion, type AdminBrowser, type RunningCompanion } from './support/running-companion';
import { targetName } from '../support/target-names';

let companion: RunningCompanion;

beforeAll(async () => {
  companion = await startRunningCompanion();
}, 60_000);
afterAll(() => companion?.stop());

const logout = (browser: AdminBrowser, fields: Record<string, string>) =>
  fetch(`${companion.base}/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie, origin: companion.base },
    body: new URLSearchParams(fields).toString(),
  });
const settingsStatus = async (browser: AdminBrowser) =>
  (await fetch(`${companion.base}/settings`, { redirect: 'manual', headers: { cookie: browser.cookie } })).status;

describe('sign-out without the session CSRF token never leaves a live session behind a cleared cookie', () => {
  it("without _csrf, with a wrong one and with another session's: refused, nothing cleared, the session honestly still works", async () => {
    const admin = await signInAdmin(companion, 'ops@example.com');
    const other = await signInAdmin(companion, 'other@example.com');
    const attempts: Record<string, string>[] = [{}, { _csrf: 'forged' }, { _csrf: other.csrfToken }];
    for (const fields of attempts) {
      const refused = await logout(admin, fields);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/text\/html/);
      expect(refused.headers.getSetCookie().join(';'), 'the cookie is not cleared while the session lives').not.toMatch(/wro_session=;/);
      expect(await refused.text()).toMatch(/still signed in/);
      expect(await settingsStatus(admin)).toBe(200);
    }
  }, 60_000);

  it("with the session's _csrf: the session ends server side and the copied cookie is worthless", async () => {
    const admin = await signInAdmin(companion, 'leaver@example.com');
    const done = await logout(admin, { _csrf: admin.csrfToken });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login');
    expect(done.headers.getSetCookie().join(';')).toMatch(/wro_session=;/);
    expect(await settingsStatus(admin)).toBe(302);
  }, 60_000);

  it('a state-changing settings form without _csrf is refused the same way (no hole of the same class)', async () => {
    const admin = await signInAdmin(companion, 'forms@example.com');
    const created = await fetch(`${companion.base}/settings/targets`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie, origin: companion.base },
      body: new URLSearchParams({ provider_key: 'jira_data_center', name: targetName() }).toString(),
    });
    expect(created.status).toBe(403);
    expect(await settingsStatus(admin)).toBe(200);
  }, 60_000);
});
