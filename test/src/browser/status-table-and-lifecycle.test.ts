import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectReadyDataCenterTarget, type DataCenterWorld } from '../support/data-center-world';
import { dataCenterRig, startBrowserDataCenterWorld, type BrowserRig } from './support/browser-worlds';
import { createFirstAdmin } from './support/sign-in';
import { screenshot } from './support/screenshots';
import { loads } from './support/loads';

let world: DataCenterWorld;
let rig: BrowserRig;
let page: Page;

beforeAll(async () => {
  world = await startBrowserDataCenterWorld();
  rig = await dataCenterRig(world);
  page = await rig.browser.newPage();
  await createFirstAdmin(page, rig.origin, rig.setupToken, 'lifecycle@acme.test');
});
afterAll(async () => {
  await rig?.close();
  await world?.close();
});

type Target = { id: string; name: string; state: string };
const targets = async () => (await rig.companion.request('GET', '/api/v1/targets', { token: rig.admin })).json.targets as Target[];

/** Every audit row of every listed target, and the targets: what a repeated POST would add to. */
async function snapshot() {
  const listed = await targets();
  let audit = 0;
  for (const target of listed) audit += (await rig.companion.request('GET', `/api/v1/targets/${target.id}/audit`, { token: rig.admin })).json.events.length;
  return { names: listed.map((target) => `${target.name}:${target.state}`).sort(), audit };
}

/** Reload, and back then reload: neither repeats the POST that led here. */
async function reloadRepeatsNothing(after: Awaited<ReturnType<typeof snapshot>>) {
  await page.reload();
  expect(await snapshot()).toEqual(after);
  await page.goBack();
  await page.reload();
  await page.goForward();
  await page.reload();
  expect(await snapshot()).toEqual(after);
}

