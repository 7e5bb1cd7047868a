import type { JiraCreateField, JiraIssueTypeSummary, JiraProjectSummary } from '../../jira/issue-metadata';
import type { JiraCallLimits, JiraOutcomeOf } from '../../jira/jira-rest';
import { createKeyedSemaphore, type KeyedSemaphore } from './keyed-semaphore';
import { createTtlCache, type TtlCache } from './ttl-cache';

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
  metadataMaxEntries: number;
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
  metadataMaxEntries: 1_000,
  leaseMs: 120_000,
  maxWaitForOtherMs: 30_000,
  reconcileDelaysMs: [250, 500, 1_000],
  lostCreateWindowMs: 60_000,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  readinessRefreshPerMinute: 5,
};

/**
 * The export API's in-process state, created once per app (in `exportRoutes`), never a module
 * singleton: the per-target call cap and the short-lived metadata cache (keyed by workspace,
 * target version and project, so another process or a changed target never reads a stale entry
 * for long). Everything that must hold across processes (claims, maps, answers) is in the database.
 */
export interface ExportRuntime {
  settings: ExportSettings;
  slots: KeyedSemaphore;
  projects: TtlCache<JiraOutcomeOf<JiraProjectSummary[]>>;
  issueTypes: TtlCache<JiraOutcomeOf<JiraIssueTypeSummary[] | 'unknown_project'>>;
  createFields: TtlCache<JiraOutcomeOf<JiraCreateField[]>>;
  /** A real-time sleep (not the injected clock: a test clock that stands still must not hang). */
  sleep(ms: number): Promise<void>;
  limitsFor(targetKey: string): JiraCallLimits;
}

export function createExportRuntime(overrides: Partial<ExportSettings> = {}): ExportRuntime {
  const settings = { ...DEFAULT_EXPORT_SETTINGS, ...overrides };
  const slots = createKeyedSemaphore(settings.concurrentCallsPerTarget);
  const cache = <V>() => createTtlCache<V>({ ttlMs: settings.metadataTtlMs, maxEntries: settings.metadataMaxEntries });
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    settings,
    slots,
    projects: cache(),
    issueTypes: cache(),
    createFields: cache(),
    sleep,
    limitsFor: (targetKey) => ({
      maxAttempts: settings.maxAttempts,
      maxWaitPerRetryMs: settings.maxWaitPerRetryMs,
      maxTotalWaitMs: settings.maxTotalWaitMs,
      sleep,
      withSlot: (run) => slots.run(targetKey, run),
    }),
  };
}
