import type { TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { notFound } from '../../errors';
import { auditInsert } from '../../db/audit-repo';
import { recordExportProfileProblem, upsertExportProfile, type StoredExportProfile } from '../../db/export-profiles-repo';
import { deepFreeze, findExportProfileCached } from '../../db/cached-reads';
import { findTarget } from '../../db/targets-repo';
import { FINDING_PROPERTY_KEY } from '../../jira/jira-issues-client';
import { cachedMetadata } from './cached-metadata';
import { connectJira } from './connect-jira';
import { issueMappingSchema, RESERVED_LABEL_PREFIX, type IssueMapping } from './export-input';
import type { ExportRuntime } from './export-runtime';
import { MappingError, type ProfileProblem } from './mapping-error';
import { profileProblems } from './profile-problems';
import { assertExportable } from './read-export-readiness';

/** How the companion finds a finding's existing issue (read-only: shown so admins know). */
export const DUPLICATE_RULE = {
  label: `${RESERVED_LABEL_PREFIX}<fingerprint>`,
  issue_property: FINDING_PROPERTY_KEY,
  local_map: true,
  description:
    'An issue is the finding’s when the companion’s own map links them, or when it carries the label webriskops-<fingerprint> AND the webriskops.finding property with a proof only this companion can make for this target. A copied label alone never matches.',
} as const;

/** `GET /targets/{id}/export-profile`: the profile (null: none saved), its mapping problem and the duplicate rule. */
export interface ExportProfileView {
  target_id: string;
  profile: IssueMapping | null;
  /** The first problem the last save or re-check found; null: the profile fits (or there is none). */
  mapping_problem: ProfileProblem | null;
  problems: ProfileProblem[];
  duplicate_rule: typeof DUPLICATE_RULE;
  checked_at: string | null;
  updated_at: string | null;
}

/** A target's stored profile, parsed, with its recorded problems; null when none was saved. */
export async function loadExportProfile(deps: AppDeps, workspaceId: string, targetId: string) {
  const stored = await findExportProfileCached(deps.store, workspaceId, targetId);
  if (!stored) return null;
  const problems = Array.isArray(stored.problem) ? (stored.problem as ProfileProblem[]) : [];
  return { profile: parsedProfile(stored), problems, checkedAt: stored.checkedAt, updatedAt: stored.updatedAt };
}

// Parsed once per stored (cached) profile, frozen like it: the parse is a pure function of it.
const parsedProfiles = new WeakMap<StoredExportProfile, IssueMapping>();

function parsedProfile(stored: StoredExportProfile): IssueMapping {
  let profile = parsedProfiles.get(stored);
  if (!profile) {
    profile = deepFreeze(issueMappingSchema.parse(stored.profile));
    parsedProfiles.set(stored, profile);
  }
  return profile;
}

function view(targetId: string, loaded: Awaited<ReturnType<typeof loadExportProfile>>): ExportProfileView {
  return {
    target_id: targetId,
    profile: loaded?.profile ?? null,
    mapping_problem: loaded?.problems[0] ?? null,
    problems: loaded?.problems ?? [],
    duplicate_rule: DUPLICATE_RULE,
    checked_at: loaded?.checkedAt ?? null,
    updated_at: loaded?.updatedAt ?? null,
  };
}

async function targetOf(deps: AppDeps, principal: Principal, targetId: string): Promise<TargetRecord> {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  return target;
}

/** `GET /targets/{id}/export-profile` (admin and export tokens). */
export async function readExportProfile(deps: AppDeps, principal: Principal, targetId: string): Promise<ExportProfileView> {
  const target = await targetOf(deps, principal, targetId);
  return view(target.id, await loadExportProfile(deps, principal.workspaceId, target.id));
}

/** The profile's problems against the target's create metadata now (through the checked egress and the metadata cache). */
export async function checkProfileAgainstJira(deps: AppDeps, runtime: ExportRuntime, principal: Principal, target: TargetRecord, profile: IssueMapping) {
  assertExportable(deps, target);
  const api = await connectJira(deps, runtime, principal, target);
  const metadata = cachedMetadata(deps, runtime, principal, target, api);
  return { api, metadata, problems: await profileProblems(metadata, profile) };
}

/**
 * `PUT /targets/{id}/export-profile` (admin): validated against the target's create metadata;
 * a profile that does not fit is refused (422 with the mapping code and each field's path) and
 * nothing is saved. Saved with its audit row in one atomic write.
 */
export async function saveExportProfile(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  targetId: string,
  profile: IssueMapping,
): Promise<ExportProfileView> {
  const target = await targetOf(deps, principal, targetId);
  const { problems } = await checkProfileAgainstJira(deps, runtime, principal, target, profile);
  if (problems.length > 0) {
    throw new MappingError(problems, `The export profile does not fit ${profile.project_key} / issue type ${profile.issue_type_id}.`, 'Nothing was saved.');
  }
  const at = deps.clock.now();
  const { db } = deps.store;
  await deps.store.atomic([
    upsertExportProfile(db, principal.workspaceId, target.id, profile, at),
    auditInsert(db, {
      workspaceId: principal.workspaceId,
      targetId: target.id,
      actor: principal.actor,
      action: 'export_profile.saved',
      detail: { project_key: profile.project_key, issue_type_id: profile.issue_type_id, labels: profile.labels.length },
      at,
    }),
  ]);
  return view(target.id, await loadExportProfile(deps, principal.workspaceId, target.id));
}

/**
 * Re-validates a target's saved profile against its Jira now and records what it found (a
 * mapping problem, or none), without touching the target's setup state. No profile: nothing to do.
 * Returns the problems found, or null when there was no profile or Jira could not be read.
 */
export async function recheckExportProfile(deps: AppDeps, runtime: ExportRuntime, principal: Principal, targetId: string): Promise<ProfileProblem[] | null> {
  const loaded = await loadExportProfile(deps, principal.workspaceId, targetId);
  if (!loaded) return null;
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target || target.state !== 'ready') return null;
  const { problems } = await checkProfileAgainstJira(deps, runtime, principal, target, loaded.profile);
  await recordExportProfileProblem(deps.store.db, principal.workspaceId, targetId, loaded.updatedAt, problems.length > 0 ? problems : null, deps.clock.now());
  if (problems.length > 0 && loaded.problems.length === 0) {
    deps.logger.warn('export profile no longer fits its Jira', { workspace_id: principal.workspaceId, target_id: targetId, code: problems[0]!.code });
  }
  return problems;
}
