import { jiraError, type FakeRequest, type Reply } from './fake-http-reply';
import type { CloudHostRole } from './fake-atlassian-hosts';

/** A fault to inject into the next matching requests. */
export interface FailureRule {
  /** A role or an exact hostname; default any. */
  host?: CloudHostRole | string;
  method?: string;
  /** A pathname prefix or a pattern tested against the pathname. */
  path?: string | RegExp;
  /** How many matching requests fail; default 1 (use `Infinity` for all). */
  times?: number;
  /**
   * `rate-limit`: 429 with Retry-After and Jira's rate-limit headers. `status`: the given 4xx/5xx with a Jira error
   * body. `html-401`: an HTML 401 page. `drop-before`: connection destroyed before handling. `drop-after`: handled (a
   * create really happens) and then the connection is destroyed: the lost answer. `delay`: handled normally after
   * `delayMs` (the state it reads and changes is the state at that later moment).
   */
  kind: 'rate-limit' | 'status' | 'html-401' | 'drop-before' | 'drop-after' | 'delay';
  delayMs?: number;
  status?: number;
  retryAfterSeconds?: number;
}

interface ActiveRule extends FailureRule {
  left: number;
}

/** The faults waiting to be injected, in the order they were added. */
export interface FaultQueue {
  add(rule: FailureRule): { remaining(): number };
  clear(): void;
  /** The first live rule matching this request, counted as used. */
  take(role: CloudHostRole, request: FakeRequest): FailureRule | undefined;
}

/** An empty queue. */
export function createFaultQueue(): FaultQueue {
  let rules: ActiveRule[] = [];
  return {
    add(rule) {
      const active: ActiveRule = { ...rule, left: rule.times ?? 1 };
      rules.push(active);
      return { remaining: () => active.left };
    },
    clear() {
      rules = [];
    },
    take(role, request) {
      const rule = rules.find(
        (candidate) =>
          candidate.left > 0 &&
          (!candidate.host || candidate.host === role || candidate.host === request.hostname) &&
          (!candidate.method || candidate.method.toUpperCase() === request.method) &&
          (!candidate.path ||
            (typeof candidate.path === 'string' ? request.url.pathname.startsWith(candidate.path) : candidate.path.test(request.url.pathname))),
      );
      if (rule) rule.left -= 1;
      return rule;
    },
  };
}

/** The answer an answering fault (`rate-limit`, `status`, `html-401`) gives. */
export function faultReply(rule: FailureRule, now: number): Reply {
  if (rule.kind === 'rate-limit') {
    const retryAfter = rule.retryAfterSeconds ?? 1;
    return jiraError(
      429,
      ['Rate limit exceeded.'],
      {},
      {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(now + retryAfter * 1000).toISOString(),
        'ratelimit-reason': 'jira-burst-based',
      },
    );
  }
  if (rule.kind === 'html-401') {
    return {
      status: 401,
      headers: { 'content-type': 'text/html;charset=UTF-8' },
      body: '<html><head><title>Unauthorized (401)</title></head><body><h1>Unauthorized (401)</h1></body></html>',
    };
  }
  const status = rule.status ?? 503;
  return jiraError(
    status,
    [status >= 500 ? 'Internal server error' : 'Request failed'],
    {},
    rule.retryAfterSeconds !== undefined ? { 'retry-after': String(rule.retryAfterSeconds) } : {},
  );
}
