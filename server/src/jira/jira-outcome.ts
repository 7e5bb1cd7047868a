import type { BlockedCode } from '@webriskops/shared';
import type { SafeResponse, SafeFetchFailure, SafeFetchRefusal } from '../net/safe-fetch';

/** What a Jira call proved: success with a value, or the blocked code and a reason a person reads. */
export type JiraOutcome<T> = { ok: true; value: T } | { ok: false; code: BlockedCode; reason: string };

export const fail = <T>(code: BlockedCode, reason: string): JiraOutcome<T> => ({ ok: false, code, reason });

/** Turns a refusal or transport failure into the blocked code it stands for. */
export function outcomeOfNonResponse<T>(result: SafeFetchRefusal | SafeFetchFailure, what: string): JiraOutcome<T> {
  if (result.kind === 'refused') {
    return fail(
      'PROVIDER_BASE_URL_BLOCKED',
      result.verdict.rule === 'redirect'
        ? `${what} answered with a redirect (${result.verdict.reason}); enter the final base URL Jira reports itself.`
        : `${what}: ${result.verdict.reason}`,
    );
  }
  if (result.failure === 'tls') {
    return fail(
      'PROVIDER_BASE_URL_BLOCKED',
      `${what}: the TLS certificate could not be verified (${result.message}). A private CA must be added by the operator (EXTRA_CA_FILE).`,
    );
  }
  return fail('PROVIDER_ALLOWLIST_REQUIRED', `${what}: the companion could not reach Jira (${result.failure}: ${result.message}).`);
}

/** Reasons Jira gives for answering a request with a token as if it were anonymous, or null. */
export function anonymousAnswerReason(response: SafeResponse): string | null {
  const loginReason = response.headers.get('x-seraph-loginreason') ?? '';
  const denied = response.headers.get('x-authentication-denied-reason') ?? '';
  if (/CAPTCHA/i.test(denied))
    return 'Jira demands a CAPTCHA for this account after failed logins; sign in to Jira in a browser once, then create a new Personal Access Token.';
  if (/AUTHENTICATED_FAILED|AUTHENTICATION_DENIED/i.test(loginReason))
    return `Jira did not accept the token and answered as anonymous (X-Seraph-LoginReason: ${loginReason}).`;
  if ((response.headers.get('x-ausername') ?? '').toLowerCase() === 'anonymous') return 'Jira answered as the anonymous user: the token was not accepted.';
  return null;
}
