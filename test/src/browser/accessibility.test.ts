import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCloudCompanion, startCloudWorld, type CloudWorld } from '../support/cloud-world';
import { oauthEnv } from '../support/oauth-flow';
import { startBrowserRig, type BrowserRig } from './support/browser-worlds';
import { ADMIN_PASSWORD } from './support/sign-in';
import { expectAccessible } from './support/accessibility';
import { loads } from './support/loads';
import { screenshot } from './support/screenshots';

/**
 * axe-core on the pages and states the Data Center and Cloud walkthroughs do not photograph
 * (those run it through `screenshot()`): setup link, sign-in, the API tokens page, the OAuth and
 * API-token forms and their refusals, the error pages. Companion with an OAuth client configured.
 */
const EMAIL = 'a11y-admin@acme.test';
const SETUP_LINK_TTL_MS = 15 * 60 * 1000;
const TOKEN = /wro_[a-z0-9]{10}_[A-Za-z0-9_-]{43}/;
let world: CloudWorld;
let rig: BrowserRig;
let page: Page;

beforeAll(async () => {
  world = await startCloudWorld();
  rig = await startBrowserRig(() => startCloudCompanion(world, oauthEnv(world)));
  page = await rig.browser.newPage();
});
afterAll(async () => {
  await rig?.close();
  await world?.close();
});

const visit = (path: string) => page.goto(`${rig.origin}${path}`);
const setupPath = () => `/setup?token=${encodeURIComponent(rig.setupToken)}`;

