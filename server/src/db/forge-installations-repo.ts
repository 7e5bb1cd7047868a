import { and, eq, isNotNull, ne } from 'drizzle-orm';
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

export type ForgeInstallationRow = typeof forgeInstallations.$inferSelect;

/** The installation row by its id, or null before it was ever seen. */
export async function findForgeInstallation(db: Database, installationId: string): Promise<ForgeInstallationRow | null> {
  const [row] = await db.select().from(forgeInstallations).where(eq(forgeInstallations.installationId, installationId)).limit(1);
  return row ?? null;
}

/** Records an installation the first time it is seen (a concurrent first sight is harmless). */
export async function forgeInstallationInsertIfNew(db: Database, installation: typeof forgeInstallations.$inferInsert): Promise<void> {
  await db.insert(forgeInstallations).values(installation).onConflictDoNothing();
}

/** Changes the fields of one installation (site rename, pending token, pairing, uninstall...). */
export function forgeInstallationUpdate(db: Database, installationId: string, values: Partial<Omit<ForgeInstallationRow, 'installationId'>>) {
  return db.update(forgeInstallations).set(values).where(eq(forgeInstallations.installationId, installationId));
}

/** Other installations of the same Jira site that are still paired (a reinstall leaves them behind). */
export function listOtherPairedInstallations(db: Database, cloudId: string, installationId: string): Promise<ForgeInstallationRow[]> {
  return db
    .select()
    .from(forgeInstallations)
    .where(and(eq(forgeInstallations.cloudId, cloudId), ne(forgeInstallations.installationId, installationId), isNotNull(forgeInstallations.targetId)));
}
