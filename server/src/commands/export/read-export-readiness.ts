import { isBlockedCode, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { AppError, BlockedError, notFound, rateLimited } from '../../errors';
import { readinessView, rememberedReadiness, type ReadinessView, type RememberedReadiness } from '../../presenters/read-readiness';
import { consumeRateLimit } from '../rate-limit';
import { providerOf } from '../../providers/registry';
import { blockedForExport, PORTABLE_FALLBACK_PATH } from './export-errors';
import { createExportRuntime, type ExportRuntime } from './export-runtime';
import { findTargetWithMappingProblems } from '../../db/export-profiles-repo';
import { findTargetWithMappingProblemsCached, knownTargetWithMappingProblems } from '../../db/cached-reads';
import { recheckExportProfile } from './export-profile';
import type { ProfileProblem } from './mapping-error';
import { isoTime } from '../../lib/iso-time';

/** A runtime with the same settings and an empty cache: a refresh must read Jira now. */
const createFreshRuntime = (deps: AppDeps, runtime: ExportRuntime) => createExportRuntime(runtime.settings, () => deps.clock.now().getTime());

/** Readiness as export jobs read it: blocked answers name the portable fallback. */
export type ExportReadiness = ReadinessView & {
  fallback?: string;
  refreshed?: boolean;
  refresh_note?: string;
  /** The export profile's problem (separate from the setup blocked codes): exports that rely on the profile answer 422 until it is fixed. */
  mapping_problem: ProfileProblem | null;
};

/** Throws the 409 a job gets before anything is sent, unless the target is ready now. */
export function assertExportable(deps: AppDeps, target: TargetRecord): void {
  const view = readinessView(deps, target);
  if (view.ready) return;
  if (view.code && isBlockedCode(view.code)) throw blockedForExport(view.code, view.reason);
  throw new BlockedError(
    'CONFLICT',
    `${view.reason} Nothing was sent to Jira.`,
    `${view.next_action} Until then, POST ${PORTABLE_FALLBACK_PATH} gives a Jira CSV import file.`,
  );
}

async function refreshChecks(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  target: TargetRecord,
): Promise<{ refreshed: boolean; note?: string }> {
  try {
    await consumeRateLimit(deps, `readiness-refresh:${principal.workspaceId}:${target.id}`, runtime.settings.readinessRefreshPerMinute, 60_000);
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      throw rateLimited(
        `The checks of this target were rerun ${runtime.settings.readinessRefreshPerMinute} times in the last minute.`,
        'Read readiness without refresh=true (it is free), or wait a minute before asking for fresh checks again.',
      );
    }
    throw error;
  }
  const refreshed = await providerOf(target.provider_key).refreshChecks(deps, principal, target);
  // The export profile is re-validated too (fresh metadata, as the periodic re-check does); a failure to read Jira keeps the last answer.
  await recheckExportProfile(deps, createFreshRuntime(deps, runtime), principal, target.id).catch((error: unknown) => {
    deps.logger.warn('export profile re-check failed', { target_id: target.id, error_name: (error as Error).name });
  });
  if (refreshed) return refreshed;
  return { refreshed: false, note: 'This target has nothing to check yet (no base URL, or it was disconnected).' };
}

/** The readiness answer for a target read with its export profile's recorded problems (no I/O). */
export function exportReadinessOf(deps: AppDeps, found: { record: TargetRecord; problems: unknown }): ExportReadiness {
  // readinessView hands out a fresh object: completed in place rather than copied once more.
  return withExportFields(readinessView(deps, found.record) as ExportReadiness, found.problems);
}

function withExportFields(view: ExportReadiness, problems: unknown): ExportReadiness {
  view.mapping_problem = (Array.isArray(problems) ? (problems[0] as ProfileProblem | undefined) : undefined) ?? null;
  if (!view.ready) view.fallback = PORTABLE_FALLBACK_PATH;
  return view;
}

/** The JSON of a remembered answer around its evaluation time: `head + evaluated_at + tail`. */
interface AnswerText {
  remembered: RememberedReadiness;
  head: string;
  tail: string;
}

const answerTexts = new WeakMap<object, AnswerText>();
const EVALUATED_AT_KEY = '"evaluated_at":"';

/**
 * The text of {@link exportReadinessOf}'s answer, made once per remembered answer and split where
 * the evaluation time goes: every poll of an unchanged target then costs a string join, not a
 * serialisation. `found` is a cached (frozen) read.
 */
export function exportReadinessText(deps: AppDeps, found: { record: TargetRecord; problems: unknown }, now: Date): string {
  const remembered = rememberedReadiness(deps, found.record, now);
  let text = answerTexts.get(found);
  if (text?.remembered !== remembered) {
    const { view } = remembered;
    const marker = new Date(remembered.from).toISOString();
    const answer = withExportFields({ ...view, evaluated_at: marker } as ExportReadiness, found.problems);
    const json = JSON.stringify(answer);
    // Keys before evaluated_at are plain values, and a quote inside a string is escaped: this is the key.
    const at = json.indexOf(EVALUATED_AT_KEY) + EVALUATED_AT_KEY.length;
    text = { remembered, head: json.slice(0, at), tail: json.slice(at + marker.length) };
    answerTexts.set(found, text);
  }
  return text.head + isoTime(now) + text.tail;
}

/** {@link readExportReadiness} without `refresh` as JSON text, when the target is in memory and current; undefined when it needs a read. */
export function knownExportReadinessJson(deps: AppDeps, principal: Principal, targetId: string, dataVersion?: number): string | undefined {
  const found = knownTargetWithMappingProblems(deps.store, principal.workspaceId, targetId, dataVersion);
  return found ? exportReadinessText(deps, found, deps.clock.now()) : undefined;
}

/**
 * `GET /targets/{id}/readiness`: one database read and no network call; with `refresh` (rate
 * limited per target) a Data Center target's checks run again first and are recorded.
 */
export async function readExportReadiness(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  targetId: string,
  options: { refresh: boolean; dataVersion?: number },
): Promise<ExportReadiness> {
  // From memory while nothing was committed since the last read (any change, by any process, is seen).
  let found = await findTargetWithMappingProblemsCached(deps.store, principal.workspaceId, targetId, options.dataVersion);
  if (!found) throw notFound(`Target ${targetId}`);
  let refresh: { refreshed: boolean; note?: string } | null = null;
  if (options.refresh) {
    refresh = await refreshChecks(deps, runtime, principal, found.record);
    found = (await findTargetWithMappingProblems(deps.store.db, principal.workspaceId, targetId))!;
  }
  const view = exportReadinessOf(deps, found);
  if (refresh) {
    view.refreshed = refresh.refreshed;
    if (refresh.note) view.refresh_note = refresh.note;
  }
  return view;
}
