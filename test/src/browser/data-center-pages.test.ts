import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { nextActionFor, type BlockedCode, type BlockingCheck } from '@webriskops/shared';
import { connectReadyDataCenterTarget, type DataCenterWorld } from '../support/data-center-world';
import { dataCenterRig, EGRESS_IPS, startBrowserDataCenterWorld, type BrowserRig } from './support/browser-worlds';
import { createFirstAdmin, signOutAndIn } from './support/sign-in';
import { screenshot } from './support/screenshots';
import { loads } from './support/loads';
import { expectAccessible } from './support/accessibility';

const EMAIL = 'dc-admin@acme.test';
let world: DataCenterWorld;
let rig: BrowserRig;
let page: Page;
let targetPath = '';

beforeAll(async () => {
  world = await startBrowserDataCenterWorld();
  rig = await dataCenterRig(world);
  page = await rig.browser.newPage();
});
afterAll(async () => {
  await rig?.close();
  await world?.close();
});

/** The next action of a Data Center PAT target blocked at `check`: the one the pages must show. */
const dcAction = (check: BlockingCheck, code: BlockedCode) =>
  nextActionFor({ provider_key: 'jira_data_center', auth_method: 'pat', base_url: 'https://jira.acme.test' }, check, code);

/** The blocked notice at the top of the target page: code and that check's next action, word for word. */
async function expectBlocked(code: BlockedCode, check: BlockingCheck) {
  const notice = page.locator('#readiness');
  await expect.poll(() => notice.textContent()).toContain(code);
  expect(await notice.textContent()).toContain(dcAction(check, code));
  expect(await notice.getByRole('link', { name: /portable fallback/ }).getAttribute('href')).toBe('/settings/portable-fallback');
}

/** The checks make real requests (DNS, the fake Jira): the first one also loads the HTTP client. */
const CHECKS_TIMEOUT_MS = 10_000;

const runChecks = async () => {
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect.poll(() => page.locator('#announcer').textContent(), { timeout: CHECKS_TIMEOUT_MS }).toMatch(/^Checks finished/);
};

