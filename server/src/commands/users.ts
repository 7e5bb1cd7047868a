import { refuseForbiddenText } from './free-text-field';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { users } from '../db/schema';
import { hashPassword, passwordProblem } from '../crypto/password';
import { newId } from '../crypto/tokens';
import { AppError } from '../errors';
import { auditInsert } from '../db/audit-repo';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates an admin user with a PBKDF2-hashed password; emails are unique across workspaces. */
export async function createUser(deps: AppDeps, input: { workspaceId: string; email: string; password: string }): Promise<{ id: string; email: string }> {
  refuseForbiddenText('email', input.email);
  const email = input.email.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(email) || email.length > 254) {
    throw new AppError('VALIDATION_FAILED', 400, 'That is not an email address.', 'Enter an address such as admin@example.com.');
  }
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', 400, `The password is too weak. ${problem}`, problem);
  const [existing] = await deps.store.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) throw new AppError('CONFLICT', 409, `A user with email ${email} already exists.`, 'Sign in with that account, or choose another email.');
  const user = { id: newId('usr'), email };
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  await deps.store.atomic([
    deps.store.db.insert(users).values({ ...user, workspaceId: input.workspaceId, passwordHash, role: 'admin', createdAt: now.toISOString() }),
    auditInsert(deps.store.db, { workspaceId: input.workspaceId, targetId: null, actor: 'system', action: 'user.created', detail: { email }, at: now }),
  ]);
  return user;
}

/** How many users a workspace has; zero means it still needs its first admin. */
export async function countUsers(deps: AppDeps, workspaceId: string): Promise<number> {
  const rows = await deps.store.db.select({ id: users.id }).from(users).where(eq(users.workspaceId, workspaceId));
  return rows.length;
}
