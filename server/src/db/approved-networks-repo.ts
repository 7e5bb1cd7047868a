import { and, asc, eq, isNull } from 'drizzle-orm';
import { approvedNetworks } from './schema';
import type { Database } from './database';

export interface ApprovedNetworkRow {
  id: string;
  name: string;
  entries: string[];
  created_at: string;
}

/** The operator-approved networks in force for a workspace (read per check: no restart needed). */
export async function listApprovedNetworks(db: Database, workspaceId: string): Promise<ApprovedNetworkRow[]> {
  const rows = await db
    .select()
    .from(approvedNetworks)
    .where(and(eq(approvedNetworks.workspaceId, workspaceId), isNull(approvedNetworks.revokedAt)))
    .orderBy(asc(approvedNetworks.createdAt));
  return rows.map((row) => ({ id: row.id, name: row.name, entries: JSON.parse(row.entriesJson) as string[], created_at: row.createdAt }));
}

/** Adds an approved network to a workspace. */
export function approvedNetworkInsert(db: Database, workspaceId: string, network: ApprovedNetworkRow) {
  return db
    .insert(approvedNetworks)
    .values({ id: network.id, workspaceId, name: network.name, entriesJson: JSON.stringify(network.entries), createdAt: network.created_at });
}

/** An approved network still in force, by id (the operator's CLI handle), with its workspace; or null. */
export async function findActiveApprovedNetwork(db: Database, networkId: string): Promise<{ id: string; name: string; workspaceId: string } | null> {
  const [row] = await db
    .select({ id: approvedNetworks.id, name: approvedNetworks.name, workspaceId: approvedNetworks.workspaceId })
    .from(approvedNetworks)
    .where(and(eq(approvedNetworks.id, networkId), isNull(approvedNetworks.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** Revokes an approved network by id. */
export function approvedNetworkRevoke(db: Database, networkId: string, at: Date) {
  return db.update(approvedNetworks).set({ revokedAt: at.toISOString() }).where(eq(approvedNetworks.id, networkId));
}
