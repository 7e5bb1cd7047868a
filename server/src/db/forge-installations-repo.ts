import { and, eq } from 'drizzle-orm';
import { forgeInstallations } from './schema';
import type { Database } from './database';

/**
 * Unbinds whatever Forge installation is paired with this target of this workspace: the app page
 * then says "not paired" and a new pairing code works. Harmless for targets without one.
 */
export function forgeInstallationUnbind(db: Database, workspaceId: string, targetId: string) {
  return db
    .update(forgeInstallations)
    .set({ targetId: null, workspaceId: null, pairedAt: null, pairedBy: null })
    .where(and(eq(forgeInstallations.workspaceId, workspaceId), eq(forgeInstallations.targetId, targetId)));
}

/** The apiBaseUrl of the installation paired with this target of this workspace, or null. */
export async function findPairedApiBaseUrl(db: Database, workspaceId: string, targetId: string): Promise<string | null> {
  const [row] = await db
    .select({ apiBaseUrl: forgeInstallations.apiBaseUrl })
    .from(forgeInstallations)
    .where(and(eq(forgeInstallations.workspaceId, workspaceId), eq(forgeInstallations.targetId, targetId)))
    .limit(1);
  return row?.apiBaseUrl ?? null;
}
