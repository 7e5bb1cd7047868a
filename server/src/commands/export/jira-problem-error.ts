import type { AppDeps, Principal } from '../../deps';
import type { JiraProblem } from '../../jira/jira-rest';
import { blockedError } from '../../errors';
import { blockForAuth } from '../../providers/jira-cloud/cloud-api-access';
import { ExportError } from './export-errors';

/**
 * Turns a Jira problem into the answer a job gets. A 401 (or an anonymous answer) records the
 * failed auth check on the target through changeTarget, so it is audited and the target is
 * blocked with PROVIDER_AUTH_REQUIRED until someone reconnects.
 */
export async function throwForJiraProblem(deps: AppDeps, principal: Principal, targetId: string, problem: JiraProblem, what: string): Promise<never> {
  switch (problem.kind) {
    case 'auth':
      return blockForAuth(deps, principal, targetId, problem.reason);
    case 'refused':
      throw blockedError(problem.code, problem.reason);
    case 'throttled':
      throw new ExportError(
        'JIRA_UNAVAILABLE',
        503,
        `Jira kept answering HTTP ${problem.status} to ${what}${problem.retryAfterSeconds !== null ? ` and asks to wait ${problem.retryAfterSeconds} s` : ''}; the companion stopped waiting within its budget.`,
        'Send the same request again after the Retry-After seconds (with the same Idempotency-Key); nothing was created.',
        problem.retryAfterSeconds,
      );
    case 'unreachable':
      throw new ExportError(
        'JIRA_UNAVAILABLE',
        503,
        problem.reason,
        'Send the same request again later with the same Idempotency-Key: the companion checks Jira for the issue before creating it again.',
        null,
      );
    case 'server':
      throw new ExportError(
        'JIRA_UNAVAILABLE',
        502,
        problem.reason,
        'Send the same request again later with the same Idempotency-Key; if it keeps failing, check the Jira server.',
        null,
      );
    case 'rejected':
      if (problem.status === 403) throw blockedError('PROVIDER_SCOPE_UNAVAILABLE', `Jira refused ${what} (HTTP 403): ${problem.message}`);
      throw new ExportError(
        'JIRA_REJECTED',
        422,
        `Jira refused ${what} (HTTP ${problem.status}): ${problem.message}`,
        'Fix the mapping for the fields Jira names (read GET /api/v1/targets/{id}/metadata), then send it again.',
      );
  }
}
