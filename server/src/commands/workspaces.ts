import type { AppDeps } from '../deps';
import { findWorkspaceByName as findWorkspaceRowByName, workspaceInsert } from '../db/workspaces-repo';
import { newId } from '../crypto/tokens';
import { conflict, notFoundWith, validationFailed } from '../errors';

export interface Workspace {
  id: string;
  name: string;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Creates a tenant; names are lowercase slugs so they are safe in URLs and CLI arguments. */
export async function createWorkspace(deps: AppDeps, name: string): Promise<Workspace> {
  if (!NAME_PATTERN.test(name)) {
    throw validationFailed(
      `Workspace name "${name}" is not a lowercase slug.`,
      'Use 1-63 lowercase letters, digits and dashes, starting with a letter or digit.',
    );
  }
  if (await findWorkspaceByName(deps, name)) {
    throw conflict(`Workspace "${name}" already exists.`, 'Choose another name, or use the existing workspace.');
  }
  const workspace = { id: newId('ws'), name };
  await workspaceInsert(deps.store.db, workspace, deps.clock.now());
  return workspace;
}

/** Looks a workspace up by its name (the CLI's handle), or null. */
export async function findWorkspaceByName(deps: AppDeps, name: string): Promise<Workspace | null> {
  return findWorkspaceRowByName(deps.store.db, name);
}

/** Like findWorkspaceByName, but a missing workspace is an error that says what to do. */
export async function requireWorkspace(deps: AppDeps, name: string): Promise<Workspace> {
  const workspace = await findWorkspaceByName(deps, name);
  if (!workspace) throw notFoundWith(`Workspace "${name}" does not exist.`, 'Create it with: npm run companion -- workspace create <name>');
  return workspace;
}
