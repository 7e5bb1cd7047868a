import { revokePathOfTarget, type RevokePath, type TargetRecord } from '@webriskops/shared';
import type { AppDeps, Principal } from '../deps';
import { credentialsDestroy } from '../db/credentials-repo';
import { forgeInstallationUnbind } from '../db/forge-installations-repo';
import { changeTarget } from './change-target';
import type { AtomicWrite } from '../db/database';
import { inFlightKey } from '../jira/jira-calls-in-flight';

/** How long a disconnect waits for Jira calls already on the wire before it answers. */
export const DISCONNECT_DRAIN_MS = 5_000;

export interface RevokeResult {
  target: TargetRecord;
  credential_destroyed: boolean;
  revoke_instructions: RevokePath | null;
  /** Jira calls (method and path) still on the wire when the answer was given; empty when none. */
  jira_calls_in_flight: string[];
  message: string;
}

/**
 * Disconnects a target: the stored credential is destroyed here, the state becomes `revoked`, and
 * the answer says where the customer revokes the credential on the Jira or Atlassian side too.
 * A Forge installation paired with the target is unbound in the same write, so the app page says
 * "not paired" and a new code pairs. Revoking twice is harmless and answers the same instructions.
 * `alsoWrite` commits with it. Once `revoked` is committed no new Jira call starts (each re-reads
 * the target); the answer waits up to DISCONNECT_DRAIN_MS for calls of this process already on the
 * wire, and names any still there.
 */
export async function revokeTarget(deps: AppDeps, principal: Principal, targetId: string, options: { alsoWrite?: AtomicWrite[] } = {}): Promise<RevokeResult> {
  let hadCredential = false;
  let changed = false;
  // Read from the record the revoke was decided on (the last attempt's), not from an earlier read.
  const seen: { instructions: RevokePath | null } = { instructions: null };
  const after = await changeTarget(deps, principal, targetId, (current, now) => {
    hadCredential = current.credential !== null;
    seen.instructions = revokePathOfTarget(current);
    changed = !(current.state === 'revoked' && !hadCredential);
    if (!changed) return null;
    return {
      next: { ...current, state: 'revoked', credential: null },
      action: 'target.revoked',
      code: 'PROVIDER_AUTH_REQUIRED',
      detail: { credential_destroyed: hadCredential, credential_fingerprint: current.credential?.fingerprint ?? null },
      writesBefore: [
        credentialsDestroy(deps.store.db, principal.workspaceId, targetId, now),
        forgeInstallationUnbind(deps.store.db, principal.workspaceId, targetId),
        ...(options.alsoWrite ?? []),
      ],
    };
  });
  // A target revoked before disconnects unbound Forge installations still lets its installation go.
  if (!changed) await deps.store.atomic([forgeInstallationUnbind(deps.store.db, principal.workspaceId, targetId), ...(options.alsoWrite ?? [])]);
  const inFlight = await deps.jiraCallsInFlight.drain(inFlightKey(principal.workspaceId, targetId), DISCONNECT_DRAIN_MS);
  const instructions = seen.instructions;
  deps.logger.info('target revoked', {
    workspace_id: principal.workspaceId,
    target_id: targetId,
    credential_destroyed: hadCredential,
    jira_calls_in_flight: inFlight.length,
  });
  const message = instructions
    ? `The credential stored by WebRiskOps is destroyed. Revoke it on the Jira side too: ${instructions.where}.`
    : 'The target is disconnected. No credential had been stored, so there is nothing to revoke on the Jira side.';
  const stillOnTheWire =
    inFlight.length > 0
      ? ` ${inFlight.length} Jira call(s) sent before the disconnect were still on the wire after ${DISCONNECT_DRAIN_MS / 1000} s (${inFlight.join(', ')}); no new call starts.`
      : '';
  return {
    target: after,
    credential_destroyed: hadCredential,
    revoke_instructions: instructions,
    jira_calls_in_flight: inFlight,
    message: `${message}${stillOnTheWire}`,
  };
}
