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
