import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminPageCall, startCloudCompanion, startCloudWorld, type CloudWorld } from '../support/cloud-world';
import { startBrowserRig, type BrowserRig } from './support/browser-worlds';
import { createFirstAdmin } from './support/sign-in';
import { screenshot } from './support/screenshots';
import { loads } from './support/loads';
import { expectAccessible } from './support/accessibility';

const EMAIL = 'cloud-admin@acme.test';
let world: CloudWorld;
let rig: BrowserRig;
let page: Page;

beforeAll(async () => {
  world = await startCloudWorld();
  rig = await startBrowserRig(() => startCloudCompanion(world));
  page = await rig.browser.newPage();
  await createFirstAdmin(page, rig.origin, rig.setupToken, EMAIL);
});
afterAll(async () => {
  await rig?.close();
  await world?.close();
});

let cloudTargets = 0;

async function chooseCloudMethod(button: string) {
  await page.goto(`${rig.origin}/settings/targets/new`);
  await loads(page, () => page.getByRole('button', { name: 'Jira Cloud' }).click());
  await expect.poll(() => new URL(page.url()).pathname).toBe('/settings/targets/new/cloud');
  cloudTargets += 1;
  await page.getByLabel('Name', { exact: true }).fill(`Acme Cloud ${cloudTargets}`);
  await loads(page, () => page.getByRole('button', { name: button }).click());
}

