/**
 * Measures checkUrl throughput: warm DNS cache, cold cache (every check asks the loopback DNS
 * server for A and AAAA), and IP literals (no DNS); then one egress request on a new TLS connection
 * to a Jira whose certificate an operator's extra CA (EXTRA_CA_FILE) signed. Loopback only;
 * bounded in iterations and time.
 * Run: node --import tsx server/bench/url-check.bench.ts
 */
import { checkUrl, createNodeResolver, createPinnedAgentPool, createSafeFetch, type EgressPolicy } from '../src/net/index';
import { startDnsServer, type TestDnsServer } from '../../test/src/support/dns-server';
import { startRecordingListener } from '../../test/src/support/recording-listener';
import { createTestCertificates } from '../../test/src/support/test-ca';

interface Figure {
  label: string;
  checks: number;
  seconds: number;
}

async function measure(label: string, maxChecks: number, maxMs: number, once: () => Promise<void>): Promise<Figure> {
  for (let i = 0; i < Math.min(200, maxChecks); i += 1) await once();
  const started = performance.now();
  let checks = 0;
  while (checks < maxChecks && performance.now() - started < maxMs) {
    await once();
    checks += 1;
  }
  return { label, checks, seconds: (performance.now() - started) / 1000 };
}

function print({ label, checks, seconds }: Figure): void {
  const perSecond = Math.round(checks / seconds).toLocaleString('en-US');
  const micros = ((seconds * 1e6) / checks).toFixed(1);
  console.log(`${label.padEnd(34)} ${perSecond.padStart(10)} checks/s   ${micros.padStart(8)} µs per check   (${checks} checks in ${seconds.toFixed(2)} s)`);
}

const dns = await startDnsServer({ defaultTtl: 300 });
try {
  dns.setAnswers('jira.example.com', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
  dns.setAnswers('jira.corp.example', ['10.1.2.3']);
  const resolver = createNodeResolver({ servers: [dns.server], timeoutMs: 1000, tries: 1 });
  const policy: EgressPolicy = {
    resolver,
    approvedEntries: ['10.0.0.0/8', '[fd00::5]:8443', 'jira.partner.example'],
    allowHttpForApproved: false,
    ownAddresses: ['203.0.113.7'],
  };
  const expectAllowed = async (url: string) => {
    const verdict = await checkUrl(url, policy);
    if (!verdict.allowed) throw new Error(`bench setup: ${url} was refused: ${verdict.reason}`);
  };

  console.log(`checkUrl benchmark (Node ${process.version}, DNS server ${dns.server})`);
  print(await measure('warm cache, public name', 200_000, 2_000, () => expectAllowed('https://jira.example.com/jira')));
  print(await measure('warm cache, approved network name', 200_000, 2_000, () => expectAllowed('https://jira.corp.example/')));
  print(await measure('IP literal (no DNS)', 200_000, 2_000, () => expectAllowed('https://93.184.216.34:8443/')));
  print(
    await measure('cold cache (A + AAAA over UDP)', 5_000, 3_000, async () => {
      resolver.clearCache();
      await expectAllowed('https://jira.example.com/jira');
    }),
  );
  const queries = dns.queries.length;
  console.log(`loopback DNS server answered ${queries.toLocaleString('en-US')} queries`);
  await newTlsConnections(dns);
} finally {
  await dns.close();
}

/** A request per new TLS connection (the server closes each one) through the egress client, trusting an extra CA. */
async function newTlsConnections(dns: TestDnsServer): Promise<void> {
  const certs = await createTestCertificates({ dnsNames: ['jira.private.example'], ipAddresses: ['127.0.0.21'] });
  const listener = await startRecordingListener({
    host: '127.0.0.21',
    tls: certs,
    handler: (_request, response) => response.writeHead(200, { connection: 'close', 'content-type': 'text/plain' }).end('ok'),
  });
  dns.setAnswers('jira.private.example', ['127.0.0.21'], 300);
  const policy: EgressPolicy = {
    resolver: createNodeResolver({ servers: [dns.server] }),
    approvedEntries: ['127.0.0.0/24'],
    allowHttpForApproved: false,
    ownAddresses: [],
  };
  const agents = createPinnedAgentPool({ ca: certs.ca });
  const send = createSafeFetch({ policy, ca: certs.ca, agents });
  const url = `https://jira.private.example:${listener.port}/rest/api/2/serverInfo`;
  const once = async () => {
    const result = await send(url, { redirect: 'refuse' });
    if (result.kind !== 'response') throw new Error(`bench setup: ${url} answered ${result.kind}`);
  };
  try {
    for (let i = 0; i < 3; i += 1) await once();
    const requests = 40;
    const connectionsBefore = listener.connections;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < requests; i += 1) await once();
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `egress on a new TLS connection each, extra CA trusted: ${((performance.now() - started) / requests).toFixed(2)} ms and ${((cpu.user + cpu.system) / 1000 / requests).toFixed(2)} ms CPU per request (client and the TLS server both in this process; ${listener.connections - connectionsBefore} connections)`,
    );
  } finally {
    await agents.close();
    await listener.close();
  }
}
