import type { z } from 'zod';
import { FORGE_REMOTE_ERROR_INFO, FORGE_REMOTE_ROUTES, forgeRemoteErrorSchema, type ForgeRemoteRouteName } from '@shared/forge-remote-contract';

/**
 * The slice of `@forge/bridge`'s `invokeRemote` the page uses. The real one is passed in by
 * `index.tsx`; tests pass a fake, so nothing here needs a Forge host.
 */
export type InvokeRemote = (input: { path: string; method: 'GET' | 'POST'; body?: unknown }) => Promise<{ status: number; body?: unknown }>;

/** An error as the page shows it: what happened and the one thing to do next. */
export interface PageError {
  code: string;
  message: string;
  nextAction: string;
}

export type RemoteResult<T> = { ok: true; value: T } | { ok: false; error: PageError };

/** Errors the page raises itself (no companion answer to show). */
export const PAGE_ERRORS = {
  REMOTE_UNREACHABLE: {
    code: 'REMOTE_UNREACHABLE',
    message: 'Jira could not reach the WebRiskOps companion.',
    nextAction: 'Reload this page. If it keeps failing, ask the WebRiskOps operator whether the companion is running at the address in the app manifest.',
  },
  COMPANION_ERROR: {
    code: 'COMPANION_ERROR',
    message: 'The WebRiskOps companion answered with an error and no explanation.',
    nextAction: 'Try again in a minute. If it persists, send the time of this attempt to the WebRiskOps operator so they can read the companion log.',
  },
  UNEXPECTED_ANSWER: {
    code: 'UNEXPECTED_ANSWER',
    message: 'The WebRiskOps companion answered in a form this page does not understand.',
    nextAction: 'Ask the WebRiskOps operator to update the companion, then reload this page (the app and the companion must be of matching versions).',
  },
  PAIRING_CODE_FORMAT: {
    code: 'PAIRING_CODE_FORMAT',
    message: 'That is not a WebRiskOps pairing code.',
    nextAction: 'Copy the whole code from WebRiskOps (Jira target > Connect Jira Cloud): WRO- followed by 26 letters and digits.',
  },
} as const satisfies Record<string, PageError>;

/**
 * Calls one contract route and reads its answer with the contract's schema. Never throws: a bridge
 * failure, an error envelope, a bare non-2xx and an answer of the wrong shape all become a
 * `PageError` with a next action.
 */
export async function callRemote<S extends z.ZodType>(
  invokeRemote: InvokeRemote,
  route: ForgeRemoteRouteName,
  answerSchema: S,
  body?: unknown,
): Promise<RemoteResult<z.infer<S>>> {
  const { method, path } = FORGE_REMOTE_ROUTES[route];
  let response: { status: number; body?: unknown };
  try {
    response = await invokeRemote(body === undefined ? { path, method } : { path, method, body });
  } catch {
    return { ok: false, error: PAGE_ERRORS.REMOTE_UNREACHABLE };
  }
  if (response.status >= 200 && response.status < 300) {
    const parsed = answerSchema.safeParse(response.body);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: PAGE_ERRORS.UNEXPECTED_ANSWER };
  }
  return { ok: false, error: errorFromAnswer(response.status, response.body) };
}

/** The page error for a non-2xx answer: the companion's envelope when it sent one. */
export function errorFromAnswer(status: number, body: unknown): PageError {
  const envelope = forgeRemoteErrorSchema.safeParse(body);
  if (envelope.success) {
    const { code, message, next_action: nextAction } = envelope.data.error;
    return { code, message, nextAction };
  }
  if (status === 401) {
    // Forge reserves 401 for "the remote could not verify the invocation token".
    const info = FORGE_REMOTE_ERROR_INFO.FORGE_INVOCATION_INVALID;
    return { code: 'FORGE_INVOCATION_INVALID', message: info.message, nextAction: info.nextAction };
  }
  return PAGE_ERRORS.COMPANION_ERROR;
}
