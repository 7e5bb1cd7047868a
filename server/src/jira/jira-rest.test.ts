import { describe, expect, it } from 'vitest';
import type { SafeFetch, SafeFetchInit, SafeResponse } from '../net/safe-fetch';
import { callJira, jiraErrorText, jqlString, type JiraCallLimits } from './jira-rest';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'fail';

function scripted(replies: Reply[]) {
  const calls: { url: string; init: SafeFetchInit }[] = [];
  const send: SafeFetch = async (url, init) => {
    calls.push({ url, init });
    const reply = replies.shift() ?? { status: 200, body: {} };
    if (reply === 'fail') return { kind: 'failed', failure: 'protocol', message: 'The request failed (UND_ERR_SOCKET).', url, redirects: [] };
    const bytes = new TextEncoder().encode(reply.body === undefined ? '' : JSON.stringify(reply.body));
    return {
      kind: 'response',
      status: reply.status,
      headers: new Headers(reply.headers ?? {}) as unknown as SafeResponse['headers'],
      body: bytes,
      url,
      verdict: {} as never,
      redirects: [],
      text: () => new TextDecoder().decode(bytes),
      json: () => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
    };
  };
  return { send, calls };
}

function limits(overrides: Partial<JiraCallLimits> = {}) {
  const slept: number[] = [];
  const value: JiraCallLimits = {
    maxAttempts: 4,
    maxWaitPerRetryMs: 10_000,
    maxTotalWaitMs: 15_000,
    sleep: async (ms) => void slept.push(ms),
    now: () => Date.now(),
    withSlot: (run) => run(),
    ...overrides,
  };
  return { value, slept };
}

const endpoint = (send: SafeFetch) => ({ restBase: 'https://jira.test/rest/api/2', credentialHeaders: { authorization: 'Bearer secret' }, send });

describe('callJira', () => {
  it('sends JSON with the credential only in credentialHeaders and redirects refused', async () => {
    const { send, calls } = scripted([{ status: 201, body: { id: '1', key: 'A-1' } }]);
    const result = await callJira(endpoint(send), limits().value, { method: 'POST', path: '/issue', body: { fields: {} }, label: 'POST /issue' });
    expect(result).toEqual({ ok: true, status: 201, body: { id: '1', key: 'A-1' } });
    expect(calls[0]).toMatchObject({
      url: 'https://jira.test/rest/api/2/issue',
      init: { method: 'POST', redirect: 'refuse', credentialHeaders: { authorization: 'Bearer secret' }, body: '{"fields":{}}' },
    });
    expect(calls[0]!.init.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json' });
  });

  it('waits out 429 and 503 Retry-After, also for a POST', async () => {
    const { send, calls } = scripted([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 201, body: { id: '1', key: 'A-1' } },
    ]);
    const { value, slept } = limits();
    const result = await callJira(endpoint(send), value, { method: 'POST', path: '/issue', body: {}, label: 'POST /issue' });
    expect(result.ok).toBe(true);
    expect(slept).toEqual([2000, 1000]);
    expect(calls).toHaveLength(3);
  });

  it('reads an HTTP-date Retry-After against the injected clock, not the machine time', async () => {
    const { send } = scripted([
      { status: 503, headers: { 'retry-after': 'Tue, 01 Jan 2030 00:00:03 GMT' } },
      { status: 200, body: {} },
    ]);
    const { value, slept } = limits({ now: () => Date.parse('2030-01-01T00:00:00Z') });
    const result = await callJira(endpoint(send), value, { method: 'GET', path: '/x', label: 'GET /x' });
    expect(result.ok).toBe(true);
    expect(slept).toEqual([3000]);
  });

  it('does not wait longer than its budget and reports the Retry-After', async () => {
    const { send, calls } = scripted([{ status: 429, headers: { 'retry-after': '60' } }]);
    const { value, slept } = limits();
    const result = await callJira(endpoint(send), value, { method: 'GET', path: '/x', label: 'GET /x' });
    expect(result).toEqual({ ok: false, problem: { kind: 'throttled', status: 429, retryAfterSeconds: 60, reason: 'Jira answered HTTP 429 to GET /x.' } });
    expect(slept).toEqual([]);
    expect(calls).toHaveLength(1);

    const many = scripted(Array.from({ length: 10 }, () => ({ status: 429, headers: { 'retry-after': '6' } })));
    const capped = limits();
    await callJira(endpoint(many.send), capped.value, { method: 'GET', path: '/x', label: 'GET /x' });
    expect(capped.slept).toEqual([6000, 6000]);
  });

  it('retries a GET without an answer but never a POST (the caller reconciles)', async () => {
    const get = scripted(['fail', { status: 200, body: [] }]);
    expect((await callJira(endpoint(get.send), limits().value, { method: 'GET', path: '/project', label: 'GET /project' })).ok).toBe(true);
    const post = scripted(['fail', { status: 201, body: { id: '1', key: 'A-1' } }]);
    const result = await callJira(endpoint(post.send), limits().value, { method: 'POST', path: '/issue', body: {}, label: 'POST /issue' });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'unreachable' } });
    expect(post.calls).toHaveLength(1);
  });

  it('reads 401 and anonymous answers as auth, 4xx as rejected with field errors', async () => {
    const unauthorized = scripted([{ status: 401, body: { errorMessages: ['Client must be authenticated'] } }]);
    expect(await callJira(endpoint(unauthorized.send), limits().value, { method: 'GET', path: '/x', label: 'GET /x' })).toMatchObject({
      ok: false,
      problem: { kind: 'auth' },
    });
    const anonymous = scripted([{ status: 200, headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' }, body: { issues: [] } }]);
    expect(await callJira(endpoint(anonymous.send), limits().value, { method: 'GET', path: '/search', label: 'GET /search' })).toMatchObject({
      ok: false,
      problem: { kind: 'auth' },
    });
    const rejected = scripted([{ status: 400, body: { errorMessages: [], errors: { priority: 'bad' } } }]);
    expect(await callJira(endpoint(rejected.send), limits().value, { method: 'POST', path: '/issue', body: {}, label: 'POST /issue' })).toEqual({
      ok: false,
      problem: { kind: 'rejected', status: 400, message: 'priority: bad', fieldErrors: { priority: 'bad' } },
    });
  });
});

describe('jiraErrorText and jqlString', () => {
  it('flattens an ErrorCollection and survives anything else', () => {
    expect(jiraErrorText({ errorMessages: ['One.', 2], errors: { a: 'x', b: 3 } })).toEqual({ message: 'One.; a: x', fieldErrors: { a: 'x' } });
    expect(jiraErrorText('<html>').message).toBe('Jira gave no reason.');
  });
  it('quotes JQL strings', () => expect(jqlString('a"b\\c')).toBe('"a\\"b\\\\c"'));
});
