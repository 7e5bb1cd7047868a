import type { AppDeps } from '../deps';
import { newId, randomToken, sha256Hex } from '../crypto/tokens';
import { countUsers, prepareUser, userCreateWrites } from './users';
import { findUsableSetupToken, isFirstAdminGuardFailure, setupTokenInsert, setupTokensRevokeUnused } from '../db/setup-tokens-repo';
import { anyWorkspaceExists } from '../db/workspaces-repo';
import { createWorkspace, findWorkspaceByName } from './workspaces';
import { startSession } from './sessions';
import { unauthenticated, validationFailed } from '../errors';
import { MIN_PASSWORD_LENGTH } from '../crypto/password';

export const SETUP_LINK_TTL_MS = 15 * 60 * 1000;
export const DEFAULT_WORKSPACE = 'default';

/**
 * Issues a one-time setup token for a workspace (15 minutes); only its hash is stored. Every
 * earlier unused link of the workspace dies in the same write: only the newest printed link works.
 */
export async function issueSetupToken(deps: AppDeps, workspaceId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  const { db } = deps.store;
  await deps.store.atomic([
    setupTokensRevokeUnused(db, workspaceId),
    setupTokenInsert(db, { id: newId('stp'), workspaceId, tokenHash: await sha256Hex(token), createdAt: now, expiresAt }),
  ]);
  return { token, expiresAt };
}

/**
 * At start-up: an empty database gets workspace `default`; while `default` has no admin, a fresh
 * one-time setup token is issued so the operator can always create the first admin.
 */
export async function prepareFirstRun(deps: AppDeps): Promise<{ token: string; expiresAt: Date } | null> {
  const workspace = !(await anyWorkspaceExists(deps.store.db))
    ? await createWorkspace(deps, DEFAULT_WORKSPACE)
    : await findWorkspaceByName(deps, DEFAULT_WORKSPACE);
  if (!workspace || (await countUsers(deps, workspace.id)) > 0) return null;
  return issueSetupToken(deps, workspace.id);
}

const expiredLink = () =>
  unauthenticated(
    'This setup link is invalid, used or expired.',
    'Restart the companion to print a new setup link, or create a user with: npm run companion -- user create --workspace default --email <email>',
  );

/**
 * Uses a setup link once: creates the first admin and signs them in. The link must still be the
 * workspace's newest unused one and the workspace must have no user, checked again inside the
 * transaction that inserts the admin, so two racing submissions (or a CLI-created admin) cannot
 * both win. A refused request (weak password, taken email) leaves the link usable.
 */
export async function completeSetup(deps: AppDeps, token: string, email: string, password: string): Promise<string> {
  const row = await findUsableSetupToken(deps.store.db, await sha256Hex(token), deps.clock.now());
  if (!row) throw expiredLink();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw validationFailed(`The password is too short.`, `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const user = await prepareUser(deps, { email, password });
  try {
    await deps.store.atomic(userCreateWrites(deps, user, row.workspaceId, deps.clock.now(), { setupTokenId: row.id }));
  } catch (error) {
    if (isFirstAdminGuardFailure(error)) throw expiredLink();
    throw error;
  }
  return startSession(deps, { id: user.id, workspaceId: row.workspaceId });
}
