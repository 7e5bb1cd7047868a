import { RECHECKED_PROVIDERS } from '@webriskops/shared';
import type { AppDeps } from '../deps';
import { listTargetsForRecheck } from '../db/targets-repo';
import { providerOf } from '../providers/registry';

/**
 * The periodic re-check: every activated target of a provider the table marks `rechecked` (Data Center) is checked again, so a token revoked
 * in Jira or a URL that stops passing turns a ready target into blocked without anyone asking.
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
  return { checked: due.length, errors };
}
