import { JIRA_SCREENS } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { findStatusSyncByTarget } from '../../db/status-sync-repo';
import { findTarget } from '../../db/targets-repo';
import { webhookDeliveriesPrune, webhookDeliveryInsert, webhookDeliverySeen } from '../../db/webhook-deliveries-repo';
import { openSecret } from '../../crypto/secret-box';
import { verifyHubSignature } from '../../crypto/webhook-signature';
import { issueStatusOf } from '../../jira/issue-status';
import { objectOf } from '../../jira/jira-rest';
import { badRequest, malformedJson, notFoundWith, unauthenticated } from '../../errors';
import { recordIssueStatus, type RecordOutcome } from './record-issue-status';
import { STATUS_WEBHOOK_PROVIDERS, webhookSecretBinding } from './status-webhook-secret';

/** How long delivery ids are kept: Jira retries failed deliveries within hours, never days. */
const DELIVERY_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** The issue events a status webhook acts on; every other event is acknowledged and ignored. */
const ISSUE_EVENTS: Record<string, { deleted: boolean }> = {
  'jira:issue_updated': { deleted: false },
  'jira:issue_deleted': { deleted: true },
};

/** The answer to Jira: what the delivery did. */
export interface WebhookReceipt {
  outcome: RecordOutcome | 'duplicate' | 'ignored';
}

/** The headers of one delivery that matter. */
export interface WebhookHeaders {
  signature: string | null;
  identifier: string | null;
}

const unknownHook = () => notFoundWith('No status webhook is set up at this URL.', 'Copy the URL again from the target page in WebRiskOps (Status webhook).');

/**
 * One Data Center webhook delivery: the target's secret verifies `X-Hub-Signature` over the raw
 * body (constant time) before the body is parsed; an unsigned delivery passes only where the
 * operator allowed it. A delivery id seen before changes nothing; the id is stored in the same
 * atomic group as the change, so a retry racing the first delivery fails whole.
 */
export async function receiveDataCenterWebhook(
  deps: AppDeps,
  targetId: string,
  headers: WebhookHeaders,
  rawBody: Uint8Array<ArrayBuffer>,
): Promise<WebhookReceipt> {
  const sync = await findStatusSyncByTarget(deps.store.db, targetId);
  if (!sync?.webhookSecretSealed) throw unknownHook();
  const target = await findTarget(deps.store.db, sync.workspaceId, targetId);
  // A disconnected target hears nothing more from Jira.
  if (!target || target.state === 'revoked' || !STATUS_WEBHOOK_PROVIDERS[target.provider_key]) throw unknownHook();
  if (headers.signature !== null) {
    const secret = await openSecret(deps.keyring, sync.webhookSecretSealed, webhookSecretBinding(sync.workspaceId, targetId));
    if (!(await verifyHubSignature(secret, rawBody, headers.signature))) {
      deps.logger.warn('status webhook refused: bad signature', { target_id: targetId });
      throw unauthenticated(
        'The X-Hub-Signature of this delivery does not match the body under the secret WebRiskOps generated for this target.',
        `In ${JIRA_SCREENS.webhooks}, paste the secret shown on the target page in WebRiskOps; after a rotation, paste the new one.`,
      );
    }
  } else if (!deps.config.statusSync.allowUnsignedDataCenterWebhooks) {
    deps.logger.warn('status webhook refused: unsigned', { target_id: targetId });
    throw unauthenticated(
      'This delivery carries no X-Hub-Signature; unsigned webhooks are refused.',
      'Set the secret shown on the target page in the Jira webhook (Data Center versions with webhook secrets sign with it); on a Jira that cannot sign, the operator may set ALLOW_UNSIGNED_DC_WEBHOOKS=true, or use polling.',
    );
  }
  const identifier = headers.identifier?.trim() ?? '';
  if (!/^[\x21-\x7E]{1,200}$/.test(identifier)) {
    throw badRequest('The delivery has no usable X-Atlassian-Webhook-Identifier.', 'Jira sends this header with every delivery; send it.');
  }
  if (await webhookDeliverySeen(deps.store.db, targetId, identifier)) return { outcome: 'duplicate' };
  let body: Record<string, unknown>;
  try {
    body = objectOf(JSON.parse(new TextDecoder().decode(rawBody)) as unknown);
  } catch {
    throw malformedJson('The webhook body is not JSON.', 'Jira sends JSON; check what posts to this URL.');
  }
  const now = deps.clock.now();
  const kind = typeof body.webhookEvent === 'string' ? ISSUE_EVENTS[body.webhookEvent] : undefined;
  const report = kind ? issueStatusOf(body.issue, kind.deleted) : null;
  const delivered = webhookDeliveryInsert(deps.store.db, targetId, identifier, now);
  try {
    if (!report) {
      await deps.store.atomic([delivered]);
      return { outcome: 'ignored' };
    }
    const outcome = await recordIssueStatus(deps, { workspaceId: sync.workspaceId, targetId }, report, 'webhook', [delivered]);
    return { outcome };
  } catch (error) {
    // The unique delivery id refused a twin that raced this one: it already applied.
    if (await webhookDeliverySeen(deps.store.db, targetId, identifier)) return { outcome: 'duplicate' };
    throw error;
  } finally {
    // One indexed delete per delivery keeps the table at a week of ids.
    await webhookDeliveriesPrune(deps.store.db, new Date(now.getTime() - DELIVERY_RETENTION_MS));
  }
}
