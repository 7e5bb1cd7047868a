import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openSqliteStore } from './open-sqlite-store';
import { credentials, targets, workspaces } from './schema';
import { findActiveCredentialCiphertext, replaceActiveCredential } from './credentials-repo';

const at = new Date('2026-11-30T08:00:00Z');
let store: ReturnType<typeof openSqliteStore>;

const credential = (id: string, workspaceId = 'ws_a', targetId = 'tgt_a') => ({
  id,
  workspaceId,
  targetId,
  kind: 'api_token' as const,
  keyId: 'k1',
  ciphertext: `sealed-${id}`,
  fingerprint: id.slice(-4),
  createdAt: at.toISOString(),
  expiresAt: null,
});

const rowsOf = (workspaceId: string, targetId: string) =>
  store.db
    .select()
    .from(credentials)
    .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.targetId, targetId)));

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  const now = at.toISOString();
  await store.atomic([
    store.db.insert(workspaces).values({ id: 'ws_a', name: 'a', createdAt: now }),
    store.db.insert(workspaces).values({ id: 'ws_b', name: 'b', createdAt: now }),
    store.db.insert(targets).values({
      id: 'tgt_a',
      workspaceId: 'ws_a',
      name: 'A',
      providerKey: 'jira_cloud',
      deploymentMode: 'cloud',
      state: 'draft',
      createdAt: now,
      updatedAt: now,
    }),
    store.db.insert(targets).values({
      id: 'tgt_b',
      workspaceId: 'ws_b',
      name: 'B',
      providerKey: 'jira_cloud',
      deploymentMode: 'cloud',
      state: 'draft',
      createdAt: now,
      updatedAt: now,
    }),
  ]);
});

afterEach(() => store.close());

describe('replaceActiveCredential', () => {
  it('destroys the active credential (ciphertext overwritten) and makes the new one active, in one group', async () => {
    await store.atomic(replaceActiveCredential(store.db, credential('cred_old1'), at));
    const later = new Date(at.getTime() + 1000);
    await store.atomic(replaceActiveCredential(store.db, credential('cred_new1'), later));
    const rows = await rowsOf('ws_a', 'tgt_a');
    expect(rows.find((row) => row.id === 'cred_old1')).toMatchObject({ ciphertext: '', revokedAt: later.toISOString() });
    expect(rows.find((row) => row.id === 'cred_new1')).toMatchObject({ ciphertext: 'sealed-cred_new1', revokedAt: null });
    expect(await findActiveCredentialCiphertext(store.db, 'ws_a', 'tgt_a')).toMatchObject({ id: 'cred_new1' });
  });

  it("leaves another workspace's credential alone", async () => {
    await store.atomic(replaceActiveCredential(store.db, credential('cred_b', 'ws_b', 'tgt_b'), at));
    await store.atomic(replaceActiveCredential(store.db, credential('cred_a', 'ws_a', 'tgt_a'), at));
    expect(await findActiveCredentialCiphertext(store.db, 'ws_b', 'tgt_b')).toMatchObject({ id: 'cred_b', ciphertext: 'sealed-cred_b' });
  });

  it('with onlyIfActive, replaces nothing once another writer already replaced that credential', async () => {
    await store.atomic(replaceActiveCredential(store.db, credential('cred_1'), at));
    await store.atomic(replaceActiveCredential(store.db, credential('cred_2'), at, { onlyIfActive: 'cred_1' }));
    await store.atomic(replaceActiveCredential(store.db, credential('cred_3'), at, { onlyIfActive: 'cred_1' }));
    const rows = await rowsOf('ws_a', 'tgt_a');
    expect(rows.map((row) => row.id).sort()).toEqual(['cred_1', 'cred_2']);
    expect(await findActiveCredentialCiphertext(store.db, 'ws_a', 'tgt_a')).toMatchObject({ id: 'cred_2' });
  });
});
