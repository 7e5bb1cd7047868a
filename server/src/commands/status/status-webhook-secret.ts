import type { ProviderKey } from '@webriskops/shared';
import type { AppDeps, Principal } from '../../deps';
import { auditInsert } from '../../db/audit-repo';
import { findStatusSync, statusSyncSetSecret } from '../../db/status-sync-repo';
import { findTarget } from '../../db/targets-repo';
import { openSecret, sealSecret, type SecretBinding } from '../../crypto/secret-box';
import { randomToken } from '../../crypto/tokens';
import { notFound, validationFailed } from '../../errors';

/** Which providers push status through a webhook the Jira admin registers (Cloud pushes through the Forge trigger). */
export const STATUS_WEBHOOK_PROVIDERS: Record<ProviderKey, boolean> = { jira_cloud: false, jira_data_center: true };

/** What the admin registers in Jira: the URL and the secret, and whether unsigned deliveries are accepted. */
export interface StatusWebhookView {
  target_id: string;
  url: string;
  /** Null until generated (POST …/status-webhook/secret). */
  secret: string | null;
  secret_created_at: string | null;
  unsigned_accepted: boolean;
}

/** The path Jira posts to for a target. */
export const statusWebhookPath = (targetId: string) => `/api/v1/webhooks/jira-data-center/${encodeURIComponent(targetId)}`;

/** The binding that ties the sealed secret to its workspace and target. */
export const webhookSecretBinding = (workspaceId: string, targetId: string): SecretBinding => ({ workspaceId, targetId, kind: 'status_webhook' });

async function webhookTarget(deps: AppDeps, principal: Principal, targetId: string) {
  const target = await findTarget(deps.store.db, principal.workspaceId, targetId);
  if (!target) throw notFound(`Target ${targetId}`);
  if (!STATUS_WEBHOOK_PROVIDERS[target.provider_key]) {
    throw validationFailed(
      'Jira Cloud targets send status through the WebRiskOps Forge app (its issue trigger), not through a webhook.',
      'Nothing to register: status arrives once the Forge app is paired. GET /api/v1/targets/{id}/findings/{fingerprint} shows it.',
    );
  }
  return target;
}

/** The webhook URL and secret of a Data Center target, for its admins (the secret is sealed at rest). */
export async function readStatusWebhook(deps: AppDeps, principal: Principal, targetId: string, origin: string): Promise<StatusWebhookView> {
  await webhookTarget(deps, principal, targetId);
  const row = await findStatusSync(deps.store.db, principal.workspaceId, targetId);
  const secret = row?.webhookSecretSealed
    ? await openSecret(deps.keyring, row.webhookSecretSealed, webhookSecretBinding(principal.workspaceId, targetId))
    : null;
  return {
    target_id: targetId,
    url: `${deps.config.publicUrl ?? origin}${statusWebhookPath(targetId)}`,
    secret,
    secret_created_at: row?.webhookSecretCreatedAt ?? null,
    unsigned_accepted: deps.config.statusSync.allowUnsignedDataCenterWebhooks,
  };
}

/** Generates (or rotates) the webhook secret: the old one stops verifying at once. Audited, without the secret. */
export async function rotateStatusWebhookSecret(deps: AppDeps, principal: Principal, targetId: string, origin: string): Promise<StatusWebhookView> {
  await webhookTarget(deps, principal, targetId);
  const secret = randomToken(32);
  const { sealed } = await sealSecret(deps.keyring, secret, webhookSecretBinding(principal.workspaceId, targetId));
  const at = deps.clock.now();
  const { db } = deps.store;
  await deps.store.atomic([
    statusSyncSetSecret(db, principal.workspaceId, targetId, sealed, at),
    auditInsert(db, { workspaceId: principal.workspaceId, targetId, actor: principal.actor, action: 'status_webhook.secret_rotated', at }),
  ]);
  return readStatusWebhook(deps, principal, targetId, origin);
}
