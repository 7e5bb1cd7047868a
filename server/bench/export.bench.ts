/**
 * Export API figures, one run, loopback only:
 *  1. portable CSV export of 100,000 streamed findings: time, findings/s, MB/s and peak RSS;
 *  2. readiness reads per second (and p50/p99) at 50 concurrent requests, over loopback HTTP
 *     (@hono/node-server, keep-alive client) and through the app's fetch handler in-process,
 *     beside the bare /healthz route of the same app, with their ratio;
 *  3. the added latency of an issue update through the companion (map hit: one PUT to Jira)
 *     compared with the same PUT sent straight to the fake Jira through the same egress client.
 * Run: node --import tsx server/bench/export.bench.ts
 */
import { startCompanion } from '../../test/src/support/companion-harness';
import { prepareFirstRunForTest } from '../../test/src/support/first-run';
import { connectReadyDataCenterTarget, startDataCenterWorld, startWorldCompanion } from '../../test/src/support/data-center-world';
import { request as httpRequest, Agent } from 'node:http';
import { serve } from '@hono/node-server';
import { createNodeResolver, createPinnedAgentPool, createSafeFetch } from '../src/net/index';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `once` from `connections` loops for `ms`; returns requests/s and latency percentiles. */
async function load(connections: number, ms: number, once: () => Promise<void>) {
  for (let i = 0; i < 200; i += 1) await once();
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await once();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
}

function row(label: string, figure: { perSecond: number; p50: number; p99: number; count: number }) {
  console.log(`${label.padEnd(40)} ${Math.round(figure.perSecond).toLocaleString('en-US').padStart(8)} req/s   p50 ${figure.p50.toFixed(2).padStart(6)} ms   p99 ${figure.p99.toFixed(2).padStart(6)} ms   (${figure.count} requests)`);
}

console.log(`export API benchmark (Node ${process.version}, ${process.platform}/${process.arch})`);

// 1: the portable fallback first, so its memory figures start from a fresh process.
const portableCompanion = await startCompanion();
try {
  await prepareFirstRunForTest(portableCompanion);
  const token = await portableCompanion.token('default', 'export');
  const total = 100_000;
  const encoder = new TextEncoder();
  let produced = 0;
  const input = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= total) return controller.close();
      let chunk = '';
      for (let i = 0; i < 500 && produced < total; i += 1, produced += 1) {
        chunk += `${JSON.stringify({ fingerprint: `fp-${produced}`, title: `Finding ${produced} =cmd`, description: `Description of finding ${produced}, with [markup] to escape.`, severity: 'medium', url: `https://app.acme.test/p/${produced}`, evidence: `GET /p/${produced}\nHTTP/1.1 200 OK` })}\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const response = await portableCompanion.app.request('/api/v1/exports/portable?format=csv', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: input,
    duplex: 'half',
  } as RequestInit);
  const reader = response.body!.getReader();
  let bytes = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`\n1. portable CSV export of ${total.toLocaleString('en-US')} streamed findings`);
  console.log(`${seconds.toFixed(2)} s, ${Math.round(total / seconds).toLocaleString('en-US')} findings/s, ${mb(bytes)} MB out (${(bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s)`);
  console.log(`RSS before ${mb(baseline)} MB, peak ${mb(peak)} MB (+${mb(peak - baseline)} MB while exporting)`);
} finally {
  portableCompanion.stop();
}

