import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeResolver, createSafeFetch, type EgressPolicy } from '@webriskops/server/net';
import { createPinnedAgentPool, trustedContext } from '@webriskops/server/net';
import { startDnsServer, type TestDnsServer } from './support/dns-server';
import { startRecordingListener, type RecordingListener } from './support/recording-listener';
import { createTestCertificates, type TestCertificates } from './support/test-ca';

let dns: TestDnsServer;
let certs: TestCertificates;
let first: RecordingListener;
let second: RecordingListener;
let policy: EgressPolicy;

beforeAll(async () => {
  dns = await startDnsServer();
  certs = await createTestCertificates({ dnsNames: ['jira.pool.example'], ipAddresses: ['127.0.0.11', '127.0.0.12'] });
  first = await startRecordingListener({ host: '127.0.0.11', tls: certs });
  second = await startRecordingListener({ host: '127.0.0.12', port: first.port, tls: certs });
  policy = {
    resolver: createNodeResolver({ servers: [dns.server], timeoutMs: 1000, tries: 1, minTtlSeconds: 0 }),
    approvedEntries: ['127.0.0.0/24'],
    allowHttpForApproved: false,
    ownAddresses: [],
  };
});
afterAll(async () => {
  await Promise.all([first.close(), second.close(), dns.close()]);
});

describe('the pinned keep-alive agent pool', () => {
  it('reuses one TLS connection for the same checked address, and a changed answer gets a new, re-pinned agent', async () => {
    const agents = createPinnedAgentPool({ ca: certs.ca });
    const send = createSafeFetch({ policy, ca: certs.ca, agents });
    dns.setAnswers('jira.pool.example', ['127.0.0.11'], 0);
    for (let i = 0; i < 5; i += 1) {
      expect(await send(`https://jira.pool.example:${first.port}/rest/api/2/serverInfo`, { redirect: 'refuse' })).toMatchObject({
        kind: 'response',
        status: 200,
      });
    }
    expect(first.requests).toHaveLength(5);
    expect(first.connections).toBe(1);

    dns.setAnswers('jira.pool.example', ['127.0.0.12'], 0);
    expect(await send(`https://jira.pool.example:${first.port}/`, { redirect: 'refuse' })).toMatchObject({ kind: 'response', status: 200 });
    expect(second.requests).toHaveLength(1);
    expect(first.requests).toHaveLength(5);

    dns.setAnswers('jira.pool.example', ['10.9.9.9'], 0);
    expect(await send(`https://jira.pool.example:${first.port}/`, { redirect: 'refuse' })).toMatchObject({ kind: 'refused' });
    expect(first.requests.length + second.requests.length).toBe(6);
    await agents.close();
  });
});

describe("an operator's extra CA", () => {
  it('is parsed into one trust context per CA, shared by every new connection, and still verifies each one', async () => {
    const other = await createTestCertificates({ dnsNames: ['jira.pool.example'], ipAddresses: ['127.0.0.13'] });
    expect(trustedContext(certs.ca)).toBe(trustedContext(Buffer.from(certs.ca)));
    expect(trustedContext(other.ca)).not.toBe(trustedContext(certs.ca));
    expect(trustedContext(undefined)).toBeUndefined();
    // The server closes every connection after its answer: each request is a new TLS handshake.
    const closing = await startRecordingListener({
      host: '127.0.0.13',
      tls: other,
      handler: (_request, response) => response.writeHead(200, { connection: 'close', 'content-type': 'text/plain' }).end('fine'),
    });
    try {
      dns.setAnswers('jira.pool.example', ['127.0.0.13'], 0);
      const url = `https://jira.pool.example:${closing.port}/rest/api/2/serverInfo`;
      for (const agents of [createPinnedAgentPool({ ca: other.ca }), undefined]) {
        const send = createSafeFetch({ policy, ca: other.ca, ...(agents ? { agents } : {}) });
        for (let i = 0; i < 3; i += 1) expect(await send(url, { redirect: 'refuse' })).toMatchObject({ kind: 'response', status: 200 });
        await agents?.close();
      }
      expect(closing.connections).toBe(6);
      // Trusting another CA, or only Node's roots, the same server is refused at the handshake.
      for (const ca of [certs.ca, undefined]) {
        const send = createSafeFetch({ policy, ...(ca ? { ca } : {}), agents: createPinnedAgentPool(ca ? { ca } : {}) });
        expect(await send(url, { redirect: 'refuse' })).toMatchObject({ kind: 'failed', failure: 'tls' });
      }
      expect(closing.requests).toHaveLength(6);
    } finally {
      await closing.close();
    }
  });
});
