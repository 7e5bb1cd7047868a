import type { Page } from 'playwright-core';

/** Runs an action that submits a form or follows a link, and waits until the next document has loaded. */
export async function loads(page: Page, action: () => Promise<unknown>): Promise<void> {
  const loaded = page.waitForEvent('load');
  await action();
  await loaded;
}
