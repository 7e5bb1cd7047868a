import { refuseForbiddenText } from './free-text-field';
import type { AppDeps } from '../deps';
import type { AtomicWrite } from '../db/database';
import { countWorkspaceUsers, findUserByEmail, userInsert } from '../db/users-repo';
import { hashPassword, passwordProblem } from '../crypto/password';
import { newId } from '../crypto/tokens';
import { conflict, validationFailed } from '../errors';
import { auditInsert } from '../db/audit-repo';
import { firstAdminWorkspaceGuard, setupTokenMarkUsed, setupTokensRevokeUnused } from '../db/setup-tokens-repo';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A user ready to insert: validated, unique so far, password hashed. */
export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
}

/** Validates and hashes a new admin (emails are unique across workspaces); writes nothing. */
export async function prepareUser(deps: AppDeps, input: { email: string; password: string }): Promise<NewUser> {
  refuseForbiddenText('email', input.email);
  const email = input.email.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(email) || email.length > 254) {
    throw validationFailed('That is not an email address.', 'Enter an address such as admin@example.com.');
  }
  const problem = passwordProblem(input.password);
  if (problem) throw validationFailed(`The password is too weak. ${problem}`, problem);
  const existing = await findUserByEmail(deps.store.db, email);
  if (existing) throw conflict(`A user with email ${email} already exists.`, 'Sign in with that account, or choose another email.');
  return { id: newId('usr'), email, passwordHash: await hashPassword(input.password) };
}

/**
 * The writes that add an admin to a workspace: the user, the death of every unused setup link of
 * that workspace (a workspace with an admin needs none) and the audit row. With `setupTokenId`
 * the insert is guarded (that link unused and unexpired, no user in the workspace yet, checked in
 * the same transaction: otherwise the whole group aborts) and the link is marked used.
 */
export function userCreateWrites(deps: AppDeps, user: NewUser, workspaceId: string, now: Date, options: { setupTokenId?: string } = {}): AtomicWrite[] {
  const { db } = deps.store;
  const { setupTokenId } = options;
  return [
    userInsert(db, user, setupTokenId ? firstAdminWorkspaceGuard(setupTokenId, workspaceId, now) : workspaceId, now),
    ...(setupTokenId ? [setupTokenMarkUsed(db, setupTokenId, now)] : []),
    setupTokensRevokeUnused(db, workspaceId),
    auditInsert(db, { workspaceId, targetId: null, actor: 'system', action: 'user.created', detail: { email: user.email }, at: now }),
  ];
}

/** Creates an admin user with a PBKDF2-hashed password; emails are unique across workspaces. */
export async function createUser(deps: AppDeps, input: { workspaceId: string; email: string; password: string }): Promise<{ id: string; email: string }> {
  const user = await prepareUser(deps, input);
  await deps.store.atomic(userCreateWrites(deps, user, input.workspaceId, deps.clock.now()));
  return { id: user.id, email: user.email };
}

/** How many users a workspace has; zero means it still needs its first admin. */
export async function countUsers(deps: AppDeps, workspaceId: string): Promise<number> {
  return countWorkspaceUsers(deps.store.db, workspaceId);
}
