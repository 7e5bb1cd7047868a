import type { JiraCreateField, JiraIssueTypeSummary, JiraProjectSummary } from '../../jira/issue-metadata';
import type { JiraCallLimits, JiraOutcomeOf } from '../../jira/jira-rest';
import { createKeyedSemaphore, type KeyedSemaphore } from '../../lib/keyed-semaphore';
import { rateLimited } from '../../errors';
import { createWorkspaceTtlCache, type WorkspaceTtlCache } from '../../lib/workspace-ttl-cache';
import { createWindowLimiter } from '../../lib/window-limiter';

/** The knobs of the export API; defaults suit one companion talking to one Jira. */
export interface ExportSettings {
  /** Jira calls in flight per target from this process. */
  concurrentCallsPerTarget: number;
  /** Attempts per Jira call (429/503 and, for GET/PUT, no answer, are retried). */
  maxAttempts: number;
  /** A Retry-After longer than this is not waited out: the job is told to come back. */
  maxWaitPerRetryMs: number;
  /** All Retry-After waits of one Jira call together. */
  maxTotalWaitMs: number;
  metadataTtlMs: number;
  /** Cached metadata answers per workspace and kind (projects, issue types, create screens): one tenant never evicts another's. */
  metadataMaxEntriesPerWorkspace: number;
  /** Metadata reads that miss the cache (each one calls Jira) per minute, per target and per workspace; beyond: 429. */
  metadataMissesPerMinutePerTarget: number;
  metadataMissesPerMinutePerWorkspace: number;
  /** How long a claim (Idempotency-Key or finding being created) holds before another may take it over. */
  leaseMs: number;
  /** How long a request waits for an identical one in flight before answering 409. */
  maxWaitForOtherMs: number;
  /** Waits between label searches after a create whose answer was lost. */
  reconcileDelaysMs: number[];
  /**
   * After a lost answer, how long search must have had to show the issue before anyone creates it
   * again (Jira indexes new issues with a delay); meanwhile requests answer 503 with Retry-After.
   */
  lostCreateWindowMs: number;
  /** How long an Idempotency-Key's answer is replayed. */
  idempotencyTtlMs: number;
  readinessRefreshPerMinute: number;
}

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  concurrentCallsPerTarget: 4,
  maxAttempts: 4,
  maxWaitPerRetryMs: 10_000,
  maxTotalWaitMs: 15_000,
  metadataTtlMs: 60_000,
  metadataMaxEntriesPerWorkspace: 500,
  metadataMissesPerMinutePerTarget: 120,
  metadataMissesPerMinutePerWorkspace: 300,
  leaseMs: 120_000,
  maxWaitForOtherMs: 30_000,
  reconcileDelaysMs: [250, 500, 1_000],
  lostCreateWindowMs: 60_000,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  readinessRefreshPerMinute: 5,
};

/**
 * The export API's in-process state, created once per app (in `exportRoutes`), never a module
 * singleton: the per-target call cap, the short-lived metadata cache (one budget per workspace,
 * keyed by target version and project) with its limit on misses, so another process or a changed target never reads a stale entry
 * for long). Everything that must hold across processes (claims, maps, answers) is in the database.
 */
export interface ExportRuntime {
  settings: ExportSettings;
  slots: KeyedSemaphore;
  projects: WorkspaceTtlCache<JiraOutcomeOf<JiraProjectSummary[]>>;
  issueTypes: WorkspaceTtlCache<JiraOutcomeOf<JiraIssueTypeSummary[] | 'unknown_project'>>;
  createFields: WorkspaceTtlCache<JiraOutcomeOf<JiraCreateField[]>>;
  /** Counts one metadata cache miss of a target; throws 429 RATE_LIMITED (with Retry-After) beyond the limits. */
  takeMetadataMiss(workspaceId: string, targetId: string): void;
  /** A real-time sleep (not the injected clock: a test clock that stands still must not hang). */
  sleep(ms: number): Promise<void>;
  limitsFor(targetKey: string): JiraCallLimits;
}

/** `now` is the app's clock (for the miss windows); the cache's time to live runs on real time. */
export function createExportRuntime(overrides: Partial<ExportSettings>, now: () => number): ExportRuntime {
  const settings = { ...DEFAULT_EXPORT_SETTINGS, ...overrides };
  const slots = createKeyedSemaphore(settings.concurrentCallsPerTarget);
  const cache = <V>() => createWorkspaceTtlCache<V>({ ttlMs: settings.metadataTtlMs, maxEntriesPerWorkspace: settings.metadataMaxEntriesPerWorkspace });
  const missesPerTarget = createWindowLimiter({ limit: settings.metadataMissesPerMinutePerTarget, windowMs: 60_000, now });
  const missesPerWorkspace = createWindowLimiter({ limit: settings.metadataMissesPerMinutePerWorkspace, windowMs: 60_000, now });
  const takeMetadataMiss = (workspaceId: string, targetId: string) => {
    const retryAfter = missesPerTarget.take(`${workspaceId}:${targetId}`) ?? missesPerWorkspace.take(workspaceId);
    if (retryAfter === null) return;
    throw rateLimited(
      `Too many metadata reads that the cache could not answer (each one calls Jira): at most ${settings.metadataMissesPerMinutePerTarget} per minute per target and ${settings.metadataMissesPerMinutePerWorkspace} per workspace.`,
      `Wait ${retryAfter} seconds (Retry-After). Ask only for project keys from the projects list (GET /api/v1/targets/{id}/metadata); answers are cached for ${Math.round(settings.metadataTtlMs / 1000)} s.`,
      retryAfter,
    );
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    settings,
    slots,
    projects: cache(),
    issueTypes: cache(),
    createFields: cache(),
    takeMetadataMiss,
    sleep,
    limitsFor: (targetKey) => ({
      maxAttempts: settings.maxAttempts,
      maxWaitPerRetryMs: settings.maxWaitPerRetryMs,
      maxTotalWaitMs: settings.maxTotalWaitMs,
      sleep,
      now,
      withSlot: (run) => slots.run(targetKey, run),
    }),
  };
}