describe('target lifecycle through the pages: named, renamed, deleted; no reload repeats a form', () => {
  it('choosing a provider creates nothing; the name step does, once', async () => {
    await page.goto(`${rig.origin}/settings/targets/new`);
    await loads(page, () => page.getByRole('button', { name: 'Jira Data Center' }).click());
    expect(new URL(page.url()).pathname).toBe('/settings/targets/new/data-center');
    await page.reload();
    expect(await targets()).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('Jira production');
    await loads(page, () => page.getByRole('button', { name: 'Create and continue' }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/settings\/targets\/tgt_/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Jira production');
    const after = await snapshot();
    expect(after.names).toEqual(['Jira production:draft']);
    await reloadRepeatsNothing(after);
  });

  it('a taken name is refused inline, keeping what was typed, and a reload creates nothing', async () => {
    await page.goto(`${rig.origin}/settings/targets/new/data-center`);
    await page.getByLabel('Name', { exact: true }).fill('Jira production');
    await loads(page, () => page.getByRole('button', { name: 'Create and continue' }).click());
    expect(new URL(page.url()).pathname).toBe('/settings/targets/new/data-center');
    expect(await page.locator('[role=alert]').textContent()).toMatch(/TARGET_NAME_TAKEN.*Jira production.*Next action:/s);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Jira production');
    await screenshot(page, 'new-name-taken');
    await reloadRepeatsNothing(await snapshot());
    expect((await targets()).length).toBe(1);
  });

  it('renames from the status table, and a taken name keeps what was typed', async () => {
    await page.goto(`${rig.origin}/settings`);
    await loads(page, () => page.getByRole('link', { name: 'Rename Jira production' }).click());
    await page.getByLabel('Name', { exact: true }).fill('  Jira staging  ');
    await loads(page, () => page.getByRole('button', { name: 'Save the name' }).click());
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Jira staging');
    const after = await snapshot();
    expect(after.names).toEqual(['Jira staging:draft']);
    await reloadRepeatsNothing(after);

    const other = (await rig.companion.request('POST', '/api/v1/targets', { token: rig.admin, body: { provider_key: 'jira_data_center', name: 'Taken' } }))
      .json;
    await page.goto(`${rig.origin}/settings`);
    await loads(page, () => page.getByRole('link', { name: 'Rename Jira staging' }).click());
    await page.getByLabel('Name', { exact: true }).fill('Taken');
    await loads(page, () => page.getByRole('button', { name: 'Save the name' }).click());
    expect(await page.locator('[role=alert]').textContent()).toContain('TARGET_NAME_TAKEN');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Taken');
    await reloadRepeatsNothing(await snapshot());
    expect((await rig.companion.request('DELETE', `/api/v1/targets/${other.id}/draft`, { token: rig.admin })).status).toBe(200);
  });

  it('deletes a draft after a confirmation, and says so once', async () => {
    const draft = (await rig.companion.request('POST', '/api/v1/targets', { token: rig.admin, body: { provider_key: 'jira_data_center', name: 'Scratch' } }))
      .json;
    await page.goto(`${rig.origin}/settings`);
    await loads(page, () => page.getByRole('link', { name: 'Delete Scratch' }).click());
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Delete the draft Scratch?');
    await loads(page, () => page.getByRole('button', { name: 'Delete the draft' }).click());
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await page.locator('main [role=status]').textContent()).toContain('The draft "Scratch" is deleted');
    const after = await snapshot();
    expect(after.names).toEqual(['Jira staging:draft']);
    expect((await rig.companion.request('GET', `/api/v1/targets/${draft.id}`, { token: rig.admin })).status).toBe(404);
    await reloadRepeatsNothing(after);
  });

  it('runs checks from the table and comes back to it; disconnects a target with no credential without asking to revoke anything', async () => {
    const { id } = await connectReadyDataCenterTarget(world, rig.companion, rig.admin);
    const ready = (await targets()).find((target) => target.id === id)!;
    await page.goto(`${rig.origin}/settings`);
    await loads(page, () => page.getByRole('button', { name: `Run checks ${ready.name}` }).click());
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await page.locator('main [role=status]').textContent()).toContain(`Checks of "${ready.name}" ran again.`);
    await reloadRepeatsNothing(await snapshot());

    // A draft holding nothing offers Delete in the table, not Disconnect; its own page still offers to disconnect it.
    expect(await page.getByRole('link', { name: 'Disconnect Jira staging' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Delete Jira staging' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: `Disconnect ${ready.name}` }).count()).toBe(1);
    await loads(page, () => page.getByRole('link', { name: 'Open Jira staging' }).click());
    await loads(page, () => page.getByRole('link', { name: 'Disconnect this target…' }).click());
    const main = page.locator('main');
    expect(await main.textContent()).toContain('No credential is stored, so none is destroyed.');
    expect(await main.textContent()).not.toMatch(/Revoke it on the .* side too/);
    expect(await main.textContent()).toContain('nothing to revoke on the Jira side');
    await loads(page, () => page.getByRole('button', { name: 'Disconnect', exact: true }).click());
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Jira staging is disconnected');
    expect(await main.textContent()).not.toMatch(/Revoke it (there|on)/);
    const after = await snapshot();
    expect(after.names).toContain('Jira staging:revoked');
    await reloadRepeatsNothing(after);
  });

  it('filters by state with a plain GET link', async () => {
    await page.goto(`${rig.origin}/settings`);
    await loads(page, () => page.getByRole('link', { name: /^Disconnected \(1\)$/ }).click());
    expect(new URL(page.url()).search).toBe('?state=revoked');
    expect(await page.locator('table.status tbody tr').allTextContents()).toEqual([expect.stringContaining('Jira staging')]);
    await page.goto(`${rig.origin}/settings?state=<script>`);
    expect(await page.locator('table.status tbody tr').count()).toBe((await targets()).length);
    expect(await page.content()).not.toContain('<script>');
  });

  it('ten targets fit one screen at 1280×800, and the table becomes stacked rows at 320 px', async () => {
    for (let i = (await targets()).length; i < 10; i += 1) {
      const body =
        i % 2 ? { provider_key: 'jira_cloud', auth_method: 'api_token', name: `Cloud ${i}` } : { provider_key: 'jira_data_center', name: `Data Center ${i}` };
      expect((await rig.companion.request('POST', '/api/v1/targets', { token: rig.admin, body })).status).toBe(201);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${rig.origin}/settings`);
    const rows = page.locator('table.status tbody tr');
    expect(await rows.count()).toBe(10);
    const last = (await rows.last().boundingBox())!;
    expect(last.y + last.height, 'the tenth row ends inside the first screen').toBeLessThanOrEqual(800);
    await screenshot(page, 'status-ten-targets');

    await page.setViewportSize({ width: 320, height: 720 });
    await page.reload();
    const display = await rows.first().evaluate((row) => getComputedStyle(row).display);
    expect(display).toBe('block');
    await screenshot(page, '320-status-table');
  });

  it('made no request beyond loopback and logged no console error', () => {
    expect(rig.watch.offLoopback()).toEqual([]);
    expect(rig.watch.unexpectedErrors()).toEqual([]);
  });
});
