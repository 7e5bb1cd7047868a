/**
 * Scale figures, one fresh process, loopback only: resident memory after 10,000 targets and
 * 100,000 audit events in one workspace, and the time to list a page of targets then (first page
 * and a deep page through the cursor).
 * Run: node --expose-gc --import tsx server/bench/scale.bench.ts
 */
import { startCompanion } from '../../test/src/support/companion-harness';
import { prepareFirstRunForTest } from '../../test/src/support/first-run';
import { auditEvents, targets, workspaces } from '../src/db/schema';

const TARGETS = 10_000;
const AUDIT_EVENTS = 100_000;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

console.log(`scale benchmark (Node ${process.version})`);
const companion = await startCompanion();
try {
  await prepareFirstRunForTest(companion);
  gc();
  const baseline = process.memoryUsage().rss;
  const token = await companion.token('default', 'admin');
  const [workspace] = await companion.deps.store.db.select().from(workspaces);
  const started = performance.now();
  const now = Date.now();
  for (let batch = 0; batch < TARGETS / 500; batch += 1) {
    const rows = Array.from({ length: 500 }, (_, i) => {
      const n = batch * 500 + i;
      const at = new Date(now - n * 1000).toISOString();
      return { id: `tgt_bench${String(n).padStart(7, '0')}`, workspaceId: workspace!.id, name: `Jira ${n}`, providerKey: 'jira_data_center' as const, deploymentMode: 'self-hosted' as const, authMethod: 'pat' as const, state: 'draft' as const, blockedCode: 'PROVIDER_BASE_URL_BLOCKED', createdAt: at, updatedAt: at };
    });
    await companion.deps.store.atomic([companion.deps.store.db.insert(targets).values(rows)]);
  }
  for (let batch = 0; batch < AUDIT_EVENTS / 1000; batch += 1) {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const n = batch * 1000 + i;
      return { id: `aud_bench${String(n).padStart(8, '0')}`, workspaceId: workspace!.id, targetId: `tgt_bench${String(n % TARGETS).padStart(7, '0')}`, actor: 'bench', action: 'checks.run', fromState: 'draft', toState: 'draft', code: 'PROVIDER_BASE_URL_BLOCKED', detail: '{"summary":"url:failed"}', targetVersion: 1 + Math.floor(n / TARGETS), createdAt: new Date(now + n).toISOString() };
    });
    await companion.deps.store.atomic([companion.deps.store.db.insert(auditEvents).values(rows)]);
  }
  console.log(`seeded ${TARGETS.toLocaleString('en-US')} targets and ${AUDIT_EVENTS.toLocaleString('en-US')} audit events in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const page = async (query: string) => {
    const t = performance.now();
    const response = await companion.request('GET', `/api/v1/targets${query}`, { token });
    return { ms: performance.now() - t, body: response.json as { targets: unknown[]; next_cursor: string | null } };
  };
  await page('?limit=100');
  const timings: number[] = [];
  for (let i = 0; i < 50; i += 1) timings.push((await page('?limit=100')).ms);
  timings.sort((a, b) => a - b);
  let cursor: string | null = null;
  for (let i = 0; i < 50; i += 1) cursor = (await page(`?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body.next_cursor;
  const deep = await page(`?limit=100&cursor=${encodeURIComponent(cursor!)}`);
  const audit = performance.now();
  await companion.request('GET', '/api/v1/targets/tgt_bench0000042/audit', { token });
  const auditMs = performance.now() - audit;
  companion.responses.length = 0;
  gc();
  const rss = process.memoryUsage().rss;
  console.log(`list a page of 100 targets: p50 ${timings[25]!.toFixed(2)} ms, p99 ${timings[49]!.toFixed(2)} ms; page 51 through the cursor ${deep.ms.toFixed(2)} ms`);
  console.log(`read one target's audit trail (10 of 100,000 events): ${auditMs.toFixed(2)} ms`);
  const heap = process.memoryUsage();
  console.log(`resident memory after seeding and listing: ${mb(rss)} MB (aim < 150 MB); at start ${mb(baseline)} MB; JS heap ${mb(heap.heapUsed)} MB, external ${mb(heap.external)} MB`);
} finally {
  companion.stop();
}
