import type { AppDeps } from '../deps';
import { sha256Hex } from '../crypto/tokens';
import { findSetupTokenWorkspace, findUsableSetupToken } from '../db/setup-tokens-repo';
import { countWorkspaceUsers } from '../db/users-repo';
import { findWorkspaceName } from '../db/workspaces-repo';

/**
 * What the setup page may truthfully say about a link: usable or not, the workspace it is for (when
 * the link is still known), and whether that workspace already has an admin (then no link works).
 */
export interface SetupLinkState {
  usable: boolean;
  workspace: string | null;
  hasAdmin: boolean;
}

/** The state of a setup link for the setup page; read-only. */
export async function describeSetupLink(deps: AppDeps, token: string): Promise<SetupLinkState> {
  if (!token) return { usable: false, workspace: null, hasAdmin: false };
  const { db } = deps.store;
  const tokenHash = await sha256Hex(token);
  const workspaceId = await findSetupTokenWorkspace(db, tokenHash);
  if (!workspaceId) return { usable: false, workspace: null, hasAdmin: false };
  const usable = (await findUsableSetupToken(db, tokenHash, deps.clock.now())) !== null;
  return { usable, workspace: await findWorkspaceName(db, workspaceId), hasAdmin: (await countWorkspaceUsers(db, workspaceId)) > 0 };
}
