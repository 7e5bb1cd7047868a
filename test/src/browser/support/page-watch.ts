import type { BrowserContext, Page } from 'playwright-core';

/**
 * Records what the browser does: every request (to prove none leaves loopback) and every console
 * error or page error. A refused form answers 4xx and chromium logs that document's status as a
 * console error; those are expected exactly when a document came back with that status.
 */
export interface BrowserWatch {
  readonly requests: string[];
  readonly consoleErrors: string[];
  /** Requests whose host is not 127.0.0.1. */
  offLoopback(): string[];
  /** Console errors that are not the status line of a refused form's document. */
  unexpectedErrors(): string[];
}

export function watchBrowser(context: BrowserContext): BrowserWatch {
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const refusedDocumentStatuses = new Set<number>();
  const watchPage = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document' && response.status() >= 400) refusedDocumentStatuses.add(response.status());
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  context.on('request', (request) => requests.push(request.url()));
  return {
    requests,
    consoleErrors,
    offLoopback: () => requests.filter((url) => new URL(url).hostname !== '127.0.0.1'),
    unexpectedErrors: () =>
      consoleErrors.filter((text) => {
        const status = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text)?.[1];
        return !(status && refusedDocumentStatuses.has(Number(status)));
      }),
  };
}
