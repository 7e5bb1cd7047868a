import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TargetRecord } from '@webriskops/shared';
import { credentials, exportProfiles, targets } from './schema';
import type { Database } from './database';
import { recordOfJoinedRows } from './targets-repo';
import { preparedPerDatabase } from './prepared-per-database';

/** A target's export profile as stored: the mapping and the problem the last check found. */
export interface StoredExportProfile {
  profile: unknown;
  problem: unknown;
  checkedAt: string;
  updatedAt: string;
}

const rowOf = (workspaceId: string, targetId: string) => and(eq(exportProfiles.workspaceId, workspaceId), eq(exportProfiles.targetId, targetId));

// Prepared once per database: every export call that relies on a profile reads it.
const profileQuery = preparedPerDatabase((db) =>
  db
    .select()
    .from(exportProfiles)
    .where(and(eq(exportProfiles.workspaceId, sql.placeholder('workspaceId')), eq(exportProfiles.targetId, sql.placeholder('targetId'))))
    .limit(1)
    .prepare(),
);

/** The profile of one target of one workspace; null when none was saved (or another workspace's). */
export async function findExportProfile(db: Database, workspaceId: string, targetId: string): Promise<StoredExportProfile | null> {
  const [row] = await profileQuery(db).all({ workspaceId, targetId });
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

/** Every saved profile's target, across workspaces: for the periodic re-check only (each check then reads within its workspace). */
export async function listExportProfileTargets(db: Database): Promise<{ workspaceId: string; targetId: string }[]> {
  return db.select({ workspaceId: exportProfiles.workspaceId, targetId: exportProfiles.targetId }).from(exportProfiles);
}

// Prepared once per database: readiness is read on every export job's start.
const readinessQuery = preparedPerDatabase((db) =>
  db
    .select({ target: targets, credential: credentials, problemJson: exportProfiles.problemJson })
    .from(targets)
    .leftJoin(credentials, and(eq(credentials.workspaceId, targets.workspaceId), eq(credentials.targetId, targets.id), isNull(credentials.revokedAt)))
    .leftJoin(exportProfiles, and(eq(exportProfiles.workspaceId, targets.workspaceId), eq(exportProfiles.targetId, targets.id)))
    .where(and(eq(targets.workspaceId, sql.placeholder('workspaceId')), eq(targets.id, sql.placeholder('targetId'))))
    .prepare(),
);

/**
 * One target with its active credential's metadata and its export profile's recorded problems, in
 * one query (readiness is read on every export job's start): null for another workspace's target.
 */
export async function findTargetWithMappingProblems(
  db: Database,
  workspaceId: string,
  targetId: string,
): Promise<{ record: TargetRecord; problems: unknown } | null> {
  const found = recordOfJoinedRows(await readinessQuery(db).all({ workspaceId, targetId }));
  if (!found) return null;
  return { record: found.record, problems: found.first.problemJson ? (JSON.parse(found.first.problemJson) as unknown) : null };
}

/** A target's export profile (deleting a draft). */
export function exportProfileDelete(db: Database, workspaceId: string, targetId: string) {
  return db.delete(exportProfiles).where(and(eq(exportProfiles.workspaceId, workspaceId), eq(exportProfiles.targetId, targetId)));
}
