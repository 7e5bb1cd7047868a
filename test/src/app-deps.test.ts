import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { workspaces } from '@webriskops/server/schema';
import { startCompanion, type Companion } from './support/companion-harness';

let companion: Companion;

beforeEach(async () => {
  companion = await startCompanion({ env: { APPROVED_NETWORKS: '10.9.0.0/16' } });
  for (const name of ['alpha', 'beta']) expect((await companion.cli(['workspace', 'create', name])).code).toBe(0);
});
afterEach(() => companion.stop());

const workspaceId = async (name: string) => (await companion.deps.store.db.select().from(workspaces).where(eq(workspaces.name, name)))[0]!.id;

describe('services built once from the runtime (buildAppDeps)', () => {
  it("egress.policyFor gives a workspace the global entries plus its own approved networks, never another workspace's, read fresh", async () => {
    const [alpha, beta] = [await workspaceId('alpha'), await workspaceId('beta')];
    expect((await companion.deps.egress.policyFor(alpha)).approvedEntries).toEqual(['10.9.0.0/16']);
    expect((await companion.cli(['network', 'approve', '--workspace', 'alpha', '--name', 'tunnel', '10.20.0.0/16'])).code).toBe(0);
    expect((await companion.deps.egress.policyFor(alpha)).approvedEntries).toEqual(['10.9.0.0/16', '10.20.0.0/16']);
    expect((await companion.deps.egress.policyFor(beta)).approvedEntries).toEqual(['10.9.0.0/16']);
    expect((await companion.deps.egress.policyFor(null)).approvedEntries).toEqual(['10.9.0.0/16']);
  });

  it('the Forge verifier is built once (one cached key source for every request), absent until FORGE_APP_ID is set', async () => {
    expect(companion.deps.forge.verification()).toBeNull();
    const forge = await startCompanion({ env: { FORGE_APP_ID: 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000' } });
    try {
      const first = forge.deps.forge.verification()!;
      expect(first.appId).toBe('ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000');
      expect(forge.deps.forge.verification()!.getKey).toBe(first.getKey);
    } finally {
      await forge.stop();
    }
  });
});
