import { describe, expect, it } from 'vitest';
import { createWorkerSafeFetch } from './worker-safe-fetch';
import type { EgressPolicy } from './check-url';
import type { HostResolver } from './resolver';

const resolver = (answers: Record<string, string[]>): HostResolver => ({
  resolve: async (host) => ({ addresses: answers[host] ?? [] }),
  resolveTxt: async () => [],
});
const policy = (answers: Record<string, string[]>): EgressPolicy => ({
  resolver: resolver(answers),
  approvedEntries: [],
  allowHttpForApproved: false,
  ownAddresses: [],
});

/** Stands in for the Workers runtime's fetch and records what it was asked to fetch. */
function runtimeFetch(answer: (url: string) => Response) {
  const asked: string[] = [];
  const send = (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    return answer(String(input));
  }) as typeof fetch;
  return { asked, send };
}

describe('createWorkerSafeFetch', () => {
  it('judges the URL before the runtime is asked, and never asks for a private address', async () => {
    const runtime = runtimeFetch(() => new Response('{}'));
    const send = createWorkerSafeFetch({ policy: policy({ 'jira.corp.example': ['10.0.0.5'] }) }, runtime.send);
    const result = await send('https://jira.corp.example/rest/api/2/serverInfo', { redirect: 'refuse' });
    expect(result).toMatchObject({ kind: 'refused', verdict: { code: 'PROVIDER_BASE_URL_BLOCKED' } });
    expect(runtime.asked).toEqual([]);
  });

  it('re-judges each redirect hop and refuses one to loopback', async () => {
    const runtime = runtimeFetch(() => new Response(null, { status: 302, headers: { location: 'https://127.0.0.1/admin' } }));
    const send = createWorkerSafeFetch({ policy: policy({ 'jira.example.com': ['93.184.216.34'] }) }, runtime.send);
    const result = await send('https://jira.example.com/', { redirect: { follow: 3 } });
    expect(result).toMatchObject({ kind: 'refused', verdict: { rule: 'loopback' } });
    expect(runtime.asked).toEqual(['https://jira.example.com/']);
  });

  it('answers with the body within the size cap, and refuses a larger one', async () => {
    const ok = createWorkerSafeFetch({ policy: policy({ 'jira.example.com': ['93.184.216.34'] }) }, runtimeFetch(() => new Response('{"a":1}')).send);
    const answer = await ok('https://jira.example.com/rest', { redirect: 'refuse' });
    expect(answer.kind === 'response' && answer.json()).toEqual({ a: 1 });
    const big = createWorkerSafeFetch(
      { policy: policy({ 'jira.example.com': ['93.184.216.34'] }), maxResponseBytes: 10 },
      runtimeFetch(() => new Response('x'.repeat(100))).send,
    );
    expect(await big('https://jira.example.com/rest', { redirect: 'refuse' })).toMatchObject({ kind: 'failed', failure: 'too-large' });
  });
});
