import type { AppDeps } from '../deps';
import { listTargetsForRecheck } from '../db/targets-repo';
import { runDataCenterChecks } from './data-center/run-data-center-checks';

/**
 * The periodic re-check: every activated Data Center target is checked again, so a token revoked
 * in Jira or a URL that stops passing turns a ready target into blocked without anyone asking.
 * One failure never stops the others; returns how many were checked and how many failed to run.
 */
export async function recheckActiveTargets(deps: AppDeps): Promise<{ checked: number; errors: number }> {
  const due = await listTargetsForRecheck(deps.store.db, 'jira_data_center', ['ready', 'blocked']);
  let errors = 0;
  for (const target of due) {
    try {
      await runDataCenterChecks(deps, { workspaceId: target.workspaceId, role: 'admin', actor: 'system:recheck' }, target.id);
    } catch (error) {
      errors += 1;
      deps.logger.warn('periodic re-check failed', { workspace_id: target.workspaceId, target_id: target.id, error_name: (error as Error).name });
    }
  }
  return { checked: due.length, errors };
}
