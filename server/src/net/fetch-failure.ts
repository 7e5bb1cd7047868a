import { ResponseTooLargeError } from './read-capped-body';

/** Why a permitted request still produced no response. */
export type FetchFailureKind = 'timeout' | 'aborted' | 'connect' | 'tls' | 'too-large' | 'protocol';

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * Maps what undici throws to a closed set of failure kinds with a short message that never quotes
 * headers or bodies (credentials travel in headers).
 */
export function classifyFetchError(error: unknown, timedOut: boolean): { failure: FetchFailureKind; message: string } {
  if (error instanceof ResponseTooLargeError) return { failure: 'too-large', message: error.message };
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const name = (error as { name?: unknown } | null)?.name;
  const code = codeOf(cause) || codeOf(error);
  if (timedOut || name === 'TimeoutError' || code === 'ETIMEDOUT' || code.endsWith('_TIMEOUT')) {
    return { failure: 'timeout', message: 'The request timed out.' };
  }
  if (name === 'AbortError') return { failure: 'aborted', message: 'The request was aborted.' };
  if (/CERT|TLS|SSL|UNABLE_TO_VERIFY|SELF_SIGNED|HOSTNAME|ALTNAME/.test(code)) {
    return { failure: 'tls', message: `The TLS certificate was not accepted (${code}).` };
  }
  if (/^E[A-Z]+$/.test(code)) return { failure: 'connect', message: `The connection failed (${code}).` };
  return { failure: 'protocol', message: `The request failed${code ? ` (${code})` : ''}.` };
}