describe('every page and state passes axe-core (no serious or critical violation)', () => {
  it('the setup link: expired, valid, refused, and used', async () => {
    world.advance(SETUP_LINK_TTL_MS + 1000);
    await visit(setupPath());
    expect(await page.locator('[role=alert]').textContent()).toMatch(/expired or was replaced by a newer one/);
    await expectAccessible(page, 'setup link expired');
    world.advance(-(SETUP_LINK_TTL_MS + 1000));

    await visit(setupPath());
    await expectAccessible(page, 'setup link valid');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel(/^Password/).fill('short');
    // The server's own refusal, past the browser's minlength check.
    await page.evaluate(() => document.querySelector('form')!.setAttribute('novalidate', ''));
    await loads(page, () => page.getByRole('button', { name: 'Create admin and sign in' }).click());
    expect(await page.locator('[role=alert]').count()).toBe(1);
    await expectAccessible(page, 'setup link refused');

    await page.getByLabel(/^Password/).fill(ADMIN_PASSWORD);
    await loads(page, () => page.getByRole('button', { name: 'Create admin and sign in' }).click());
    expect(new URL(page.url()).pathname).toBe('/settings');
    await expectAccessible(page, 'status page, no target');

    await visit(setupPath());
    expect(await page.locator('[role=alert]').textContent()).toMatch(/which has an admin now/);
    await expectAccessible(page, 'setup link used');
  });

  it('sign-in: empty and refused', async () => {
    await visit('/settings');
    await loads(page, () => page.getByRole('button', { name: 'Sign out' }).click());
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectAccessible(page, 'sign-in');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password at all');
    await loads(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    expect(await page.locator('[role=alert]').textContent()).toContain('Email or password is wrong');
    await expectAccessible(page, 'sign-in refused');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await loads(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    expect(new URL(page.url()).pathname).toBe('/settings');
  });

  it('API tokens: create (shown once, copied), reload shows nothing, revoke after confirming', async () => {
    await rig.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.origin });
    await loads(page, () => page.getByRole('link', { name: 'API tokens' }).click());
    expect(new URL(page.url()).pathname).toBe('/settings/api-tokens');
    await expectAccessible(page, 'API tokens, none yet');

    await page.getByLabel(/Export: reads targets/).check();
    await page.getByLabel('Label (optional)').fill('nightly export');
    await loads(page, () => page.getByRole('button', { name: 'Create token' }).click());
    expect(new URL(page.url()).pathname).toBe('/settings/api-tokens');
    const shown = (await page.locator('#new-token').textContent())!.trim();
    expect(shown).toMatch(TOKEN);
    await page.getByRole('button', { name: 'Copy the new token' }).click();
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/Copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await screenshot(page, 'api-tokens-shown');
    const prefix = shown.slice(0, 14);
    expect((await page.locator('tbody tr').allTextContents()).filter((row) => row.includes('nightly export'))).toEqual([expect.stringContaining(prefix)]);

    await page.reload();
    expect(await page.locator('#new-token').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toMatch(TOKEN);
    expect((await page.locator('tbody tr').allTextContents()).filter((row) => row.includes('nightly export'))).toEqual([expect.stringContaining(prefix)]);
    const listed = (await rig.companion.cli(['token', 'list', '--workspace', 'default'])).stdout;
    expect(listed.match(/"label":"nightly export"/g)).toHaveLength(1);

    // The token works until it is revoked here.
    expect((await rig.companion.request('GET', '/api/v1/targets', { token: shown })).status).toBe(200);
    await loads(page, () => page.getByRole('link', { name: `Revoke ${prefix}` }).click());
    await expectAccessible(page, 'API token revoke confirmation');
    await loads(page, () => page.getByRole('button', { name: `Revoke ${prefix}` }).click());
    expect(await page.locator('main [role=status]').textContent()).toContain(`Token ${prefix} is revoked`);
    await expectAccessible(page, 'API token revoked');
    expect((await rig.companion.request('GET', '/api/v1/targets', { token: shown })).status).toBe(401);
    await page.reload();
    expect(await page.locator('main').textContent()).not.toMatch(TOKEN);
  });

  it('new target choice, Cloud method choice, OAuth and API-token forms and their refusals', async () => {
    await visit('/settings/targets/new');
    await expectAccessible(page, 'new target: choose where Jira runs');
    await loads(page, () => page.getByRole('button', { name: 'Jira Cloud' }).click());
    await expectAccessible(page, 'Cloud: choose the method (OAuth configured)');

    await page.getByLabel('Name', { exact: true }).fill('Acme Cloud OAuth');
    await loads(page, () => page.getByRole('button', { name: 'Connect with OAuth' }).click());
    await expectAccessible(page, 'Cloud OAuth form');
    await page.getByLabel('Your Jira Cloud site').fill('https://acme.atlassian.net/jira');
    await loads(page, () => page.getByRole('button', { name: 'Connect with Atlassian' }).click());
    expect(await page.locator('#step-oauth [role=alert]').count()).toBe(1);
    await expectAccessible(page, 'Cloud OAuth form refused');

    await visit('/settings/targets/new/cloud');
    await page.getByLabel('Name', { exact: true }).fill('Acme Cloud token');
    await loads(page, () => page.getByRole('button', { name: 'Use an API token' }).click());
    await expectAccessible(page, 'Cloud API-token form');
    await page.getByLabel('Your Jira Cloud site').fill('https://10.0.0.7');
    await page.getByLabel('Atlassian account email').fill('admin@acme.test');
    await page.getByLabel(/^API token/).fill('x'.repeat(24));
    await loads(page, () => page.getByRole('button', { name: 'Verify and store token' }).click());
    expect(await page.locator('#step-api-token [role=alert]').count()).toBe(1);
    await expectAccessible(page, 'Cloud API-token form refused');
  });

  it('portable fallback, not found and forbidden pages', async () => {
    await visit('/settings/portable-fallback');
    await expectAccessible(page, 'portable fallback');
    await visit('/settings/no-such-page');
    expect(await page.locator('h1').textContent()).toBe('Not found');
    await expectAccessible(page, '404 page');
    await visit('/settings/targets/tgt_doesnotexist');
    await expectAccessible(page, '404 target');
    await visit('/settings/api-tokens');
    await page.evaluate(() => {
      const field = document.querySelector<HTMLInputElement>('form[action="/settings/api-tokens"] input[name="_csrf"]')!;
      field.value = 'forged';
    });
    await loads(page, () => page.getByRole('button', { name: 'Create token' }).click());
    expect(await page.locator('[role=alert]').textContent()).toContain('FORBIDDEN');
    await expectAccessible(page, '403 page (form expired)');
  });

  it('fails with a readable list when a page has a serious violation (the check can fail)', async () => {
    await visit('/settings/portable-fallback');
    await page.evaluate(() => {
      const field = document.createElement('input');
      field.type = 'text';
      field.id = 'unlabelled';
      const faint = document.createElement('p');
      faint.textContent = 'barely visible';
      faint.style.color = '#f4f5f7';
      document.querySelector('main')!.append(field, faint);
    });
    const failure = await expectAccessible(page, 'a page with an unlabelled field').then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/^a page with an unlabelled field \(\/settings\/portable-fallback\): 2 serious or critical accessibility violation/);
    expect(failure).toMatch(/\[critical\] label: .* at #unlabelled/);
    expect(failure).toMatch(/\[serious\] color-contrast: .*barely visible/);
  });

  it('made no request beyond loopback and logged no console error', () => {
    expect(rig.watch.offLoopback()).toEqual([]);
    expect(rig.watch.unexpectedErrors()).toEqual([]);
  });
});
