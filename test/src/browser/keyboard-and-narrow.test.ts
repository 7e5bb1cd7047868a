import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DataCenterWorld } from '../support/data-center-world';
import { dataCenterRig, startBrowserDataCenterWorld, type BrowserRig } from './support/browser-worlds';
import { ADMIN_PASSWORD } from './support/sign-in';
import { byId, byText, focused, tabOrder, tabTo } from './support/keyboard';
import { screenshot } from './support/screenshots';
import { launchChromium } from './support/chromium';
import { watchBrowser } from './support/page-watch';
import { loads } from './support/loads';

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

const press = (key: 'Enter' | 'Space') => page.keyboard.press(key === 'Space' ? ' ' : 'Enter');
const pathIs = (path: string | RegExp) => page.waitForURL((url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)));

describe('the Data Center wizard with the keyboard alone (Tab, Enter, Space and typing)', () => {
  it('signs in, chooses Data Center, and takes the target to ready', async () => {
    await page.goto(`${rig.origin}/setup?token=${rig.setupToken}`);
    await tabTo(page, byId('email'));
    await page.keyboard.type('keys@acme.test');
    await tabTo(page, byId('password'));
    await page.keyboard.type(ADMIN_PASSWORD);
    await press('Enter');
    await pathIs('/settings');

    await tabTo(page, (element) => element.tag === 'a' && element.text === 'Connect a Jira target');
    await press('Enter');
    await pathIs('/settings/targets/new');
    await tabTo(page, byText('Jira Data Center'));
    await press('Enter');
    await pathIs('/settings/targets/new/data-center');
    await tabTo(page, byId('target-name'));
    await page.keyboard.type('Keyboard Jira');
    await press('Enter');
    await pathIs(/^\/settings\/targets\/tgt_/);
    targetUrl = page.url();

    await tabTo(page, byId('attest-owns_site'));
    await press('Space');
    for (const id of ['attest-issue_api_reachable', 'attest-scan_export_authorized']) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe(id);
      await press('Space');
    }
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('base_url');
    await page.keyboard.type(world.jira.baseUrl);
    await press('Enter'); // the form's first button: Check URL, answered in place
    await expect.poll(() => page.locator('#url-verdict').textContent()).toMatch(/^Allowed: /);
    await tabTo(page, byText('Save URL'));
    await press('Enter');
    await page.waitForURL((url) => url.hash === '#step-ownership');

    const name = (await page.locator('#txt-name').textContent())!.trim();
    const value = (await page.locator('#txt-value').textContent())!.trim();
    world.dns.setTxt(name, [[value]]);
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Copy the TXT record name');
    await press('Space');
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/Copied/);
    await tabTo(page, byText('Run checks'));
    await press('Enter');
    await expect.poll(() => page.locator('#announcer').textContent(), { timeout: 10_000 }).toMatch(/^Checks finished: 3 passed/);
    expect(await page.locator('#readiness').textContent()).toContain('PROVIDER_AUTH_REQUIRED');

    await tabTo(page, byId('pat'));
    await page.keyboard.type(world.jira.issuePat());
    await press('Enter');
    await page.waitForURL((url) => url.hash === '#step-save');
    await tabTo(page, byText('Save target'));
    await press('Space');
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('ready');
  });

  it('visits the controls in the order of the steps', async () => {
    await page.goto(`${targetUrl}?edit=1`);
    const order = await tabOrder(page, 40);
    const steps = [
      'main',
      'attest-owns_site',
      'attest-issue_api_reachable',
      'attest-scan_export_authorized',
      'base_url',
      'Check URL',
      'Save URL',
      'Copy the TXT record name',
      'allowlist_declaration',
      'Save network path',
      'Run checks',
      'pat',
      'Verify and store token',
      'Disconnect this target…',
    ];
    const positions = steps.map((step) => (step === 'main' ? order.indexOf('Skip to content') : order.indexOf(step)));
    expect(
      positions.every((position) => position >= 0),
      `tab order was: ${order.join(' | ')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is readable at 320 px wide: no page scrolls sideways', async () => {
    await page.setViewportSize({ width: 320, height: 720 });
    const targetPath = new URL(targetUrl).pathname;
    for (const [path, name] of [
      ['/settings', '320-status'],
      [targetPath, '320-target'],
      ['/settings/targets/new', '320-new'],
      ['/settings/targets/new/cloud', '320-cloud-methods'],
      [`${targetPath}/revoke`, '320-revoke'],
      [`${targetPath}/audit`, '320-audit'],
      ['/settings/portable-fallback', '320-fallback'],
      ['/settings/api-tokens', '320-api-tokens'],
    ] as const) {
      await page.goto(`${rig.origin}${path}`);
      await screenshot(page, name);
    }
  });

  it('works as plain forms with JavaScript off: URL verdict, checks, token and save', async () => {
    const plain = await launchChromium({ javaScriptEnabled: false });
    const watch = watchBrowser(plain.context);
    try {
      const tab = await plain.newPage();
      await tab.goto(`${rig.origin}/login`);
      await tab.getByLabel('Email').fill('keys@acme.test');
      await tab.getByLabel('Password').fill(ADMIN_PASSWORD);
      await loads(tab, () => tab.getByRole('button', { name: 'Sign in' }).click());
      await tab.goto(`${rig.origin}/settings/targets/new`);
      await loads(tab, () => tab.getByRole('button', { name: 'Jira Data Center' }).click());
      await tab.getByLabel('Name', { exact: true }).fill('Plain forms Jira');
      await loads(tab, () => tab.getByRole('button', { name: 'Create and continue' }).click());
      await tab.getByLabel('Jira base URL').fill(world.jira.baseUrl);
      await loads(tab, () => tab.getByRole('button', { name: 'Check URL' }).click());
      expect(await tab.locator('#url-verdict').textContent()).toMatch(/^Allowed: /);
      expect(await tab.getByLabel('Jira base URL').inputValue()).toBe(world.jira.baseUrl);
      expect(await tab.getByRole('button', { name: /^Copy/ }).count()).toBe(0);
      for (const label of [/own or administer/, /issue API may be reached/, /We authorize WebRiskOps/]) await tab.getByLabel(label).check();
      await loads(tab, () => tab.getByRole('button', { name: 'Save URL' }).click());
      world.dns.setTxt((await tab.locator('#txt-name').textContent())!.trim(), [[(await tab.locator('#txt-value').textContent())!.trim()]]);
      await loads(tab, () => tab.getByRole('button', { name: 'Run checks' }).click());
      expect(await tab.locator('[data-check="network"] .check-status').textContent()).toBe('passed');
      await tab.getByLabel(/^Token/).fill(world.jira.issuePat());
      await loads(tab, () => tab.getByRole('button', { name: 'Verify and store token' }).click());
      await loads(tab, () => tab.getByRole('button', { name: 'Save target' }).click());
      expect(await tab.locator('h1 .badge').textContent()).toBe('ready');
      expect(watch.offLoopback()).toEqual([]);
      expect(watch.unexpectedErrors()).toEqual([]);
    } finally {
      await plain.close();
    }
  }, 40_000); // a plain form answers with a redirect and its page: two round trips per form, eight forms

  it('made no request beyond loopback and logged no console error', () => {
    expect(rig.watch.offLoopback()).toEqual([]);
    expect(rig.watch.unexpectedErrors()).toEqual([]);
  });
});