// 2 + 3: a ready Data Center target against the fake Jira over loopback HTTPS.
const world = await startDataCenterWorld();
const { companion, admin } = await startWorldCompanion(world);
try {
  const exporter = await companion.token('default', 'export');
  const target = await connectReadyDataCenterTarget(world, companion, admin);
  const auth = { authorization: `Bearer ${exporter}` };
  const ok = async (path: string) => {
    const response = await companion.app.request(path, { headers: auth });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
  };
  const server = serve({ fetch: companion.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const overHttp = (path: string) => () =>
    new Promise<void>((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, path, agent, headers: auth }, (incoming) => {
        incoming.resume();
        incoming.on('end', () => (incoming.statusCode === 200 ? resolve() : reject(new Error(`${path} answered ${incoming.statusCode}`))));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  const readinessPath = `/api/v1/targets/${target.id}/readiness`;
  console.log('\n2. readiness at 50 concurrent requests, 3 s each');
  const bareHttp = await load(50, 3000, overHttp('/healthz'));
  const readinessHttp = await load(50, 3000, overHttp(readinessPath));
  row('HTTP GET /healthz (bare route)', bareHttp);
  row('HTTP GET /targets/{id}/readiness', readinessHttp);
  console.log(`over HTTP, readiness / bare throughput: ${(readinessHttp.perSecond / bareHttp.perSecond).toFixed(2)} (aim >= 0.5)`);
  const bare = await load(50, 3000, () => ok('/healthz'));
  const readiness = await load(50, 3000, () => ok(readinessPath));
  row('in-process GET /healthz', bare);
  row('in-process GET /targets/{id}/readiness', readiness);
  console.log(`in-process, readiness / bare throughput: ${(readiness.perSecond / bare.perSecond).toFixed(2)} (readiness = token check + one joined read)`);
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));

  console.log('\n3. issue update (map hit: one PUT to Jira) through the companion vs the same PUT sent directly');
  const body = JSON.stringify({
    finding: { fingerprint: 'bench-1', title: 'Bench finding', description: 'd', severity: 'high', url: 'https://app.acme.test/x', evidence: 'e' },
    mapping: { project_key: 'SEC', issue_type_id: '10002', priority_id: '2' },
  });
  const exportOnce = async () => {
    const response = await companion.app.request(`/api/v1/targets/${target.id}/issues`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
    if (response.status !== 200 && response.status !== 201) throw new Error(`export answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  await exportOnce();
  const issueKey = world.jira.issues[0]!.key;
  // The direct side gets the same pinned keep-alive pool the companion uses, so only the companion's own work differs.
  const send = createSafeFetch({ policy: { resolver: createNodeResolver({ servers: [world.dns.server] }), approvedEntries: ['127.0.0.0/24'], allowHttpForApproved: false, ownAddresses: [] }, ca: world.jira.ca, agents: createPinnedAgentPool({ ca: world.jira.ca }) });
  const direct = async () => {
    const result = await send(`${world.jira.baseUrl}/rest/api/2/issue/${issueKey}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { summary: 'Bench finding' } }),
      credentialHeaders: { authorization: `Bearer ${target.pat}` },
      redirect: 'refuse',
    });
    if (result.kind !== 'response' || result.status !== 204) throw new Error(`direct PUT failed: ${JSON.stringify(result.kind)}`);
  };
  // Interleaved, one at a time, so drift (GC, CPU frequency) hits both sides alike.
  for (let i = 0; i < 20; i += 1) {
    await direct();
    await exportOnce();
  }
  const directMs: number[] = [];
  const companionMs: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    let t = performance.now();
    await direct();
    directMs.push(performance.now() - t);
    t = performance.now();
    await exportOnce();
    companionMs.push(performance.now() - t);
  }
  const figure = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { perSecond: 1000 / (values.reduce((a, b) => a + b, 0) / values.length), p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: values.length };
  };
  const viaDirect = figure(directMs);
  const viaCompanion = figure(companionMs);
  row('PUT /issue straight to the fake Jira', viaDirect);
  row('POST /targets/{id}/issues (update)', viaCompanion);
  console.log(`added by the companion: p50 ${(viaCompanion.p50 - viaDirect.p50).toFixed(2)} ms, p99 ${(viaCompanion.p99 - viaDirect.p99).toFixed(2)} ms (aim: < 2 ms at p50)`);
} finally {
  companion.stop();
  await world.close();
}

