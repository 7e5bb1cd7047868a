import type { AppDeps } from '../deps';
import { approvedNetworkInsert, approvedNetworkRevoke, findActiveApprovedNetwork, type ApprovedNetworkRow } from '../db/approved-networks-repo';
import { auditInsert } from '../db/audit-repo';
import { newId } from '../crypto/tokens';
import { approvalProblem } from '../net/approval-problem';
import { validationFailed } from '../errors';
import type { Workspace } from './workspaces';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

/**
 * Approves a private network (a tunnel) for one workspace. Only the operator's CLI calls this: no
 * API route reaches it, so a tenant can never open a private range by itself. Entries that do not
 * parse are refused here, loudly, rather than silently never matching.
 */
export async function approveNetwork(deps: AppDeps, workspace: Workspace, name: string, entries: string[]): Promise<ApprovedNetworkRow> {
  if (!NAME_PATTERN.test(name))
    throw validationFailed(`Network name "${name}" is not acceptable.`, 'Use 1-64 letters, digits, spaces, dots, dashes or underscores.');
  if (entries.length === 0)
    throw validationFailed('No network entries were given.', 'Give one or more entries: IP, CIDR, ip:port, [v6]:port, domain or domain:port.');
  const refused = entries.map((entry) => ({ entry, problem: approvalProblem(entry) })).filter((item) => item.problem !== null);
  if (refused.length > 0) {
    throw validationFailed(
      `Refused: ${refused.map((item) => `${item.entry} ${item.problem}`).join('; ')}.`,
      `Approve only the tunnel network itself (at most a /8 of IPv4 or a /32 of IPv6, never the unspecified, metadata, link-local or multicast addresses) in the grammar IP, CIDR, ip:port, [v6]:port, domain or domain:port.`,
    );
  }
  const row = { id: newId('net'), name, entries, created_at: deps.clock.now().toISOString() };
  const { db } = deps.store;
  await deps.store.atomic([
    approvedNetworkInsert(db, workspace.id, row),
    auditInsert(db, {
      workspaceId: workspace.id,
      targetId: null,
      actor: 'cli',
      action: 'network.approved',
      detail: { network_id: row.id, name, entries: entries.join(',') },
      at: deps.clock.now(),
    }),
  ]);
  return row;
}

/** Revokes an approved network by id; true when one was in force. Takes effect on the next check. */
export async function revokeNetwork(deps: AppDeps, networkId: string): Promise<boolean> {
  const { db } = deps.store;
  const row = await findActiveApprovedNetwork(db, networkId);
  if (!row) return false;
  await deps.store.atomic([
    approvedNetworkRevoke(db, networkId, deps.clock.now()),
    auditInsert(db, {
      workspaceId: row.workspaceId,
      targetId: null,
      actor: 'cli',
      action: 'network.revoked',
      detail: { network_id: row.id, name: row.name },
      at: deps.clock.now(),
    }),
  ]);
  return true;
}
