import type { Page } from 'playwright-core';

/** What identifies the focused element: tag, id, type, name, value and visible text. */
export interface FocusedElement {
  tag: string;
  id: string;
  type: string;
  name: string;
  text: string;
}

/** The element that has keyboard focus now. */
export function focused(page: Page): Promise<FocusedElement> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      type: element?.getAttribute('type') ?? '',
      name: element?.getAttribute('name') ?? '',
      text: (element?.textContent ?? '').trim(),
    };
  });
}

/** Presses Tab (only Tab) until `matches` holds for the focused element; fails after `limit` presses. */
export async function tabTo(page: Page, matches: (element: FocusedElement) => boolean, limit = 60): Promise<FocusedElement> {
  const seen: string[] = [];
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (matches(element)) return element;
    seen.push(`${element.tag}#${element.id}[${element.name}] ${element.text.slice(0, 30)}`);
  }
  throw new Error(`Tab never reached the element; focus went through:\n${seen.join('\n')}`);
}

/** The ids (or names, or texts) of the elements Tab visits from the top of the page, in order. */
export async function tabOrder(page: Page, presses: number): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const order: string[] = [];
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    order.push(element.id || element.name || element.text);
  }
  return order;
}

export const byId = (id: string) => (element: FocusedElement) => element.id === id;
export const byText = (text: string) => (element: FocusedElement) => element.text === text;
