import type { AppDeps, Principal } from '../deps';
import { findLiveSession, sessionDelete, sessionInsert } from '../db/sessions-repo';
import { findUserByEmail } from '../db/users-repo';
import { verifyPassword } from '../crypto/password';
import { constantTimeEqual, hmacBase64Url, newId, randomToken, sha256Hex } from '../crypto/tokens';
import { auditInsert } from '../db/audit-repo';
import { admitSignIn, clearSignInThrottle } from './sign-in/sign-in-throttle';

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
  await sessionInsert(deps.store.db, {
    id: newId('ses'),
    tokenHash: await sha256Hex(token),
    userId: user.id,
    workspaceId: user.workspaceId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  return token;
}

/** What a sign-in attempt came to; `throttled` attempts ran no password check at all. */
export type SignInResult = { kind: 'signed-in'; sessionToken: string } | { kind: 'wrong' } | { kind: 'throttled'; retryAfterSeconds: number };

// Verified when the email is unknown, so timing does not reveal which accounts exist.
const DUMMY_HASH = 'pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks email and password from one client address, throttled per (account, address) and per
 * address before any PBKDF2 run; the same answer (`wrong`) for an unknown email and a wrong
 * password, and unknown emails are throttled alike. Failures and lockouts of a real account are
 * audited in its workspace (with the address, never the password).
 */
export async function signIn(deps: AppDeps, email: string, password: string, clientAddress: string | null): Promise<SignInResult> {
  const admission = await admitSignIn(deps, email, clientAddress);
  if (!admission.admitted) return { kind: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
  const user = await findUserByEmail(deps.store.db, email.trim().toLowerCase());
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const now = deps.clock.now();
  const address = clientAddress ?? 'unknown';
  if (user && valid) {
    await clearSignInThrottle(deps, admission.buckets);
    await deps.store.atomic([
      auditInsert(deps.store.db, {
        workspaceId: user.workspaceId,
        targetId: null,
        actor: `user:${user.email}`,
        action: 'sign_in.succeeded',
        detail: { address },
        at: now,
      }),
    ]);
    return { kind: 'signed-in', sessionToken: await startSession(deps, user) };
  }
  const lockedUntil = admission.lockedUntil?.toISOString() ?? null;
  if (lockedUntil) deps.logger.warn('sign-in throttled', { address, failures: admission.failures, locked_until: lockedUntil, known_account: Boolean(user) });
  if (user) {
    await deps.store.atomic([
      auditInsert(deps.store.db, {
        workspaceId: user.workspaceId,
        targetId: null,
        actor: `user:${user.email}`,
        action: lockedUntil ? 'sign_in.locked' : 'sign_in.failed',
        detail: { address, failures: admission.failures, locked_until: lockedUntil },
        at: now,
      }),
    ]);
  }
  return { kind: 'wrong' };
}

/** The signed-in session behind a cookie value, or null when unknown or expired. */
export async function resolveSession(deps: AppDeps, token: string): Promise<SessionView | null> {
  if (!token || token.length > 100) return null;
  const row = await findLiveSession(deps.store.db, await sha256Hex(token), deps.clock.now());
  if (!row) return null;
  return {
    principal: { workspaceId: row.workspaceId, role: 'admin', actor: `user:${row.email}` },
    email: row.email,
    csrfToken: await csrfTokenFor(token),
  };
}

/** Ends a session: its row is deleted, so the cookie is worthless even if it was copied. */
export async function endSession(deps: AppDeps, token: string): Promise<void> {
  await sessionDelete(deps.store.db, await sha256Hex(token));
}

/** The CSRF token bound to a session: derived, so nothing extra is stored. */
export function csrfTokenFor(sessionToken: string): Promise<string> {
  return hmacBase64Url(sessionToken, 'webriskops-csrf-v1');
}

/** True when a submitted CSRF token belongs to the session. */
export async function csrfTokenMatches(sessionToken: string, submitted: string): Promise<boolean> {
  return constantTimeEqual(await csrfTokenFor(sessionToken), submitted);
}

/** Audits a sign-out refused for want of the session's CSRF token (the session stays valid). */
export async function recordRefusedSignOut(deps: AppDeps, principal: Principal): Promise<void> {
  const { workspaceId, actor } = principal;
  await deps.store.atomic([
    auditInsert(deps.store.db, {
      workspaceId,
      targetId: null,
      actor,
      action: 'session.sign_out_refused',
      detail: { reason: 'no valid CSRF token' },
      at: deps.clock.now(),
    }),
  ]);
}
