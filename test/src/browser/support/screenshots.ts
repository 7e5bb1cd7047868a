import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './accessibility';

/** Where screenshots go: WRO_SCREENSHOT_DIR (e.g. docs/screenshots) or /tmp. */
const directory = process.env.WRO_SCREENSHOT_DIR ?? '/tmp';

/**
 * Asserts the page is whole (our stylesheet applied, a heading, no horizontal scroll) and saves a
 * full-page screenshot as wro-<name>.png, so a broken page fails the test that photographs it.
 * Every page photographed is also checked with axe-core (no serious or critical violation).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const health = await page.evaluate(() => ({
    styled: getComputedStyle(document.querySelector('header.top') ?? document.body).backgroundColor === 'rgb(7, 71, 166)',
    heading: document.querySelector('h1')?.textContent?.trim() ?? '',
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  expect(health.styled, `${name}: the stylesheet did not apply`).toBe(true);
  expect(health.heading, `${name}: no h1`).not.toBe('');
  expect(health.overflow, `${name}: scrolls sideways`).toBeLessThanOrEqual(0);
  await expectAccessible(page, name);
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `wro-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
