import {
  BLOCKED_CODE_INFO,
  FORGE_REMOTE_ERROR_INFO,
  nextActionFor,
  type BlockedCode,
  type BlockingCheck,
  type ForgeRemoteErrorCode,
  type MappingCode,
  type NextActionInput,
} from '@webriskops/shared';
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
  | 'TARGET_NAME_TAKEN'
  | 'TARGET_NOT_DRAFT'
  | 'NO_TRANSITION'
  | 'TRANSITION_NEEDS_FIELDS'
  | 'OAUTH_STATE_INVALID'
  | ForgeRemoteErrorCode
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL'
  | MappingCode
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

/** A 409 carrying a blocked code, its reason, the code's generic next action and the portable fallback (`blockedFor` when the target is known). */
export function blockedError(code: BlockedCode, reason: string): AppError {
  return new BlockedError(code, `${BLOCKED_CODE_INFO[code].message} ${reason}`.trim(), BLOCKED_CODE_INFO[code].nextAction);
}

/** A 409 blocked code for a known target: the next action is its provider's and auth method's for `check` (`nextActionFor`). */
export function blockedFor(target: NextActionInput, check: BlockingCheck, code: BlockedCode, reason: string): AppError {
  return new BlockedError(code, `${BLOCKED_CODE_INFO[code].message} ${reason}`.trim(), nextActionFor(target, check, code));
}

/** 400 VALIDATION_FAILED: the message names what is wrong, the next action how to fix it. */
export const validationFailed = (message: string, nextAction: string) => new AppError('VALIDATION_FAILED', 400, message, nextAction);

/** 422 VALIDATION_FAILED: well-formed, but it does not fit the target (an export mapping); nothing was sent. */
export const unprocessable = (message: string, nextAction: string) => new AppError('VALIDATION_FAILED', 422, message, nextAction);

/** 409 CONFLICT: the request does not fit the current state of what it names. */
export const conflict = (message: string, nextAction: string) => new AppError('CONFLICT', 409, message, nextAction);

/** A 409: another target of the workspace has this name (names are unique per workspace). */
export const targetNameTaken = (name: string) =>
  new AppError(
    'TARGET_NAME_TAKEN',
    409,
    `Another target of this workspace is already named "${name}".`,
    'Choose another name, or rename the other target first.',
  );

/** A 409: only a draft that holds no credential is deleted; anything else is disconnected. */
export const targetNotDraft = () =>
  new AppError(
    'TARGET_NOT_DRAFT',
    409,
    'Only a draft target that holds no credential can be deleted.',
    'Disconnect it instead (DELETE /api/v1/targets/{id}, or Disconnect on its page): the credential is destroyed and the audit trail kept.',
  );

/** 401 UNAUTHENTICATED. */
export const unauthenticated = (message: string, nextAction: string) => new AppError('UNAUTHENTICATED', 401, message, nextAction);

/** 429 RATE_LIMITED, with the seconds to send as Retry-After. */
export const rateLimited = (message: string, nextAction: string, retryAfterSeconds: number | null = null) =>
  new AppError('RATE_LIMITED', 429, message, nextAction, retryAfterSeconds);

/** 503 JIRA_UNAVAILABLE: Jira or Atlassian did not answer usefully; try again (after Retry-After when given). */
export const jiraUnavailable = (message: string, nextAction: string, retryAfterSeconds: number | null = null) =>
  new AppError('JIRA_UNAVAILABLE', 503, message, nextAction, retryAfterSeconds);

/** 503 INTERNAL: something this server depends on is unavailable right now. */
export const temporarilyUnavailable = (message: string, nextAction: string) => new AppError('INTERNAL', 503, message, nextAction);

/** 400 BAD_REQUEST. */
export const badRequest = (message: string, nextAction: string) => new AppError('BAD_REQUEST', 400, message, nextAction);

/** 415 BAD_REQUEST: the body's media type is not accepted. */
export const unsupportedMediaType = (message: string, nextAction: string) => new AppError('BAD_REQUEST', 415, message, nextAction);

/** 400 MALFORMED_JSON. */
export const malformedJson = (message: string, nextAction: string) => new AppError('MALFORMED_JSON', 400, message, nextAction);

/** 413 PAYLOAD_TOO_LARGE. */
export const payloadTooLarge = (message: string, nextAction: string) => new AppError('PAYLOAD_TOO_LARGE', 413, message, nextAction);

/** 409 ATTESTATION_REQUIRED: the admin must confirm the site before its URL is used. */
export const attestationRequired = (message: string, nextAction: string) => new AppError('ATTESTATION_REQUIRED', 409, message, nextAction);

/** 400 OAUTH_STATE_INVALID: the OAuth answer does not belong to a flow this session started. */
export const oauthStateInvalid = (message: string, nextAction: string) => new AppError('OAUTH_STATE_INVALID', 400, message, nextAction);

/** An optional integration (OAuth, the Forge app) that the operator has not configured: 409 for a request, 503 for a call that needs it now. */
export const notConfigured = (
  code: 'OAUTH_NOT_CONFIGURED' | 'FORGE_NOT_CONFIGURED',
  status: 409 | 503,
  message: string,
  nextAction: string,
  retryAfterSeconds: number | null = null,
) => new AppError(code, status, message, nextAction, retryAfterSeconds);

/** 404 NOT_FOUND with its own message (see `notFound` for a thing of this workspace). */
export const notFoundWith = (message: string, nextAction: string) => new AppError('NOT_FOUND', 404, message, nextAction);

/** 409 with a blocked code and a message of its own, without the portable fallback (see `blockedError` for that). */
export const blockedWithoutFallback = (code: BlockedCode, message: string, nextAction: string) => new AppError(code, 409, message, nextAction);

export const notFound = (what: string) =>
  new AppError('NOT_FOUND', 404, `${what} was not found in this workspace.`, 'Check the id; list what exists with GET /api/v1/targets.');

export const forbidden = (needed: string) =>
  new AppError(
    'FORBIDDEN',
    403,
    `This token may not do that: it needs the ${needed} role.`,
    `Use an ${needed} token (npm run companion -- token create --role ${needed}).`,
  );

/** 403 for a signed-in person without the admin role on an admin-only page. */
export const adminPageOnly = () =>
  new AppError('FORBIDDEN', 403, 'Only workspace admins may see and manage API tokens.', 'Ask an admin of this workspace to create or revoke the token.');

/** 403 for an export token on a route that changes something (see `adminOnly`). */
export const forbiddenForExportToken = () =>
  new AppError(
    'FORBIDDEN',
    403,
    'Export tokens may read targets and readiness, not change them.',
    'Use an admin token: npm run companion -- token create --workspace <name> --role admin',
  );

/** An error from the Forge contract's closed set, with its shared message and next action. */
export function forgeError(code: ForgeRemoteErrorCode, status: ContentfulStatusCode, detail?: string): AppError {
  const info = FORGE_REMOTE_ERROR_INFO[code];
  return new AppError(code, status, detail ? `${info.message} ${detail}` : info.message, info.nextAction);
}
