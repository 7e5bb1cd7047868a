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
});
afterAll(async () => {
  await rig?.close();
  await world?.close();
});

const optionTexts = (select: string) => page.locator(`${select} option`).allTextContents();

describe('the Jira export mapping step, in a real browser', () => {
  it('offers the choices of the chosen project from the fake’s create metadata, saves, validates and sends a test issue', async () => {
    await createFirstAdmin(page, rig.origin, rig.setupToken, 'mapping-admin@acme.test');
    const { id } = await connectReadyDataCenterTarget(world, rig.companion, rig.admin);
    await loads(page, () => page.goto(`${rig.origin}/settings/targets/${id}`));
    await loads(page, () => page.getByRole('link', { name: 'Set the export mapping' }).click());
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Jira export mapping');
    expect(await optionTexts('#project_key')).toEqual(['Choose a project…', 'Security (SEC)', 'Operations (OPS)']);

    // Choosing the project is a plain GET form: the page comes back with that project's choices.
    await page.getByLabel('Project').selectOption('OPS');
    await loads(page, () => page.getByRole('button', { name: 'Show this project’s choices' }).click());
    expect(new URL(page.url()).searchParams.get('project_key')).toBe('OPS');
    expect(await optionTexts('#issue_type_id')).toEqual(['Task']);
    // OPS allows only High and Medium, and requires a component (Web).
    expect(await optionTexts('#priority_critical')).toEqual(['Jira’s default', 'High', 'Medium']);
    expect(await optionTexts('#field_components')).toEqual(['Choose…', 'Web']);

    await page.getByLabel('critical').selectOption({ label: 'High' });
    await page.getByLabel('high', { exact: true }).selectOption({ label: 'High' });
    await page.getByLabel('medium').selectOption({ label: 'Medium' });
    await page.getByLabel(/Component\/s/).selectOption({ label: 'Web' });
    await page.getByLabel('Labels').fill('appsec triage');
    await loads(page, () => page.getByRole('button', { name: 'Save mapping' }).click());
    expect(new URL(page.url()).searchParams.get('saved')).toBe('1');
    expect(await page.locator('main').textContent()).toContain('Saved: export jobs that send a finding alone use this mapping.');
    expect(await page.locator('section[aria-labelledby="saved-title"] p').first().textContent()).toBe('OPS / issue type Task (10002) · labels appsec, triage');
    expect(await page.getByLabel('critical').inputValue()).toBe('2');
    expect(await page.getByLabel(/Component\/s/).inputValue()).toBe('10000');

    const saved = await rig.companion.request('GET', `/api/v1/targets/${id}/export-profile`, { token: rig.admin });
    expect(saved.json.profile).toEqual({
      project_key: 'OPS',
      issue_type_id: '10002',
      severity_priority_ids: { critical: '2', high: '2', medium: '3' },
      labels: ['appsec', 'triage'],
      extra_fields: { components: [{ id: '10000' }] },
    });

    await loads(page, () => page.getByRole('button', { name: 'Validate' }).click());
    expect(await page.locator('#validation').textContent()).toContain('Every check passed');
    expect(await page.locator('#validation').textContent()).toContain('Transition Issues in OPS');

    await loads(page, () => page.getByRole('button', { name: 'Send a test issue' }).click());
    const link = page.locator('#test-issue a');
    expect(await link.textContent()).toBe('OPS-1');
    expect(await link.getAttribute('href')).toBe(`${world.jira.baseUrl}/browse/OPS-1`);
    expect(world.jira.issues.at(-1)!.fields.labels).toEqual(['appsec', 'triage', 'webriskops-test']);
    await screenshot(page, 'export-mapping');
  });
});
