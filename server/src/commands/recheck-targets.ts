import { RECHECKED_PROVIDERS } from '@webriskops/shared';
import type { AppDeps } from '../deps';
import { listTargetsForRecheck } from '../db/targets-repo';
import { listExportProfileTargets } from '../db/export-profiles-repo';
import { providerOf } from '../providers/registry';
import { createExportRuntime } from './export/export-runtime';
import { recheckExportProfile } from './export/export-profile';

/**
 * The periodic re-check: every activated target of a provider the table marks `rechecked` (Data Center) is checked again, so a token revoked
 * in Jira or a URL that stops passing turns a ready target into blocked without anyone asking.
 * Then every saved export profile (any provider) is validated against its Jira again, and a
 * profile that no longer fits is recorded as a mapping problem (the target stays ready for setup).
 * One failure never stops the others; returns how many were checked and how many failed to run.
 */
export async function recheckActiveTargets(deps: AppDeps): Promise<{ checked: number; errors: number }> {
  const due = await listTargetsForRecheck(deps.store.db, RECHECKED_PROVIDERS, ['ready', 'blocked']);
  let errors = 0;
  for (const target of due) {
    try {
      await providerOf(target.providerKey).recheck(deps, { workspaceId: target.workspaceId, role: 'admin', actor: 'system:recheck' }, target.id);
    } catch (error) {
      errors += 1;
      deps.logger.warn('periodic re-check failed', { workspace_id: target.workspaceId, target_id: target.id, error_name: (error as Error).name });
    }
  }
  // A fresh runtime: the re-check reads Jira's create metadata now, never a cached answer.
  const runtime = createExportRuntime({}, () => deps.clock.now().getTime());
  for (const { workspaceId, targetId } of await listExportProfileTargets(deps.store.db)) {
    try {
      await recheckExportProfile(deps, runtime, { workspaceId, role: 'admin', actor: 'system:recheck' }, targetId);
    } catch (error) {
      errors += 1;
      deps.logger.warn('export profile re-check failed', { workspace_id: workspaceId, target_id: targetId, error_name: (error as Error).name });
    }
  }
  return { checked: due.length, errors };
}
