import { type FakeAnswer, type JiraPermissionKey } from './fake-jira-dc-model';

/** What the fake can be told to do; each one changes its HTTP answers. */
export interface FakeJiraDcBehaviour {
  /** Refuse every PAT, known or not (401). */
  refuseTokens: boolean;
  /**
   * Treat every credential as failed and answer anonymous-capable resources 200 as anonymous with
   * `X-Seraph-LoginReason: AUTHENTICATED_FAILED`; `/myself` stays 401. `'also-myself'` makes `/myself`
   * answer 200 with those headers too, which real Jira does not do but a caching proxy could.
   */
  anonymousWithSeraph: boolean | 'also-myself';
  /** 403 CAPTCHA challenge to every request that carries credentials. */
  captcha: boolean;
  /** Withheld from every PAT when false (ANDed with each PAT's own permissions). */
  permissions: Partial<Record<JiraPermissionKey, boolean>>;
  /** Redirect serverInfo or every request. */
  redirect: { location: string; status?: 301 | 302 | 303 | 307 | 308; scope?: 'serverInfo' | 'all' } | null;
  /** The `baseUrl` serverInfo reports instead of the fake's own. */
  reportedBaseUrl: string | null;
  deploymentType: 'Server' | 'DataCenter';
  version: string;
  delayMs: number;
  /** Answer with this status (for the next `count` requests, or until changed). */
  status5xx: { status: 500 | 502 | 503 | 504; retryAfterSeconds?: number; count?: number } | null;
  /** 429 with `Retry-After` for the next `count` requests. */
  rateLimit: { count: number; retryAfterSeconds: number } | null;
}

/** Jira as it answers when nothing was changed. */
export const defaultBehaviour = (): FakeJiraDcBehaviour => ({
  refuseTokens: false,
  anonymousWithSeraph: false,
  captcha: false,
  permissions: {},
  redirect: null,
  reportedBaseUrl: null,
  deploymentType: 'Server',
  version: '10.3.4',
  delayMs: 0,
  status5xx: null,
  rateLimit: null,
});

const STATUS_TEXT = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' } as const;

/** A minimal HTML page, as Tomcat and proxies answer outside the REST API. */
export const html = (title: string) => `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

/**
 * The answer a redirect, outage, rate limit or CAPTCHA imposes before Jira looks at the request, in
 * that order; undefined lets the request through. Counted behaviours are used up here.
 */
export function answerImposedByBehaviour(
  behaviour: FakeJiraDcBehaviour,
  request: { resource: string | undefined; hasCredentials: boolean; baseUrl: string },
): FakeAnswer | undefined {
  const redirect = behaviour.redirect;
  if (redirect && (redirect.scope === 'all' || request.resource === 'serverInfo')) {
    return { status: redirect.status ?? 302, headers: { Location: redirect.location, 'Content-Type': 'text/html;charset=UTF-8' }, body: html('Moved') };
  }
  const failure = behaviour.status5xx;
  if (failure) {
    if (failure.count !== undefined) behaviour.status5xx = failure.count > 1 ? { ...failure, count: failure.count - 1 } : null;
    const headers: Record<string, string> = { 'Content-Type': 'text/html;charset=UTF-8' };
    if (failure.retryAfterSeconds !== undefined) headers['Retry-After'] = String(failure.retryAfterSeconds);
    return { status: failure.status, headers, body: html(`${failure.status} ${STATUS_TEXT[failure.status]}`) };
  }
  const limit = behaviour.rateLimit;
  if (limit) {
    behaviour.rateLimit = limit.count > 1 ? { ...limit, count: limit.count - 1 } : null;
    return {
      status: 429,
      headers: {
        'Retry-After': String(limit.retryAfterSeconds),
        'X-RateLimit-Limit': '10',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-FillRate': '1',
        'X-RateLimit-Interval-Seconds': '1',
      },
      body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
    };
  }
  if (request.hasCredentials && behaviour.captcha) {
    return {
      status: 403,
      headers: {
        'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
        'X-Authentication-Denied-Reason': `CAPTCHA_CHALLENGE; login-url=${request.baseUrl}/login.jsp`,
        'X-AUSERNAME': 'anonymous',
        'WWW-Authenticate': `OAuth realm="${encodeURIComponent(request.baseUrl)}"`,
        'Content-Type': 'text/html;charset=UTF-8',
      },
      body: html('Forbidden (403)'),
    };
  }
  return undefined;
}
