import type { AUTH_METHODS, TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { conflict } from '../../errors';
import { findTargetCached } from '../../db/cached-reads';
import { inFlightKey } from '../../jira/jira-calls-in-flight';
import type { SafeFetch } from '../../net/safe-fetch';
import { blockedForExport, PORTABLE_FALLBACK_PATH } from './export-errors';
import { assertExportable } from './read-export-readiness';

/**
 * Whether a credential of this kind is renewed while it stays the same connection (Forge system
 * tokens hourly, OAuth access tokens on refresh): then a new row is not a new credential.
 */
const CREDENTIAL_ROTATES: Record<(typeof AUTH_METHODS)[number], boolean> = { forge_app: true, oauth: true, api_token: false, pat: false };

/** What, if anything, makes `current` another target than the one an export started with. */
function whatChanged(seen: TargetRecord, current: TargetRecord): string | null {
  if (current.base_url !== seen.base_url) return 'base URL';
  if (current.site_id !== seen.site_id) return 'site';
  if (current.auth_method !== seen.auth_method || current.credential?.kind !== seen.credential?.kind) return 'credential';
  const rotates = seen.credential ? CREDENTIAL_ROTATES[seen.credential.kind] : false;
  if (!rotates && (current.credential?.fingerprint !== seen.credential?.fingerprint || current.credential?.created_at !== seen.credential?.created_at))
    return 'credential';
  return null;
}

/**
 * Throws the 409 a job gets when the target it started exporting to is no longer ready, or is no
 * longer the same target (URL, site or credential replaced): the target as committed now (from
 * memory only while nothing was committed since, by any process; read each time on Workers).
 */
export async function assertTargetUnchanged(deps: AppDeps, principal: Principal, seen: TargetRecord): Promise<void> {
  const current = await findTargetCached(deps.store, principal.workspaceId, seen.id);
  if (!current) throw blockedForExport('PROVIDER_AUTH_REQUIRED', 'The target was removed while this export was under way.');
  assertExportable(deps, current);
  const changed = whatChanged(seen, current);
  if (changed) {
    throw conflict(
      `The target's ${changed} changed while this export was under way; nothing more was sent to Jira with what it started with.`,
      `Send the same request again (same Idempotency-Key): it uses the target as it is now. Until then, POST ${PORTABLE_FALLBACK_PATH} gives a Jira CSV import file.`,
    );
  }
}

/**
 * The way out for one export's Jira calls: each call, when it leaves the per-target queue, is
 * registered as in flight (so a disconnect waits for it) and re-reads the target first; a
 * disconnect, a block or a changed URL or credential stops it before anything is sent.
 */
export function guardTargetTurn(deps: AppDeps, principal: Principal, seen: TargetRecord, send: SafeFetch): SafeFetch {
  const key = inFlightKey(principal.workspaceId, seen.id);
  return async (url, init) => {
    const end = deps.jiraCallsInFlight.start(key, `${init.method ?? 'GET'} ${new URL(url).pathname}`);
    try {
      await assertTargetUnchanged(deps, principal, seen);
      return await send(url, init);
    } finally {
      end();
    }
  };
}
