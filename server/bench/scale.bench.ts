/**
 * Scale figures, loopback only: 10,000 targets and 100,000 audit events are written into a fresh
 * DATA_DIR, then the server is started on it as the README does (`npm start`, the prebuilt bundle):
 * the time to list a page of targets over HTTP (first page and a deep page through the cursor),
 * one target's audit trail, and the server process's resident memory after that.
 * Run: node --import tsx server/bench/scale.bench.ts (or npm run bench)
 */
import { rmSync } from 'node:fs';
import { startCompanion } from '../../test/src/support/companion-harness';
import { prepareFirstRunForTest } from '../../test/src/support/first-run';
import { auditEvents, targets, workspaces } from '../src/db/schema';
import { freePort, startCompanionProcess, waitForOk } from '../../test/src/support/processes';
import { residentMb } from './bench-processes';

const TARGETS = 10_000;
const AUDIT_EVENTS = 100_000;

console.log(`scale benchmark (Node ${process.version})`);
const companion = await startCompanion();
try {
  await prepareFirstRunForTest(companion);
  const token = await companion.token('default', 'admin');
  const [workspace] = await companion.deps.store.db.select().from(workspaces);
  const started = performance.now();
  const now = Date.now();
  for (let batch = 0; batch < TARGETS / 500; batch += 1) {
    const rows = Array.from({ length: 500 }, (_, i) => {
      const n = batch * 500 + i;
      const at = new Date(now - n * 1000).toISOString();
      return {
        id: `tgt_bench${String(n).padStart(7, '0')}`,
        workspaceId: workspace!.id,
        name: `Jira ${n}`,
        providerKey: 'jira_data_center' as const,
        deploymentMode: 'self-hosted' as const,
        authMethod: 'pat' as const,
        state: 'draft' as const,
        blockedCode: 'PROVIDER_BASE_URL_BLOCKED',
        createdAt: at,
        updatedAt: at,
      };
    });
    await companion.deps.store.atomic([companion.deps.store.db.insert(targets).values(rows)]);
  }
  for (let batch = 0; batch < AUDIT_EVENTS / 1000; batch += 1) {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const n = batch * 1000 + i;
      return {
        id: `aud_bench${String(n).padStart(8, '0')}`,
        workspaceId: workspace!.id,
        targetId: `tgt_bench${String(n % TARGETS).padStart(7, '0')}`,
        actor: 'bench',
        action: 'checks.run',
        fromState: 'draft',
        toState: 'draft',
        code: 'PROVIDER_BASE_URL_BLOCKED',
        detail: '{"summary":"url:failed"}',
        targetVersion: 1 + Math.floor(n / TARGETS),
        createdAt: new Date(now + n).toISOString(),
      };
    });
    await companion.deps.store.atomic([companion.deps.store.db.insert(auditEvents).values(rows)]);
  }
  console.log(
    `seeded ${TARGETS.toLocaleString('en-US')} targets and ${AUDIT_EVENTS.toLocaleString('en-US')} audit events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  companion.stop(false);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startCompanionProcess({ DATA_DIR: companion.dataDir, PORT: String(port), HOST: '127.0.0.1' });
  try {
    await waitForOk(`${base}/healthz`, 20_000);
    const pid = Number((await server.waitFor(/"message":"companion listening"[^\n]*"pid":(\d+)/, 5_000))[1]);
    const atStart = residentMb(pid);
    const get = async (path: string) => {
      const t = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      const body = (await response.json()) as { targets: unknown[]; next_cursor: string | null };
      return { ms: performance.now() - t, body };
    };
    await get('/api/v1/targets?limit=100');
    const timings: number[] = [];
    for (let i = 0; i < 50; i += 1) timings.push((await get('/api/v1/targets?limit=100')).ms);
    timings.sort((a, b) => a - b);
    let cursor: string | null = null;
    for (let i = 0; i < 50; i += 1) cursor = (await get(`/api/v1/targets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body.next_cursor;
    const deep = await get(`/api/v1/targets?limit=100&cursor=${encodeURIComponent(cursor!)}`);
    const audit = await get('/api/v1/targets/tgt_bench0000042/audit');
    console.log(
      `list a page of 100 targets over HTTP: p50 ${timings[25]!.toFixed(2)} ms, p99 ${timings[49]!.toFixed(2)} ms; page 51 through the cursor ${deep.ms.toFixed(2)} ms`,
    );
    console.log(`read one target's audit trail (10 of 100,000 events): ${audit.ms.toFixed(2)} ms`);
    console.log(
      `server resident memory with ${TARGETS.toLocaleString('en-US')} targets and ${AUDIT_EVENTS.toLocaleString('en-US')} audit events: ${residentMb(pid).toFixed(1)} MB after listing (aim <= 150 MB); ${atStart.toFixed(1)} MB when it was up`,
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(companion.dataDir, { recursive: true, force: true });
}
