import { asc, eq } from 'drizzle-orm';
import { workspaces } from './schema';
import type { Database } from './database';

/** A tenant as the rest of the server sees it. */
export interface WorkspaceRow {
  id: string;
  name: string;
}

/** Adds a tenant row. */
export async function workspaceInsert(db: Database, workspace: WorkspaceRow, createdAt: Date): Promise<void> {
  await db.insert(workspaces).values({ ...workspace, createdAt: createdAt.toISOString() });
}

/** A workspace by its name (the CLI's handle), or null. */
export async function findWorkspaceByName(db: Database, name: string): Promise<WorkspaceRow | null> {
  const [row] = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.name, name)).limit(1);
  return row ?? null;
}

/** A workspace's name by its id, or null. */
export async function findWorkspaceName(db: Database, workspaceId: string): Promise<string | null> {
  const [row] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.name ?? null;
}

/** Every workspace (operator tools only: the CLI walks all tenants). */
export function listWorkspaces(db: Database): Promise<WorkspaceRow[]> {
  return db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces);
}

/** Every workspace with its creation time, by name (the operator's `workspace list`). */
export function listWorkspacesCreated(db: Database): Promise<(WorkspaceRow & { createdAt: string })[]> {
  return db.select({ id: workspaces.id, name: workspaces.name, createdAt: workspaces.createdAt }).from(workspaces).orderBy(asc(workspaces.name));
}

/** True once any workspace exists (first start creates `default` otherwise). */
export async function anyWorkspaceExists(db: Database): Promise<boolean> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return rows.length > 0;
}
