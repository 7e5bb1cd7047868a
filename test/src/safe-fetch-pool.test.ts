import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeResolver, createSafeFetch, type EgressPolicy } from '@webriskops/server/net';
import { createPinnedAgentPool } from '@webriskops/server/net';
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
