import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitScopedCache } from './commit-scoped-cache';
import { openSqliteStore } from './open-sqlite-store';
import { workspaces } from './schema';
import type { Store } from './database';
import { authenticateApiToken, createApiToken, LAST_USED_RESOLUTION_MS, revokeApiToken } from '../commands/api-tokens';
import { listApiTokens } from './api-tokens-repo';

const clock = { now: () => new Date('2026-11-30T08:00:00Z') };
let dir: string;
let server: ReturnType<typeof openSqliteStore>;
let cli: ReturnType<typeof openSqliteStore>;
let statements: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wro-commit-cache-'));
  statements = [];
  // Two connections to one file, as `npm start` and `npm run companion` have.
  server = openSqliteStore(join(dir, 'companion.db'), { traceSql: (sql) => statements.push(sql) });
  cli = openSqliteStore(join(dir, 'companion.db'));
});

afterEach(() => {
  server.close();
  cli.close();
  rmSync(dir, { recursive: true, force: true });
});

const addWorkspace = (store: Store, id: string) => store.atomic([store.db.insert(workspaces).values({ id, name: id, createdAt: clock.now().toISOString() })]);

function countingLoad(value: string | null) {
  const calls = { count: 0 };
  return { calls, load: async () => ((calls.count += 1), value) };
}

describe('createCommitScopedCache', () => {
  it('answers a repeated key from memory while nothing is committed', async () => {
    const cache = createCommitScopedCache<string>(server);
    const { calls, load } = countingLoad('v');
    for (let i = 0; i < 5; i += 1) expect(await cache.get('k', load)).toBe('v');
    expect(calls.count).toBe(1);
  });

  it("forgets everything the moment another connection commits (SQLite's data_version)", async () => {
    const cache = createCommitScopedCache<string>(server);
    const { calls, load } = countingLoad('v');
    await cache.get('k', load);
    await addWorkspace(cli, 'ws_other_connection');
    await cache.get('k', load);
    expect(calls.count).toBe(2);
  });

  it("forgets everything after this connection's own writes, atomic or not", async () => {
    const cache = createCommitScopedCache<string>(server);
    const { calls, load } = countingLoad('v');
    await cache.get('k', load);
    await addWorkspace(server, 'ws_atomic');
    await cache.get('k', load);
    await server.db.insert(workspaces).values({ id: 'ws_plain', name: 'ws_plain', createdAt: clock.now().toISOString() });
    await cache.get('k', load);
    expect(calls.count).toBe(3);
  });

  it('caches no misses, and nothing at all on a store that cannot tell when it changed (D1)', async () => {
    const miss = countingLoad(null);
    const cache = createCommitScopedCache<string>(server);
    await cache.get('k', miss.load);
    await cache.get('k', miss.load);
    expect(miss.calls.count).toBe(2);
    const d1Like: Store = { db: server.db, atomic: server.atomic };
    const hit = countingLoad('v');
    const uncached = createCommitScopedCache<string>(d1Like);
    await uncached.get('k', hit.load);
    await uncached.get('k', hit.load);
    expect(hit.calls.count).toBe(2);
  });

  it('does not keep a value read before a newer change was seen by another request', async () => {
    const cache = createCommitScopedCache<string>(server);
    let release!: () => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = () => resolve('stale'))));
    await addWorkspace(cli, 'ws_meanwhile');
    expect(await cache.get('other', async () => 'fresh')).toBe('fresh');
    release();
    expect(await slow).toBe('stale');
    const { calls, load } = countingLoad('reloaded');
    expect(await cache.get('k', load)).toBe('reloaded');
    expect(calls.count).toBe(1);
  });
});

describe('API tokens through the cache', () => {
  it('a token checked once is not read again, and a revocation by another process is refused on the very next call', async () => {
    await addWorkspace(cli, 'ws_a');
    const { token, prefix } = await createApiToken({ store: cli, clock }, { workspaceId: 'ws_a', role: 'export' });
    expect(await authenticateApiToken({ store: server, clock }, token)).toEqual({ workspaceId: 'ws_a', role: 'export', actor: `token:${prefix}` });
    statements.length = 0;
    expect(await authenticateApiToken({ store: server, clock }, token)).not.toBeNull();
    expect(statements.filter((sql) => sql.includes('api_tokens'))).toEqual([]);
    expect(await revokeApiToken({ store: cli, clock }, prefix)).toBe(true);
    expect(await authenticateApiToken({ store: server, clock }, token)).toBeNull();
  });

  it('a revocation through this connection is refused on the very next call too', async () => {
    await addWorkspace(server, 'ws_b');
    const { token, prefix } = await createApiToken({ store: server, clock }, { workspaceId: 'ws_b', role: 'admin' });
    expect(await authenticateApiToken({ store: server, clock }, token)).not.toBeNull();
    expect(await revokeApiToken({ store: server, clock }, prefix)).toBe(true);
    expect(await authenticateApiToken({ store: server, clock }, token)).toBeNull();
  });

  it('marks a token used at most once per resolution interval, and the write costs no extra read', async () => {
    await addWorkspace(server, 'ws_c');
    let now = Date.parse('2026-11-30T08:00:00Z');
    const moving = { now: () => new Date(now) };
    const { token } = await createApiToken({ store: server, clock: moving }, { workspaceId: 'ws_c', role: 'export' });
    const lastUsed = async () => (await listApiTokens(server.db, 'ws_c'))[0]!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect(await authenticateApiToken({ store: server, clock: moving }, token)).not.toBeNull();
    expect(await lastUsed()).toBe('2026-11-30T08:00:00.000Z');
    now += LAST_USED_RESOLUTION_MS - 1;
    statements.length = 0;
    expect(await authenticateApiToken({ store: server, clock: moving }, token)).not.toBeNull();
    expect(statements.filter((sql) => sql.includes('api_tokens'))).toEqual([]);
    now += 1;
    expect(await authenticateApiToken({ store: server, clock: moving }, token)).not.toBeNull();
    expect(statements.filter((sql) => sql.includes('api_tokens')).map((sql) => sql.split(' ')[0])).toEqual(['update']);
    expect(await lastUsed()).toBe(new Date(now).toISOString());
  });
});
