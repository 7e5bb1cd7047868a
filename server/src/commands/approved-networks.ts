import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { approvedNetworks } from '../db/schema';
import { listApprovedNetworks, type ApprovedNetworkRow } from '../db/approved-networks-repo';
import { auditInsert } from '../db/audit-repo';
import { newId } from '../crypto/tokens';
import { parseApprovedEntry } from '../net/approved-networks';
import { hardDenyReason } from '../net/hard-deny';
import { AppError } from '../errors';
import type { Workspace } from './workspaces';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

/**
 * Approves a private network (a tunnel) for one workspace. Only the operator's CLI calls this: no
 * API route reaches it, so a tenant can never open a private range by itself. Entries that do not
 * parse are refused here, loudly, rather than silently never matching.
 */
export async function approveNetwork(deps: AppDeps, workspace: Workspace, name: string, entries: string[]): Promise<ApprovedNetworkRow> {
  if (!NAME_PATTERN.test(name)) throw new AppError('VALIDATION_FAILED', 400, `Network name "${name}" is not acceptable.`, 'Use 1-64 letters, digits, spaces, dots, dashes or underscores.');
  if (entries.length === 0) throw new AppError('VALIDATION_FAILED', 400, 'No network entries were given.', 'Give one or more entries: IP, CIDR, ip:port, [v6]:port, domain or domain:port.');
  const garbage = entries.filter((entry) => parseApprovedEntry(entry) === null);
  if (garbage.length > 0) {
    throw new AppError('VALIDATION_FAILED', 400, `These entries are not in the allowlist grammar: ${garbage.join(', ')}.`, 'Use IP, CIDR, ip:port, [v6]:port, an exact domain or domain:port.');
  }
  const neverOpen = entries
    .map((entry) => ({ entry, parsed: parseApprovedEntry(entry) }))
    .map(({ entry, parsed }) => ({ entry, reason: parsed?.kind === 'ip' ? hardDenyReason(parsed.network) : null }))
    .filter((item) => item.reason);
  if (neverOpen.length > 0) {
    throw new AppError('VALIDATION_FAILED', 400, `These entries name addresses that never open: ${neverOpen.map((item) => `${item.entry} (${item.reason})`).join(', ')}.`, 'Approve the tunnel network itself, not metadata, link-local, multicast or unspecified addresses.');
  }
  const row = { id: newId('net'), name, entries, created_at: deps.clock.now().toISOString() };
  const { db } = deps.store;
  await deps.store.atomic([
    db.insert(approvedNetworks).values({ id: row.id, workspaceId: workspace.id, name, entriesJson: JSON.stringify(entries), createdAt: row.created_at }),
    auditInsert(db, { workspaceId: workspace.id, targetId: null, actor: 'cli', action: 'network.approved', detail: { network_id: row.id, name, entries: entries.join(',') }, at: deps.clock.now() }),
  ]);
  return row;
}

/** Revokes an approved network by id; true when one was in force. Takes effect on the next check. */
export async function revokeNetwork(deps: AppDeps, networkId: string): Promise<boolean> {
  const { db } = deps.store;
  const [row] = await db.select().from(approvedNetworks).where(and(eq(approvedNetworks.id, networkId), isNull(approvedNetworks.revokedAt))).limit(1);
  if (!row) return false;
  await deps.store.atomic([
    db.update(approvedNetworks).set({ revokedAt: deps.clock.now().toISOString() }).where(eq(approvedNetworks.id, networkId)),
    auditInsert(db, { workspaceId: row.workspaceId, targetId: null, actor: 'cli', action: 'network.revoked', detail: { network_id: row.id, name: row.name }, at: deps.clock.now() }),
  ]);
  return true;
}

/** Global (configured) plus this workspace's approved entries: what a check of its URLs may use. */
export async function approvedEntriesFor(deps: AppDeps, workspaceId: string): Promise<string[]> {
  const own = await listApprovedNetworks(deps.store.db, workspaceId);
  return [...deps.config.approvedNetworks, ...own.flatMap((network) => network.entries)];
}