describe('Data Center through the pages, in a real browser', () => {
  it('signs in from the one-time setup link, shows the empty state, signs out and in again', async () => {
    await createFirstAdmin(page, rig.origin, rig.setupToken, EMAIL);
    expect(await page.getByRole('heading', { name: 'No Jira target yet' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toMatch(/Jira Cloud.*Jira Data Center/s);
    await screenshot(page, 'status-empty');
    await signOutAndIn(page, rig.origin, EMAIL);
  });

  it('records the provider first, then refuses an unsafe base URL with its code, next action and the typed values', async () => {
    await loads(page, () => page.getByRole('link', { name: 'Connect a Jira target' }).first().click());
    await loads(page, () => page.getByRole('button', { name: 'Jira Data Center' }).click());
    await expect.poll(() => new URL(page.url()).pathname).toBe('/settings/targets/new/data-center');
    await page.getByLabel('Name', { exact: true }).fill('Acme Jira');
    await loads(page, () => page.getByRole('button', { name: 'Create and continue' }).click());
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/settings\/targets\/tgt_/);
    targetPath = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Acme Jira');
    expect(await page.locator('#readiness').textContent()).toContain('Not started');
    expect(await page.locator('#readiness').textContent()).not.toContain('PROVIDER_');
    expect(await page.getByRole('button', { name: 'Save target' }).isDisabled()).toBe(true);
    expect(await page.getByLabel(/^Token/).isDisabled()).toBe(true);
    await screenshot(page, 'dc-1-site');

    await page.getByLabel('Jira base URL').fill('https://10.0.0.7/jira');
    await page.getByRole('button', { name: 'Check URL' }).click();
    await expect.poll(() => page.locator('#url-verdict').textContent()).toMatch(/^Refused \(PROVIDER_BASE_URL_BLOCKED\): .*private/);

    await page.getByLabel('We own or administer this Jira site.').check();
    await page.getByLabel(/issue API may be reached/).check();
    await page.getByLabel(/We authorize WebRiskOps/).check();
    await loads(page, () => page.getByRole('button', { name: 'Save URL' }).click());
    const alert = page.locator('#step-site [role=alert]');
    expect(await alert.textContent()).toContain('PROVIDER_BASE_URL_BLOCKED');
    expect(await alert.textContent()).toContain(dcAction('url', 'PROVIDER_BASE_URL_BLOCKED'));
    expect(await page.getByLabel('Jira base URL').inputValue()).toBe('https://10.0.0.7/jira');
    expect(await page.getByLabel('We own or administer this Jira site.').isChecked()).toBe(true);
    await screenshot(page, 'dc-1-site-refused');
  });

  it('saves the URL, shows the TXT record to copy, and each check result as it completes', async () => {
    world.dns.setAnswers('jira.acme.test', ['127.0.0.1']);
    await page.getByLabel('Jira base URL').fill(world.jira.baseUrl);
    await page.getByRole('button', { name: 'Check URL' }).click();
    await expect.poll(() => page.locator('#url-verdict').textContent()).toMatch(/^Allowed: /);
    await loads(page, () => page.getByRole('button', { name: 'Save URL' }).click());
    await expect.poll(() => page.url()).toContain('#step-ownership');
    const txtName = (await page.locator('#txt-name').textContent())!.trim();
    const txtValue = (await page.locator('#txt-value').textContent())!.trim();
    expect(txtName).toBe('_webriskops-challenge.jira.acme.test');
    await page.getByRole('button', { name: 'Copy the TXT record value' }).click();
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/Copied/);
    for (const address of EGRESS_IPS) expect(await page.locator('#step-network').textContent()).toContain(address);
    await screenshot(page, 'dc-2-ownership');

    await runChecks();
    expect(await page.locator('[data-check="ownership"]').textContent()).toMatch(/failed \(PROVIDER_BASE_URL_BLOCKED\).*No TXT record/);
    await expectAccessible(page, 'Data Center checks, ownership failed');
    await expectBlocked('PROVIDER_BASE_URL_BLOCKED', 'ownership');
    expect(await page.getByLabel(/^Token/).isDisabled()).toBe(true);
    expect(world.jira.requests).toHaveLength(0);

    world.dns.setTxt(txtName, [[txtValue]]);
    await runChecks();
    for (const check of ['url', 'ownership', 'network']) expect(await page.locator(`[data-check="${check}"] .check-status`).textContent()).toBe('passed');
    await expectBlocked('PROVIDER_AUTH_REQUIRED', 'auth');
    expect(await page.getByLabel(/^Token/).isDisabled()).toBe(false);
    expect(await page.locator('#step-network').textContent()).toContain('tunnel');
    await screenshot(page, 'dc-3-checks');
  });

  it('a token without Create Issues is PROVIDER_SCOPE_UNAVAILABLE; a good one makes Save possible, and Save makes it ready', async () => {
    await page.getByLabel(/^Token/).fill(world.jira.issuePat({ permissions: { CREATE_ISSUES: false } }));
    await loads(page, () => page.getByRole('button', { name: 'Verify and store token' }).click());
    await expectBlocked('PROVIDER_SCOPE_UNAVAILABLE', 'scope');
    expect(await page.locator('#readiness').textContent()).toContain('CREATE_ISSUES');
    expect(await page.getByRole('button', { name: 'Save target' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'Data Center token step, PROVIDER_SCOPE_UNAVAILABLE');

    await page.getByLabel(/^Token/).fill('not-a-token-anyone-issued');
    await loads(page, () => page.getByRole('button', { name: 'Verify and store token' }).click());
    expect(await page.locator('#step-token [role=alert]').textContent()).toContain('PROVIDER_AUTH_REQUIRED');
    expect(await page.getByLabel(/^Token/).inputValue()).toBe('');
    await expectAccessible(page, 'Data Center token step, token refused');

    const pat = world.jira.issuePat();
    await page.getByLabel(/^Token/).fill(pat);
    await loads(page, () => page.getByRole('button', { name: 'Verify and store token' }).click());
    expect(await page.locator('#readiness').textContent()).toContain('Every check passes');
    expect(await page.locator('#step-token').textContent()).toContain(`…${pat.slice(-4)}`);
    await screenshot(page, 'dc-4-token');
    await loads(page, () => page.getByRole('button', { name: 'Save target' }).click());
    expect(await page.locator('h1 .badge').textContent()).toBe('ready');
    expect(await page.locator('#readiness').textContent()).toContain('Ready: export jobs may send tickets');
    await screenshot(page, 'dc-5-saved');
  });

  it('a ready target that loses its network path shows PROVIDER_ALLOWLIST_REQUIRED on the status page, with the fallback link', async () => {
    const { id } = await connectReadyDataCenterTarget(world, rig.companion, rig.admin, world.otherJira);
    await world.otherJira.close();
    await page.goto(`${rig.origin}/settings/targets/${id}`);
    // A ready target shows its summary; its Run checks is a plain form answered with the fresh page.
    await loads(page, () => page.locator('#summary').getByRole('button', { name: 'Run checks' }).click());
    // serverInfo (which also proves ownership) cannot be reached: the unreachable action, not a DNS one.
    await expectBlocked('PROVIDER_ALLOWLIST_REQUIRED', 'ownership');
    expect(await page.locator('[data-check="network"]').textContent()).toMatch(/failed \(PROVIDER_ALLOWLIST_REQUIRED\)/);

    await page.goto(`${rig.origin}/settings`);
    const rows = page.locator('table.status tbody tr');
    expect(await rows.count()).toBe(2);
    const blocked = rows.filter({ hasText: 'PROVIDER_ALLOWLIST_REQUIRED' });
    expect(await blocked.textContent()).toContain(dcAction('ownership', 'PROVIDER_ALLOWLIST_REQUIRED'));
    const ready = rows.filter({ has: page.locator('.badge.ready') });
    expect(await ready.locator('td[data-label="What blocks it"]').textContent()).toBe('Nothing');
    await screenshot(page, 'status-ready-and-blocked');

    await loads(page, () => blocked.getByRole('link', { name: /^Open/ }).click());
    await loads(page, () =>
      page
        .getByRole('link', { name: /portable fallback/ })
        .first()
        .click(),
    );
    expect(await page.locator('main').textContent()).toContain('POST /api/v1/exports/portable');
  });

  it('revokes after a confirmation that says what is destroyed and where to revoke in Jira', async () => {
    await page.goto(`${rig.origin}${targetPath}`);
    await loads(page, () => page.locator('#summary').getByRole('link', { name: 'Disconnect' }).click());
    const main = page.locator('main');
    expect(await main.textContent()).toMatch(/The stored credential: Personal Access Token ending …\S{4}.*deleted from WebRiskOps/s);
    expect(await main.textContent()).toContain("the Jira user's Personal Access Tokens page");
    expect(await main.getByRole('link', { name: /secure\/ViewProfile\.jspa/ }).getAttribute('href')).toContain(`${world.jira.baseUrl}/secure/ViewProfile.jspa`);
    await screenshot(page, 'dc-6-revoke-confirm');
    await loads(page, () => page.getByRole('button', { name: 'Disconnect and destroy the credential' }).click());
    expect(await page.locator('main [role=status]').textContent()).toContain('The credential stored by WebRiskOps is destroyed');
    await expectAccessible(page, 'Data Center target disconnected');
    const target = (await rig.companion.request('GET', `/api/v1/targets/${targetPath.split('/').pop()}`, { token: rig.admin })).json;
    expect(target).toMatchObject({ state: 'revoked', credential: null });
  });

  it('shows the audit trail of the target', async () => {
    await page.goto(`${rig.origin}${targetPath}/audit`);
    const actions = await page.locator('table.audit tbody .action').allTextContents();
    expect(actions).toEqual(
      expect.arrayContaining(['target.created', 'target.base_url_changed', 'checks.run', 'credential.stored', 'target.activated', 'target.revoked']),
    );
    expect(await page.locator('table.audit').textContent()).toContain(EMAIL);
    expect(await page.locator('table.audit').textContent()).not.toContain(`user:${EMAIL}`);
    await screenshot(page, 'audit');
  });

  it('made no request beyond loopback and logged no console error', () => {
    expect(rig.watch.requests.length).toBeGreaterThan(20);
    expect(rig.watch.offLoopback()).toEqual([]);
    expect(rig.watch.unexpectedErrors()).toEqual([]);
  });
});
