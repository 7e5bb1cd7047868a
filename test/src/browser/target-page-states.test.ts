import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { nextActionFor, type BlockedCode, type BlockingCheck } from '@webriskops/shared';
import type { DataCenterWorld } from '../support/data-center-world';
import { dataCenterRig, startBrowserDataCenterWorld, type BrowserRig } from './support/browser-worlds';
import { ADMIN_PASSWORD, createFirstAdmin } from './support/sign-in';
import { launchChromium } from './support/chromium';
import { watchBrowser } from './support/page-watch';
import { screenshot } from './support/screenshots';
import { loads } from './support/loads';

const EMAIL = 'states-admin@acme.test';
let world: DataCenterWorld;
let rig: BrowserRig;
let page: Page;
let targetUrl = '';

beforeAll(async () => {
  world = await startBrowserDataCenterWorld();
  world.dns.setAnswers('jira.acme.test', ['127.0.0.1']);
  rig = await dataCenterRig(world);
  page = await rig.browser.newPage();
});
afterAll(async () => {
  await rig?.close();
  await world?.close();
});

/** The one next action a Data Center PAT target blocked at `check` must show, and no other. */
const dcAction = (check: BlockingCheck, code: BlockedCode, baseUrl: string | null = world.jira.baseUrl) =>
  nextActionFor({ provider_key: 'jira_data_center', auth_method: 'pat', base_url: baseUrl }, check, code);

/** Words of the Cloud ways in, which a Data Center target's banner and steps never show. */
const CLOUD_WORDS = /Forge app|re-pair|OAuth|API token|self-hosted Jira/;

/** The banner and every step, without the navigation around them. */
const stepsText = async (on: Page = page) => (await on.locator('#readiness, section.step').allTextContents()).join(' ').replace(/\s+/g, ' ');

