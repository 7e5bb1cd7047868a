import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTargetCached, listApprovedNetworksCached } from './cached-reads';
import { approvedNetworkInsert, approvedNetworkRevoke } from './approved-networks-repo';
import { openSqliteStore } from './open-sqlite-store';
import { credentials, targets, workspaces } from './schema';
import type { Store } from './database';

const now = '2026-11-30T08:00:00.000Z';
let dir: string;
let server: ReturnType<typeof openSqliteStore>;
let cli: ReturnType<typeof openSqliteStore>;
let statements: string[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wro-target-cache-'));
  statements = [];
  // Two connections to one file, as `npm start` and `npm run companion` have.
  server = openSqliteStore(join(dir, 'companion.db'), { traceSql: (sql) => statements.push(sql) });
  cli = openSqliteStore(join(dir, 'companion.db'));
  const target = { name: 'A', providerKey: 'jira_cloud' as const, deploymentMode: 'cloud' as const, state: 'draft' as const, createdAt: now, updatedAt: now };
  await cli.atomic([
    cli.db.insert(workspaces).values({ id: 'ws_a', name: 'a', createdAt: now }),
    cli.db.insert(workspaces).values({ id: 'ws_b', name: 'b', createdAt: now }),
    cli.db.insert(targets).values({ ...target, id: 'tgt_a', workspaceId: 'ws_a' }),
  ]);
});

afterEach(() => {
  server.close();
  cli.close();
  rmSync(dir, { recursive: true, force: true });
});

const targetReads = () => statements.filter((sql) => sql.includes('from "targets"'));
const rename = (store: Store, name: string) => store.db.update(targets).set({ name }).where(eq(targets.id, 'tgt_a'));

describe('findTargetCached', () => {
  it('reads a target once while nothing is committed, and hands out a frozen record', async () => {
    const first = await findTargetCached(server, 'ws_a', 'tgt_a');
    expect(first?.name).toBe('A');
    statements.length = 0;
    expect(await findTargetCached(server, 'ws_a', 'tgt_a')).toBe(first);
    expect(targetReads()).toEqual([]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.checks)).toBe(true);
  });

  it('reads the change another process (the CLI) committed on the very next call', async () => {
    await findTargetCached(server, 'ws_a', 'tgt_a');
    await rename(cli, 'renamed by the CLI');
    expect((await findTargetCached(server, 'ws_a', 'tgt_a'))?.name).toBe('renamed by the CLI');
    await cli.db.update(targets).set({ state: 'revoked' }).where(eq(targets.id, 'tgt_a'));
    expect((await findTargetCached(server, 'ws_a', 'tgt_a'))?.state).toBe('revoked');
  });

  it("reads this connection's own change on the very next call", async () => {
    await findTargetCached(server, 'ws_a', 'tgt_a');
    await rename(server, 'renamed here');
    expect((await findTargetCached(server, 'ws_a', 'tgt_a'))?.name).toBe('renamed here');
  });

  it('sees a credential added by another process (the record carries its metadata)', async () => {
    expect((await findTargetCached(server, 'ws_a', 'tgt_a'))?.credential).toBeNull();
    await cli.db.insert(credentials).values({
      id: 'cred_1',
      workspaceId: 'ws_a',
      targetId: 'tgt_a',
      kind: 'api_token',
      keyId: 'k1',
      ciphertext: 'sealed',
      fingerprint: 'abcd',
      createdAt: now,
      expiresAt: null,
    });
    expect((await findTargetCached(server, 'ws_a', 'tgt_a'))?.credential?.fingerprint).toBe('abcd');
  });

  it('is scoped by workspace: a cached target is still absent for another workspace, and a deleted one is gone', async () => {
    expect(await findTargetCached(server, 'ws_a', 'tgt_a')).not.toBeNull();
    expect(await findTargetCached(server, 'ws_b', 'tgt_a')).toBeNull();
    await cli.db.delete(targets).where(eq(targets.id, 'tgt_a'));
    expect(await findTargetCached(server, 'ws_a', 'tgt_a')).toBeNull();
  });
});

describe('listApprovedNetworksCached', () => {
  const network = { id: 'net_1', name: 'tunnel', entries: ['10.20.0.0/16'], created_at: now };

  it('reads once while nothing is committed, and sees a network revoked by another process (the CLI) on the very next call', async () => {
    await cli.atomic([approvedNetworkInsert(cli.db, 'ws_a', network)]);
    expect((await listApprovedNetworksCached(server, 'ws_a')).map((row) => row.entries)).toEqual([['10.20.0.0/16']]);
    statements.length = 0;
    expect(await listApprovedNetworksCached(server, 'ws_a')).toHaveLength(1);
    expect(statements.filter((sql) => sql.includes('approved_networks'))).toEqual([]);
    expect(await listApprovedNetworksCached(server, 'ws_b')).toEqual([]);
    await cli.atomic([approvedNetworkRevoke(cli.db, 'net_1', new Date(now))]);
    expect(await listApprovedNetworksCached(server, 'ws_a')).toEqual([]);
  });

  it('sees a network approved through this connection on the very next call', async () => {
    expect(await listApprovedNetworksCached(server, 'ws_a')).toEqual([]);
    await server.atomic([approvedNetworkInsert(server.db, 'ws_a', network)]);
    expect(await listApprovedNetworksCached(server, 'ws_a')).toHaveLength(1);
  });
});
