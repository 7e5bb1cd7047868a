import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeResolver, createSafeFetch, verifyDnsTxtChallenge, type EgressPolicy } from '@webriskops/server/net';
import { startDnsServer, type TestDnsServer } from './support/dns-server';
import { startRecordingListener, type RecordingListener } from './support/recording-listener';
import { createTestCertificates, type TestCertificates } from './support/test-ca';

let dns: TestDnsServer;
let certs: TestCertificates;
let listener: RecordingListener;
let policy: EgressPolicy;

beforeAll(async () => {
  dns = await startDnsServer();
  certs = await createTestCertificates({ dnsNames: ['jira.corp.example'], ipAddresses: ['127.0.0.10'] });
  listener = await startRecordingListener({ host: '127.0.0.10', tls: certs });
  dns.setAnswers('jira.corp.example', ['127.0.0.10'], 60);
  dns.setAnswers('other.corp.example', ['127.0.0.10'], 60);
  const resolver = createNodeResolver({ servers: [dns.server], timeoutMs: 1000, tries: 1 });
  policy = { resolver, approvedEntries: ['127.0.0.10'], allowHttpForApproved: false, ownAddresses: [] };
});
afterAll(async () => {
  await listener.close();
  await dns.close();
});

describe('safeFetch TLS', () => {
  it('trusts a private CA passed as `ca` and verifies the host name', async () => {
    const safeFetch = createSafeFetch({ policy, ca: certs.ca });
    const ok = await safeFetch(`https://jira.corp.example:${listener.port}/rest/api/2/serverInfo`, { redirect: 'refuse' });
    expect(ok).toMatchObject({ kind: 'response', status: 200, verdict: { path: 'tunnel' } });
    const wrongName = await safeFetch(`https://other.corp.example:${listener.port}/`, { redirect: 'refuse' });
    expect(wrongName).toMatchObject({ kind: 'failed', failure: 'tls' });
  });

  it('verifies IP-literal URLs against the certificate IP', async () => {
    const result = await createSafeFetch({ policy, ca: certs.ca })(`https://127.0.0.10:${listener.port}/`, { redirect: 'refuse' });
    expect(result).toMatchObject({ kind: 'response', status: 200 });
  });

  it('refuses the certificate without the CA', async () => {
    const result = await createSafeFetch({ policy })(`https://jira.corp.example:${listener.port}/`, { redirect: 'refuse' });
    expect(result).toMatchObject({ kind: 'failed', failure: 'tls' });
  });
});

describe('verifyDnsTxtChallenge through the Node resolver', () => {
  it('reads the challenge record from a real DNS server', async () => {
    dns.setTxt('_webriskops-challenge.jira.corp.example', [['webriskops-verification=', 'tok-42']]);
    expect(await verifyDnsTxtChallenge(policy.resolver, 'jira.corp.example', 'tok-42')).toMatchObject({ verified: true });
    expect(await verifyDnsTxtChallenge(policy.resolver, 'jira.corp.example', 'tok-43')).toMatchObject({ verified: false });
    expect(await verifyDnsTxtChallenge(policy.resolver, 'missing.corp.example', 'tok-42')).toMatchObject({ verified: false });
  });
});
