import { and, eq, gt, isNull } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { setupTokens, workspaces } from '../db/schema';
import { newId, randomToken, sha256Hex } from '../crypto/tokens';
import { createUser, countUsers } from './users';
import { createWorkspace, findWorkspaceByName } from './workspaces';
import { startSession } from './sessions';
import { AppError } from '../errors';
import { MIN_PASSWORD_LENGTH } from '../crypto/password';

export const SETUP_LINK_TTL_MS = 15 * 60 * 1000;
export const DEFAULT_WORKSPACE = 'default';

/** Issues a one-time setup token for a workspace (15 minutes); only its hash is stored. */
export async function issueSetupToken(deps: AppDeps, workspaceId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  await deps.store.db.insert(setupTokens).values({
    id: newId('stp'),
    workspaceId,
    tokenHash: await sha256Hex(token),
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

/**
 * At start-up: an empty database gets workspace `default`; while `default` has no admin, a fresh
 * one-time setup token is issued so the operator can always create the first admin.
 */
export async function prepareFirstRun(deps: AppDeps): Promise<{ token: string; expiresAt: Date } | null> {
  const anyWorkspace = await deps.store.db.select({ id: workspaces.id }).from(workspaces).limit(1);
  const workspace = anyWorkspace.length === 0 ? await createWorkspace(deps, DEFAULT_WORKSPACE) : await findWorkspaceByName(deps, DEFAULT_WORKSPACE);
  if (!workspace || (await countUsers(deps, workspace.id)) > 0) return null;
  return issueSetupToken(deps, workspace.id);
}

async function findUsableSetupToken(deps: AppDeps, token: string) {
  const [row] = await deps.store.db
    .select()
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, await sha256Hex(token)), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, deps.clock.now().toISOString())))
    .limit(1);
  return row ?? null;
}

/** True when a setup link can still be used (for showing the form). */
export async function setupTokenIsUsable(deps: AppDeps, token: string): Promise<boolean> {
  return (await findUsableSetupToken(deps, token)) !== null;
}

const expiredLink = () =>
  new AppError('UNAUTHENTICATED', 401, 'This setup link is invalid, used or expired.', 'Restart the companion to print a new setup link, or create a user with: npm run companion -- user create --workspace default --email <email>');

/** Uses a setup link once: creates the first admin and signs them in. */
export async function completeSetup(deps: AppDeps, token: string, email: string, password: string): Promise<string> {
  const row = await findUsableSetupToken(deps, token);
  if (!row) throw expiredLink();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('VALIDATION_FAILED', 400, `The password is too short.`, `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const claimed = await deps.store.db
    .update(setupTokens)
    .set({ usedAt: deps.clock.now().toISOString() })
    .where(and(eq(setupTokens.id, row.id), isNull(setupTokens.usedAt)))
    .returning({ id: setupTokens.id });
  if (claimed.length === 0) throw expiredLink();
  try {
    const user = await createUser(deps, { workspaceId: row.workspaceId, email, password });
    return await startSession(deps, { id: user.id, workspaceId: row.workspaceId });
  } catch (error) {
    // Give the link back so a typo (duplicate email) does not burn the only way in.
    await deps.store.db.update(setupTokens).set({ usedAt: null }).where(eq(setupTokens.id, row.id));
    throw error;
  }
}
