import type { AppDeps, Principal } from '../deps';
import { findTargetVersioned, targetDelete } from '../db/targets-repo';
import { auditInsert } from '../db/audit-repo';
import { pairingCodesDelete } from '../db/pairing-codes-repo';
import { oauthStatesDelete } from '../db/oauth-states-repo';
import { credentialsDelete } from '../db/credentials-repo';
import { findingLinksDelete } from '../db/finding-links-repo';
import { idempotencyKeysDelete } from '../db/idempotency-keys-repo';
import { forgeInstallationUnbind } from '../db/forge-installations-repo';
import { exportProfileDelete } from '../db/export-profiles-repo';
import { statusSyncDelete } from '../db/status-sync-repo';
import { issueStatusesDelete } from '../db/issue-statuses-repo';
import { issueEventsDelete } from '../db/issue-events-repo';
import { webhookDeliveriesDelete } from '../db/webhook-deliveries-repo';
import { conflict, notFound, targetNotDraft } from '../errors';

const MAX_ATTEMPTS = 4;

const isVersionConflict = (error: unknown) =>
  /UNIQUE constraint failed: audit_events\.target_id, audit_events\.target_version/.test(
    `${(error as Error)?.message ?? ''} ${String((error as { cause?: unknown })?.cause ?? '')}`,
  );

/**
 * Deletes a draft that holds no credential (exploring leaves no litter): the target, its pairing
 * codes, OAuth states and everything else of it go in one atomic write with a `target.deleted`
 * audit row, which stays. A ready, blocked or revoked target, or a draft holding a credential, is
 * refused with TARGET_NOT_DRAFT: those are disconnected, so the answer says where to revoke.
 */
export async function deleteDraftTarget(deps: AppDeps, principal: Principal, targetId: string): Promise<{ id: string; name: string }> {
  const { db } = deps.store;
  for (let attempt = 1; ; attempt += 1) {
    const found = await findTargetVersioned(db, principal.workspaceId, targetId);
    if (!found) throw notFound(`Target ${targetId}`);
    const { record, version } = found;
    if (record.state !== 'draft' || record.credential !== null) throw targetNotDraft();
    try {
      await deps.store.atomic([
        // The audit row claims version + 1 first: a writer that committed since the read makes it fail.
        auditInsert(db, {
          workspaceId: principal.workspaceId,
          targetId,
          actor: principal.actor,
          action: 'target.deleted',
          fromState: record.state,
          toState: null,
          code: null,
          detail: { name: record.name, provider_key: record.provider_key },
          targetVersion: version + 1,
          at: deps.clock.now(),
        }),
        pairingCodesDelete(db, principal.workspaceId, targetId),
        oauthStatesDelete(db, principal.workspaceId, targetId),
        forgeInstallationUnbind(db, principal.workspaceId, targetId),
        credentialsDelete(db, principal.workspaceId, targetId),
        findingLinksDelete(db, principal.workspaceId, targetId),
        idempotencyKeysDelete(db, principal.workspaceId, targetId),
        exportProfileDelete(db, principal.workspaceId, targetId),
        statusSyncDelete(db, principal.workspaceId, targetId),
        issueStatusesDelete(db, principal.workspaceId, targetId),
        issueEventsDelete(db, principal.workspaceId, targetId),
        // Found by target id alone: the target was read in the caller's workspace above.
        webhookDeliveriesDelete(db, targetId),
        targetDelete(db, principal.workspaceId, targetId, version),
      ]);
    } catch (error) {
      if (isVersionConflict(error) && attempt < MAX_ATTEMPTS) continue;
      if (isVersionConflict(error)) throw conflict('The target was changed by someone else at the same time.', 'Reload the target and try again.');
      throw error;
    }
    deps.logger.info('draft target deleted', { workspace_id: principal.workspaceId, target_id: targetId });
    return { id: targetId, name: record.name };
  }
}
