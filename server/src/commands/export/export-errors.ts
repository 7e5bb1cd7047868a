import { BLOCKED_CODE_INFO, type BlockedCode } from '@webriskops/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, BlockedError, PORTABLE_FALLBACK_PATH } from '../../errors';

export { PORTABLE_FALLBACK_PATH };

/** Error codes only the export API gives. */
export type ExportErrorCode = 'JIRA_REJECTED' | 'JIRA_UNAVAILABLE' | 'IDEMPOTENCY_KEY_REUSED';

/** An AppError with an export code and, for Jira being busy, the Retry-After to pass on. */
export class ExportError extends AppError {
  constructor(code: ExportErrorCode, status: ContentfulStatusCode, message: string, nextAction: string, retryAfterSeconds: number | null = null) {
    super(code, status, message, nextAction, retryAfterSeconds);
  }
}

/** 409 for a target that may not receive tickets: its code, the reason, and the fallback. Nothing was sent. */
export function blockedForExport(code: BlockedCode, reason: string): AppError {
  return new BlockedError(
    code,
    `${BLOCKED_CODE_INFO[code].message} ${reason} Nothing was sent to Jira.`.trim(),
    `${BLOCKED_CODE_INFO[code].nextAction} Until then, POST ${PORTABLE_FALLBACK_PATH} gives a Jira CSV import file.`,
  );
}
