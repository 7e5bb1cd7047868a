import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { forgeInstallations } from '../../db/schema';
import type { ForgeInvocation } from '../../forge/verify-forge-invocation';

export type ForgeInstallationRow = typeof forgeInstallations.$inferSelect;

/** The installation row for a verified invocation, or null before it was ever seen. */
export async function findInstallation(deps: AppDeps, installationId: string): Promise<ForgeInstallationRow | null> {
  const [row] = await deps.store.db.select().from(forgeInstallations).where(eq(forgeInstallations.installationId, installationId)).limit(1);
  return row ?? null;
}

/** Records an installation the first time a verified invocation names it (site facts from claims only). */
export async function ensureInstallation(deps: AppDeps, invocation: ForgeInvocation): Promise<ForgeInstallationRow> {
  await deps.store.db
    .insert(forgeInstallations)
    .values({
      installationId: invocation.installationId,
      cloudId: invocation.cloudId,
      siteUrl: invocation.siteUrl,
      apiBaseUrl: invocation.apiBaseUrl,
      environmentType: invocation.environmentType,
      firstSeenAt: deps.clock.now().toISOString(),
    })
    .onConflictDoNothing();
  const row = (await findInstallation(deps, invocation.installationId))!;
  // Only a site rename writes: every Forge call passes here, most with nothing new.
  if (!invocation.siteUrl || invocation.siteUrl === row.siteUrl) return row;
  await deps.store.db.update(forgeInstallations).set({ siteUrl: invocation.siteUrl }).where(eq(forgeInstallations.installationId, invocation.installationId));
  return { ...row, siteUrl: invocation.siteUrl };
}
