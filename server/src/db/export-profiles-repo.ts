import { and, eq } from 'drizzle-orm';
import { exportProfiles } from './schema';
import type { Database } from './database';

/** A target's export profile as stored: the mapping and the problem the last check found. */
export interface StoredExportProfile {
  profile: unknown;
  problem: unknown;
  checkedAt: string;
  updatedAt: string;
}

const rowOf = (workspaceId: string, targetId: string) => and(eq(exportProfiles.workspaceId, workspaceId), eq(exportProfiles.targetId, targetId));

/** The profile of one target of one workspace; null when none was saved (or another workspace's). */
export async function findExportProfile(db: Database, workspaceId: string, targetId: string): Promise<StoredExportProfile | null> {
  const [row] = await db.select().from(exportProfiles).where(rowOf(workspaceId, targetId)).limit(1);
  if (!row) return null;
  return {
    profile: JSON.parse(row.profileJson) as unknown,
    problem: row.problemJson ? (JSON.parse(row.problemJson) as unknown) : null,
    checkedAt: row.checkedAt,
    updatedAt: row.updatedAt,
  };
}

/** The upsert that saves a profile (checked, so without a problem), to run inside an atomic group with its audit row. */
export function upsertExportProfile(db: Database, workspaceId: string, targetId: string, profile: unknown, at: Date) {
  const now = at.toISOString();
  const profileJson = JSON.stringify(profile);
  return db
    .insert(exportProfiles)
    .values({ workspaceId, targetId, profileJson, problemJson: null, checkedAt: now, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [exportProfiles.workspaceId, exportProfiles.targetId],
      set: { profileJson, problemJson: null, checkedAt: now, updatedAt: now },
    });
}

/**
 * Records what a re-check found (null: the profile fits), only while the profile is still the one
 * that was checked (`updatedAt`): a save that raced the re-check is never overwritten.
 */
export async function recordExportProfileProblem(db: Database, workspaceId: string, targetId: string, updatedAt: string, problem: unknown, at: Date) {
  await db
    .update(exportProfiles)
    .set({ problemJson: problem === null ? null : JSON.stringify(problem), checkedAt: at.toISOString() })
    .where(and(rowOf(workspaceId, targetId), eq(exportProfiles.updatedAt, updatedAt)));
}