const text = async (selector: string, on: Page = page) => ((await on.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ');

/**
 * Every step agrees with the check list: a step's status shows the same result as the list, and
 * only the blocking step (or none) carries a next action, the banner's.
 */
async function expectNoContradiction(on: Page) {
  const banner = await text('#readiness', on);
  for (const check of ['url', 'ownership', 'network', 'auth', 'scope']) {
    const listed = (await on.locator(`[data-check="${check}"] .check-status`).textContent())!.trim();
    const status = on.locator(`[data-status="${check}"] .check-status`);
    if ((await status.count()) === 0) continue;
    const shown = (await status.textContent())!.trim();
    expect(shown.startsWith(listed === 'not run yet' ? 'not checked yet' : listed.replace(/ \(.*/, '')), `${check}: "${shown}" vs list "${listed}"`).toBe(true);
  }
  const stepActions = await on.locator('[data-status] .next').allTextContents();
  expect(stepActions.length).toBeLessThanOrEqual(1);
  for (const action of stepActions)
    expect(banner).toContain(
      action
        .replace(/^This blocks now\. Next action:\s*/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  expect(await text('main', on)).not.toMatch(/Not proven yet|not verified yet/);
}

describe('the target page never shows a wrong word', () => {
  it('a new Data Center target is "not started": neutral, no code, no red, its first action', async () => {
    await createFirstAdmin(page, rig.origin, rig.setupToken, EMAIL);
    // Created through the API (with the name every new target will need), so this test reads the target page only.
    const created = await rig.companion.request('POST', '/api/v1/targets', { token: rig.admin, body: { name: 'Acme DC', provider_key: 'jira_data_center' } });
    targetUrl = `${rig.origin}/settings/targets/${created.json.id as string}`;
    await page.goto(targetUrl);
    const banner = await text('#readiness');
    expect(banner).toContain('Not started');
    expect(banner).toContain(dcAction('url', 'PROVIDER_BASE_URL_BLOCKED', null));
    expect(await stepsText()).not.toMatch(/PROVIDER_[A-Z_]+/);
    expect(await page.locator('.notice.blocked, .notice.error').count()).toBe(0);
    expect(await text('h1 .badge')).toBe('not started');
    expect(await page.locator('#readiness .notice').evaluate((element) => getComputedStyle(element).borderLeftColor)).toBe('rgb(107, 119, 140)');
    await screenshot(page, 'states-not-started');
  });

  it('says up front that an IP address cannot carry the DNS record, and never shows a TXT record for it', async () => {
    expect(await text('#base_url-hint')).toContain('Use the host name, not an IP address');
    for (const label of [/own or administer/, /issue API may be reached/, /We authorize WebRiskOps/]) await page.getByLabel(label).check();
    await page.getByLabel('Jira base URL').fill('https://127.0.0.1/jira');
    await loads(page, () => page.getByRole('button', { name: 'Save URL' }).click());
    expect(await text('#ip-host-notice')).toContain('127.0.0.1 is an IP address.');
    expect(await text('#step-ownership')).toContain('DNS ownership needs a host name');
    expect(await page.locator('#txt-name').count()).toBe(0);
    expect(await text('main')).not.toContain('_webriskops-challenge.127.0.0.1');
    expect(await text('#readiness')).toContain(dcAction('ownership', 'PROVIDER_BASE_URL_BLOCKED', 'https://127.0.0.1/jira'));
    await screenshot(page, 'states-ip-address');
  });

  it('after the URL passes, the banner and the blocking step name ownership, and each check has its own action', async () => {
    await page.getByLabel('Jira base URL').fill(world.jira.baseUrl);
    await loads(page, () => page.getByRole('button', { name: 'Save URL' }).click());
    const banner = await text('#readiness');
    expect(banner).toContain('Blocked at Ownership');
    expect(banner).toContain(dcAction('ownership', 'PROVIDER_BASE_URL_BLOCKED'));
    expect(banner).not.toContain(dcAction('url', 'PROVIDER_BASE_URL_BLOCKED'));
    expect(await stepsText()).not.toMatch(CLOUD_WORDS);
    expect(await text('#step-site')).toContain(`Confirmed by ${EMAIL}`);
    expect(await text('main')).not.toContain(`user:${EMAIL}`);
    await expectNoContradiction(page);

    world.dns.setTxt((await text('#txt-name')).trim(), [[(await text('#txt-value')).trim()]]);
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect.poll(() => page.locator('#announcer').textContent(), { timeout: 10_000 }).toMatch(/^Checks finished: 3 passed/);
    // Updated in place: the ownership and network steps show the new results, the banner the token's action.
    expect(await text('[data-status="ownership"]')).toMatch(/^Ownership passed at/);
    expect(await text('#step-ownership')).toContain('Proven by the DNS TXT record');
    expect(await text('#network-status')).toContain('Verified path: tunnel');
    expect(await text('#readiness')).toContain(dcAction('auth', 'PROVIDER_AUTH_REQUIRED'));
    expect(await text('#step-token')).not.toMatch(CLOUD_WORDS);
    expect(await text('h1 .badge')).toBe('draft');
    await expectNoContradiction(page);
    await screenshot(page, 'states-after-checks');

    // The same page rendered fresh agrees with what the script put in place.
    const parts = ['#readiness', '#site-status', '#ownership-status', '#network-status', '#check-results', '#token-step-body', '#save-step-body', 'h1'];
    const inPlace = await Promise.all(parts.map((part) => text(part)));
    await page.reload();
    expect(await Promise.all(parts.map((part) => text(part)))).toEqual(inPlace);
  });

  it('without JavaScript, Run checks answers with a fresh page where no step contradicts another', async () => {
    const plain = await launchChromium({ javaScriptEnabled: false });
    const watch = watchBrowser(plain.context);
    try {
      const tab = await plain.newPage();
      await tab.goto(`${rig.origin}/login`);
      await tab.getByLabel('Email').fill(EMAIL);
      await tab.getByLabel('Password').fill(ADMIN_PASSWORD);
      await loads(tab, () => tab.getByRole('button', { name: 'Sign in' }).click());
      await tab.goto(targetUrl);
      world.dns.setTxt(`_webriskops-challenge.${new URL(world.jira.baseUrl).hostname}`, []);
      await loads(tab, () => tab.getByRole('button', { name: 'Run checks' }).click());
      expect(new URL(tab.url()).pathname).toBe(new URL(targetUrl).pathname);
      expect(await text('[data-status="ownership"]', tab)).toMatch(/^Ownership failed at/);
      expect(await text('#readiness', tab)).toContain(dcAction('ownership', 'PROVIDER_BASE_URL_BLOCKED'));
      await expectNoContradiction(tab);
      expect(watch.offLoopback()).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('a ready target shows a compact summary; the wizard opens only on Edit', async () => {
    await page.goto(targetUrl);
    const txt = await text('#txt-value');
    world.dns.setTxt((await text('#txt-name')).trim(), [[txt.trim()]]);
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect.poll(() => page.locator('#announcer').textContent(), { timeout: 10_000 }).toMatch(/^Checks finished: 3 passed/);
    const pat = world.jira.issuePat();
    await page.getByLabel(/^Token/).fill(pat);
    await loads(page, () => page.getByRole('button', { name: 'Verify and store token' }).click());
    await loads(page, () => page.getByRole('button', { name: 'Save target' }).click());

    const summary = page.locator('#summary');
    expect(await summary.isVisible()).toBe(true);
    const facts = await text('#summary');
    for (const fact of [
      'Jira Data Center',
      world.jira.baseUrl,
      `Personal Access Token ending …${pat.slice(-4)}`,
      'BROWSE_PROJECTS',
      'tunnel',
      "the Jira user's Personal Access Tokens page: Jira > your profile (avatar) > Personal Access Tokens",
    ])
      expect(facts).toContain(fact);
    expect(facts).toMatch(/Checked \d{4}-\d\d-\d\d/);
    for (const name of ['Edit', 'Disconnect']) expect(await summary.getByRole('link', { name }).isVisible()).toBe(true);
    expect(await summary.getByRole('button', { name: 'Run checks' }).isVisible()).toBe(true);
    const main = await text('main');
    expect(main).not.toContain('Add this TXT record');
    expect(main).not.toContain('While Jira cannot be made safe');
    expect(await page.locator('#step-site').count()).toBe(0);
    await screenshot(page, 'states-ready-summary');

    await loads(page, () => summary.getByRole('button', { name: 'Run checks' }).click());
    expect(await page.locator('#summary').isVisible()).toBe(true);

    await loads(page, () => page.getByRole('link', { name: 'Edit' }).click());
    expect(new URL(page.url()).search).toBe('?edit=1');
    expect(await page.locator('#step-site').isVisible()).toBe(true);
    expect(await text('main')).not.toContain('While Jira cannot be made safe');
    await loads(page, () => page.getByRole('link', { name: 'Done: back to the summary' }).click());
    expect(await page.locator('#summary').isVisible()).toBe(true);
  });

  it('the audit page names people by email and keeps event names whole, from 320 px up', async () => {
    await page.goto(`${targetUrl}/audit`);
    expect(await text('table.audit')).toContain(EMAIL);
    expect(await text('table.audit')).not.toContain('user:');
    for (const width of [320, 480, 700, 1100]) {
      await page.setViewportSize({ width, height: 800 });
      const broken = await page
        .locator('table.audit .action')
        .evaluateAll((spans) =>
          spans
            .filter((span) => span.getClientRects().length > 1 || span.getBoundingClientRect().right > span.closest('td')!.getBoundingClientRect().right + 1)
            .map((span) => span.textContent),
        );
      expect(broken, `at ${width} px`).toEqual([]);
      if (width === 320) await screenshot(page, 'states-320-audit');
    }
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('made no request beyond loopback and logged no console error', () => {
    expect(rig.watch.offLoopback()).toEqual([]);
    expect(rig.watch.unexpectedErrors()).toEqual([]);
  });
});
