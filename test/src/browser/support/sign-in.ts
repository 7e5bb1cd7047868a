import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const ADMIN_PASSWORD = 'correct horse battery staple';

/** Creates the first admin through the one-time setup page, as the operator's link leads there. */
export async function createFirstAdmin(page: Page, origin: string, setupToken: string, email: string): Promise<void> {
  await page.goto(`${origin}/setup?token=${encodeURIComponent(setupToken)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/settings');
}

/** Signs out from the header, then in again through /login. */
export async function signOutAndIn(page: Page, origin: string, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/settings');
  expect(page.url().startsWith(origin)).toBe(true);
}
