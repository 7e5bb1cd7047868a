import { BLOCKED_CODE_INFO, FORGE_REMOTE_ERROR_INFO, type BlockedCode, type ForgeRemoteErrorCode } from '@webriskops/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Non-blocking API error codes; blocked codes come from shared/. */
export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'MALFORMED_JSON'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ATTESTATION_REQUIRED'
  | 'FORGE_NOT_CONFIGURED'
  | 'OAUTH_NOT_CONFIGURED'
  | 'JIRA_REJECTED'
  | 'JIRA_UNAVAILABLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'OAUTH_STATE_INVALID'
  | ForgeRemoteErrorCode
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL'
  | BlockedCode;

/**
 * The server's one error type: a stable code, a status, a message and the next action. Thrown by
 * commands, turned into `{"error":{code,message,next_action}}` by the one onError.
 */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly nextAction: string,
    /** Seconds to send as `Retry-After` (429 and 503 answers); null: no header. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody() {
    return { error: { code: this.code, message: this.message, next_action: this.nextAction } };
  }
}

/** Where a job goes when a target cannot be used: the portable fallback, always available. */
export const PORTABLE_FALLBACK_PATH = '/api/v1/exports/portable';

/**
 * A 409 for a target that cannot receive tickets now. Its body also names the portable fallback
 * (`error.fallback`), so a job can switch to it without parsing the message.
 */
export class BlockedError extends AppError {
  readonly fallback = PORTABLE_FALLBACK_PATH;

  constructor(code: BlockedCode | 'CONFLICT', message: string, nextAction: string) {
    super(code, 409, message, nextAction);
  }

  override toBody() {
    return { error: { ...super.toBody().error, fallback: this.fallback } };
  }
}

/** A 409 carrying a blocked code, its reason, the shared next action and the portable fallback. */
export function blockedError(code: BlockedCode, reason: string): AppError {
  return new BlockedError(code, `${BLOCKED_CODE_INFO[code].message} ${reason}`.trim(), BLOCKED_CODE_INFO[code].nextAction);
}

export const notFound = (what: string) =>
  new AppError('NOT_FOUND', 404, `${what} was not found in this workspace.`, 'Check the id; list what exists with GET /api/v1/targets.');

export const forbidden = (needed: string) =>
  new AppError('FORBIDDEN', 403, `This token may not do that: it needs the ${needed} role.`, `Use an ${needed} token (npm run companion -- token create --role ${needed}).`);

/** An error from the Forge contract's closed set, with its shared message and next action. */
export function forgeError(code: ForgeRemoteErrorCode, status: ContentfulStatusCode, detail?: string): AppError {
  const info = FORGE_REMOTE_ERROR_INFO[code];
  return new AppError(code, status, detail ? `${info.message} ${detail}` : info.message, info.nextAction);
}
