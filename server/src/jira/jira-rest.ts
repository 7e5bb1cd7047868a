import type { BlockedCode } from '@webriskops/shared';
import type { SafeFetch, SafeResponse } from '../net/safe-fetch';
import { anonymousAnswerReason, outcomeOfNonResponse } from './jira-outcome';
import { parseRetryAfter } from './retry-after';

/** Where one target's Jira REST API lives (`…/rest/api/3` or `…/rest/api/2`) and how to send to it. */
export interface JiraEndpoint {
  restBase: string;
  credentialHeaders: Record<string, string>;
  send: SafeFetch;
}

/** How patient one Jira call may be: retries on 429/503, their waits, and the per-target slot. */
export interface JiraCallLimits {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** A single Retry-After longer than this is not waited for: the caller is told to come back. */
  maxWaitPerRetryMs: number;
  /** All waits of one call together stay under this. */
  maxTotalWaitMs: number;
  sleep(ms: number): Promise<void>;
  /** The app's clock in epoch milliseconds: an HTTP-date Retry-After is read against it. */
  now(): number;
  /** Runs one HTTP exchange inside the target's concurrency cap. */
  withSlot<T>(run: () => Promise<T>): Promise<T>;
}

/** Why a Jira call did not give a usable answer. */
export type JiraProblem =
  | { kind: 'auth'; reason: string }
  | { kind: 'throttled'; status: number; retryAfterSeconds: number | null; reason: string }
  /** No answer came back; for a POST the request may still have been carried out. */
  | { kind: 'unreachable'; reason: string }
  /** The egress policy refused the URL or a redirect: nothing was sent. */
  | { kind: 'refused'; code: BlockedCode; reason: string }
  | { kind: 'rejected'; status: number; message: string; fieldErrors: Record<string, string> }
  | { kind: 'server'; status: number; reason: string };

/** A Jira answer with its JSON body parsed (null when not JSON), or the problem. */
export type JiraResult = { ok: true; status: number; body: unknown } | { ok: false; problem: JiraProblem };

export interface JiraRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Below the REST base, starting with `/`, query included. */
  path: string;
  body?: unknown;
  /** What the call is, for reasons a person reads (`POST /issue`), never with values. */
  label: string;
}

const RETRYABLE_STATUSES = new Set([429, 503]);
const DEFAULT_BACKOFF_MS = 500;

function parseBody(response: SafeResponse): unknown {
  try {
    return response.body.length > 0 ? response.json() : null;
  } catch {
    return null;
  }
}

/** Jira's ErrorCollection flattened for a person (`errorMessages…; field: message`), capped. */
export function jiraErrorText(body: unknown): { message: string; fieldErrors: Record<string, string> } {
  const record = body && typeof body === 'object' ? (body as { errorMessages?: unknown; errors?: unknown }) : {};
  const messages = Array.isArray(record.errorMessages) ? record.errorMessages.filter((item): item is string => typeof item === 'string') : [];
  const fieldErrors: Record<string, string> = {};
  if (record.errors && typeof record.errors === 'object') {
    for (const [field, text] of Object.entries(record.errors as Record<string, unknown>)) if (typeof text === 'string') fieldErrors[field] = text.slice(0, 300);
  }
  const parts = [...messages, ...Object.entries(fieldErrors).map(([field, text]) => `${field}: ${text}`)];
  return { message: (parts.join('; ') || 'Jira gave no reason.').slice(0, 1000), fieldErrors };
}

function problemOf(response: SafeResponse, request: JiraRequest, body: unknown, nowMs: number): JiraProblem | null {
  const anonymous = anonymousAnswerReason(response);
  if (response.status === 401) return { kind: 'auth', reason: `Jira refused the credential (HTTP 401 from ${request.label}).` };
  if (anonymous) return { kind: 'auth', reason: `${anonymous} (${request.label})` };
  if (response.status >= 200 && response.status < 300) return null;
  if (RETRYABLE_STATUSES.has(response.status)) {
    const waitMs = parseRetryAfter(response.headers.get('retry-after'), nowMs);
    return {
      kind: 'throttled',
      status: response.status,
      retryAfterSeconds: waitMs === null ? null : Math.ceil(waitMs / 1000),
      reason: `Jira answered HTTP ${response.status} to ${request.label}.`,
    };
  }
  if (response.status >= 500) return { kind: 'server', status: response.status, reason: `Jira answered HTTP ${response.status} to ${request.label}.` };
  return { kind: 'rejected', status: response.status, ...jiraErrorText(body) };
}

/**
 * One Jira REST call: JSON in and out, credentials only in `credentialHeaders`, redirects refused.
 * 429 and 503 are retried after their `Retry-After` (or a short backoff) while the budget lasts,
 * for every method: Jira did not act on them. A call that got no answer is retried only when it
 * is GET or PUT; a POST without an answer is reported as `unreachable` for the caller to reconcile.
 */
export async function callJira(endpoint: JiraEndpoint, limits: JiraCallLimits, request: JiraRequest): Promise<JiraResult> {
  let waited = 0;
  let last: JiraProblem = { kind: 'unreachable', reason: `${request.label} was not attempted.` };
  for (let attempt = 1; attempt <= limits.maxAttempts; attempt += 1) {
    const result = await limits.withSlot(() =>
      endpoint.send(`${endpoint.restBase}${request.path}`, {
        method: request.method,
        headers: { accept: 'application/json', ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        credentialHeaders: endpoint.credentialHeaders,
        redirect: 'refuse',
      }),
    );
    let waitMs: number;
    if (result.kind === 'refused') {
      const outcome = outcomeOfNonResponse<never>(result, request.label);
      if (!outcome.ok) return { ok: false, problem: { kind: 'refused', code: outcome.code, reason: outcome.reason } };
      return { ok: false, problem: last };
    }
    if (result.kind === 'failed') {
      last = { kind: 'unreachable', reason: `${request.label}: no answer from Jira (${result.failure}: ${result.message}).` };
      if (request.method === 'POST') return { ok: false, problem: last };
      waitMs = DEFAULT_BACKOFF_MS * 2 ** (attempt - 1);
    } else {
      const body = parseBody(result);
      const problem = problemOf(result, request, body, limits.now());
      if (!problem) return { ok: true, status: result.status, body };
      if (problem.kind !== 'throttled') return { ok: false, problem };
      last = problem;
      waitMs = problem.retryAfterSeconds !== null ? problem.retryAfterSeconds * 1000 : DEFAULT_BACKOFF_MS * 2 ** (attempt - 1);
    }
    if (attempt === limits.maxAttempts || waitMs > limits.maxWaitPerRetryMs || waited + waitMs > limits.maxTotalWaitMs) break;
    waited += waitMs;
    await limits.sleep(waitMs);
  }
  return { ok: false, problem: last };
}

/** A JSON object body, or an empty one. */
export function objectOf(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Quotes a JQL string literal. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A call's value, or why there is none. */
export type JiraOutcomeOf<T> = { ok: true; value: T } | { ok: false; problem: JiraProblem };

/**
 * Reads a paged list page by page (`startAt`), stopping at the last page or after `maxPages`
 * (a project with thousands of issue types is not a mapping anyone needs).
 */
export async function collectPages<T>(
  fetchPage: (startAt: number) => Promise<JiraOutcomeOf<{ items: T[]; last: boolean }>>,
  maxPages = 20,
): Promise<JiraOutcomeOf<T[]>> {
  const items: T[] = [];
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetchPage(items.length);
    if (!result.ok) return result;
    items.push(...result.value.items);
    if (result.value.last || result.value.items.length === 0) break;
  }
  return { ok: true, value: items };
}