describe('Jira Cloud through the pages, in a real browser', () => {
  it('offers the Forge app, shows OAuth unavailable with the reason, and warns about API tokens', async () => {
    await page.goto(`${rig.origin}/settings/targets/new`);
    await loads(page, () => page.getByRole('button', { name: 'Jira Cloud' }).click());
    const oauth = page.locator('section', { has: page.getByRole('heading', { name: 'OAuth 2.0' }) });
    expect(await oauth.textContent()).toMatch(/Unavailable on this companion.*ATLASSIAN_CLIENT_ID/s);
    expect(await oauth.getByRole('button').count()).toBe(0);
    expect(await page.locator('main').textContent()).toMatch(/Atlassian discourages API tokens for apps.*expires within a year/s);
    await screenshot(page, 'cloud-methods');
  });

  it('pairs a Cloud target through the Forge call while the page polls, and the page updates', async () => {
    await chooseCloudMethod('Connect with the Forge app');
    const code = (await page.locator('#pairing-code').textContent())!.trim();
    expect(code).toMatch(/^WRO-[0-9A-Z]{26}$/);
    await expect.poll(() => page.locator('[data-countdown]').textContent()).toMatch(/^ \((10:00|9:[0-5]\d) left\)$/);
    expect(await page.locator('#pairing-status').textContent()).toContain('Waiting for a Jira administrator');
    // The app is shared by install link, not listed: the page never sends the admin to search the Marketplace.
    const pairing = (await page.locator('#step-pairing').textContent())!.replace(/\s+/g, ' ');
    expect(pairing).toContain('with the install link the WebRiskOps operator gives you');
    expect(pairing).toContain('Jira > Settings (gear) > Apps > Manage apps > WebRiskOps > Configure');
    expect(pairing).not.toMatch(/Explore more apps|search for/);
    await screenshot(page, 'cloud-pairing');

    const installationId = world.cloud.installApp({ cloudId: world.cloud.defaults.site.cloudId }).installationId;
    const call = adminPageCall(world, installationId, world.cloud.defaults.admin.accountId);
    const paired = await rig.companion.request('POST', '/forge/v1/pair', { headers: call.headers, body: { code } });
    expect(paired.status).toBe(200);

    const siteUrl = world.cloud.siteUrl(world.cloud.defaults.site.cloudId);
    await expect.poll(() => page.locator('#pairing-status').textContent(), { timeout: 8_000 }).toBe(`Paired with ${siteUrl}. The target is ready.`);
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('ready');
    expect(await page.locator('#readiness').textContent()).toContain('Ready: export jobs may send tickets');
    expect(await page.locator('#pairing-code').isVisible()).toBe(false);
    await screenshot(page, 'cloud-paired');
    await loads(page, () => page.getByRole('link', { name: 'Open the connected target' }).click());
    expect(await page.locator('h1 .badge').textContent()).toBe('ready');
    // A ready target opens on its summary, not on the setup steps.
    expect(await page.locator('#summary').textContent()).toContain('read:jira-work, write:jira-work');
    expect(await page.locator('#summary').textContent()).toContain(
      "Jira's Manage apps page: Jira > Settings (gear) > Apps > Manage apps > WebRiskOps > Uninstall.",
    );
    expect(await page.locator('#step-pairing').count()).toBe(0);
    await screenshot(page, 'cloud-ready-summary');
  });

  it('revokes the Forge target with a confirmation naming the Manage apps page', async () => {
    await page.goto(`${rig.origin}/settings`);
    await loads(page, () =>
      page
        .locator('table.status tbody tr', { has: page.locator('.badge.ready') })
        .getByRole('link', { name: /^Open/ })
        .click(),
    );
    await loads(page, () => page.locator('#summary').getByRole('link', { name: 'Disconnect' }).click());
    const main = page.locator('main');
    expect(await main.textContent()).toMatch(/WebRiskOps Forge app ending …\S{4}.*deleted from WebRiskOps/s);
    expect(await main.textContent()).toMatch(/Revoke it on the Atlassian side too.*Jira's Manage apps page.*Uninstall/s);
    await loads(page, () => page.getByRole('button', { name: 'Disconnect and destroy the credential' }).click());
    expect(await main.textContent()).toContain('is disconnected');
    await expectAccessible(page, 'Cloud target disconnected');
  });

  it('the API-token form keeps what was typed (not the token) when refused, then connects', async () => {
    await chooseCloudMethod('Use an API token');
    expect(await page.locator('#step-api-token').textContent()).toMatch(/Atlassian discourages API tokens for apps.*expires within a year/s);
    await expectAccessible(page, 'Cloud API-token form');
    const token = world.cloud.issueApiToken(world.cloud.defaults.admin.accountId);
    await page.getByLabel('Your Jira Cloud site').fill(world.cloud.urls.auth);
    await page.getByLabel('Atlassian account email').fill('admin@acme.test');
    await page.getByLabel(/^API token/).fill(token);
    await loads(page, () => page.getByRole('button', { name: 'Verify and store token' }).click());
    const refusal = page.locator('#step-api-token [role=alert]');
    expect(await refusal.textContent()).toMatch(/(PROVIDER_BASE_URL_BLOCKED|VALIDATION_FAILED).*Next action:/s);
    // A Cloud refusal names Cloud's way out, never a self-hosted one.
    expect(await refusal.textContent()).not.toMatch(/self-hosted|Personal Access Token|General configuration|egress/);
    expect(await page.getByLabel('Your Jira Cloud site').inputValue()).toBe(world.cloud.urls.auth);
    expect(await page.getByLabel('Atlassian account email').inputValue()).toBe('admin@acme.test');
    expect(await page.getByLabel(/^API token/).inputValue()).toBe('');
    await screenshot(page, 'cloud-api-token-refused');

    await page.getByLabel('Your Jira Cloud site').fill(world.cloud.siteUrl(world.cloud.defaults.site.cloudId));
    await page.getByLabel(/^API token/).fill(token);
    await loads(page, () => page.getByRole('button', { name: 'Verify and store token' }).click());
    expect(await page.locator('h1 .badge').textContent()).toBe('ready');
    expect(await page.locator('#summary').textContent()).toMatch(/Atlassian API token ending …\S{4}, stored .*, expires \d{4}-/);
    await expectAccessible(page, 'Cloud API-token target ready');
  });

  it('made no request beyond loopback and logged no console error', () => {
    expect(rig.watch.offLoopback()).toEqual([]);
    expect(rig.watch.unexpectedErrors()).toEqual([]);
  });
});
