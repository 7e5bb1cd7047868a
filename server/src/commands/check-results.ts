import type { BlockedCode, CheckResult } from '@webriskops/shared';

/** A passed check at `now`, with what it verified. */
export const passedCheck = (now: Date, reason: string): CheckResult => ({ status: 'passed', checked_at: now.toISOString(), reason });

/** A failed check at `now`, with the blocked code it stands for. */
export const failedCheck = (now: Date, reason: string, code: BlockedCode): CheckResult => ({ status: 'failed', checked_at: now.toISOString(), reason, code });
