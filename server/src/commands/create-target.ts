import { DEPLOYMENT_MODE_BY_PROVIDER, PROVIDER_RULES, evaluateReadiness, type CreateTargetInput, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { newId } from '../crypto/tokens';
import { isTargetNameConflict, targetInsert } from '../db/targets-repo';
import { targetNameTaken } from '../errors';
import { auditInsert } from '../db/audit-repo';

/** Starts a named target with its provider chosen: a draft that nothing may export to yet. A taken name is a 409 and saves nothing. */
export async function createTarget(deps: AppDeps, principal: Principal, input: CreateTargetInput): Promise<TargetRecord> {
  const now = deps.clock.now().toISOString();
  const record: TargetRecord = {
    id: newId('tgt'),
    name: input.name,
    provider_key: input.provider_key,
    deployment_mode: DEPLOYMENT_MODE_BY_PROVIDER[input.provider_key],
    base_url: null,
    site_id: null,
    auth_method: input.auth_method ?? PROVIDER_RULES[input.provider_key].defaultAuthMethod,
    scopes: [],
    allowlist_status: null,
    ownership: null,
    attestations: null,
    allowlist_declaration: null,
    checks: {},
    credential: null,
    revoke: null,
    state: 'draft',
    created_at: now,
    updated_at: now,
  };
  const readiness = evaluateReadiness(record, deps.clock.now(), { maxCheckAgeMs: deps.config.checkMaxAgeMs });
  const code = readiness.ready ? null : readiness.code;
  const { db } = deps.store;
  const writes = [
    targetInsert(db, principal.workspaceId, record, code),
    auditInsert(db, {
      workspaceId: principal.workspaceId,
      targetId: record.id,
      actor: principal.actor,
      action: 'target.created',
      fromState: null,
      toState: record.state,
      code,
      detail: { provider_key: record.provider_key },
      targetVersion: 0,
      at: deps.clock.now(),
    }),
  ];
  try {
    await deps.store.atomic(writes);
  } catch (error) {
    if (isTargetNameConflict(error)) throw targetNameTaken(record.name);
    throw error;
  }
  deps.logger.info('target created', { workspace_id: principal.workspaceId, target_id: record.id, provider_key: record.provider_key });
  return record;
}
