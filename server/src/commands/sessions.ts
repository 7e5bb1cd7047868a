import { and, eq, gt } from 'drizzle-orm';
import type { AppDeps, Principal } from '../deps';
import { sessions, users } from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { constantTimeEqual, hmacBase64Url, newId, randomToken, sha256Hex } from '../crypto/tokens';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** A signed-in admin: the principal for queries and the CSRF token its forms must carry. */
export interface SessionView {
  principal: Principal;
  email: string;
  csrfToken: string;
}

/** Starts a session for a user; the cookie value is returned once, only its hash is stored. */
export async function startSession(deps: AppDeps, user: { id: string; workspaceId: string }): Promise<string> {
  const token = randomToken(32);
  const now = deps.clock.now();
  await deps.store.db.insert(sessions).values({
    id: newId('ses'),
    tokenHash: await sha256Hex(token),
    userId: user.id,
    workspaceId: user.workspaceId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  });
  return token;
}

/** Checks email and password; the same answer (null) for an unknown email and a wrong password. */
export async function signIn(deps: AppDeps, email: string, password: string): Promise<string | null> {
  const [user] = await deps.store.db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const stored = user?.passwordHash ?? 'pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  const valid = await verifyPassword(password, stored);
  if (!user || !valid) return null;
  return startSession(deps, user);
}

/** The signed-in session behind a cookie value, or null when unknown or expired. */
export async function resolveSession(deps: AppDeps, token: string): Promise<SessionView | null> {
  if (!token || token.length > 100) return null;
  const [row] = await deps.store.db
    .select({ workspaceId: sessions.workspaceId, email: users.email })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, deps.clock.now().toISOString())))
    .limit(1);
  if (!row) return null;
  return {
    principal: { workspaceId: row.workspaceId, role: 'admin', actor: `user:${row.email}` },
    email: row.email,
    csrfToken: await csrfTokenFor(token),
  };
}

/** Ends a session: its row is deleted, so the cookie is worthless even if it was copied. */
export async function endSession(deps: AppDeps, token: string): Promise<void> {
  await deps.store.db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
}

/** The CSRF token bound to a session: derived, so nothing extra is stored. */
export function csrfTokenFor(sessionToken: string): Promise<string> {
  return hmacBase64Url(sessionToken, 'webriskops-csrf-v1');
}

/** True when a submitted CSRF token belongs to the session. */
export async function csrfTokenMatches(sessionToken: string, submitted: string): Promise<boolean> {
  return constantTimeEqual(await csrfTokenFor(sessionToken), submitted);
}
