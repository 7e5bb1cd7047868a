import { refuseForbiddenText } from './free-text-field';
import { commitScopedCachePerStore } from '../db/commit-scoped-cache';
import type { AppDeps, Principal } from '../deps';
import { apiTokenInsert, apiTokenMarkUsed, apiTokenRevoke, findActiveApiToken, findApiTokenByPrefix } from '../db/api-tokens-repo';
import { constantTimeEqual, newId, randomToken, sha256Hex, sha256HexAtOnce } from '../crypto/tokens';
import { validationFailed } from '../errors';
import { auditInsert } from '../db/audit-repo';

export type TokenRole = 'admin' | 'export';
export const TOKEN_ROLES: readonly TokenRole[] = ['admin', 'export'];

/**
 * Who manages tokens: the operator's CLI (`actor: 'cli'`, every workspace) or a signed-in admin
 * (`user:<email>`, only their workspace). The CLI and the settings page share these commands, so
 * both write the same audit events.
 */
export interface TokenManager {
  actor: string;
  /** null: the operator, who may revoke a token of any workspace by its prefix. */
  workspaceId: string | null;
}

export const OPERATOR: TokenManager = { actor: 'cli', workspaceId: null };

const TOKEN_PATTERN = /^(wro_[a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

/**
 * Issues a workspace-bound API token `wro_<prefix>_<secret>`. Only the SHA-256 is kept: the token
 * is shown once, here. The prefix identifies it in lists, audit rows and `token revoke`.
 */
export async function createApiToken(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  input: { workspaceId: string; role: TokenRole; label?: string },
  by: TokenManager = OPERATOR,
): Promise<{ token: string; prefix: string }> {
  if (!TOKEN_ROLES.includes(input.role)) throw validationFailed(`role must be admin or export (got "${String(input.role)}").`, 'Choose admin or export.');
  if (by.workspaceId !== null && by.workspaceId !== input.workspaceId) throw new Error('a token manager may only create tokens in its own workspace');
  if (input.label !== undefined) {
    refuseForbiddenText('label', input.label);
    if (input.label.length > 120) throw validationFailed('label is longer than 120 characters.', 'Give the token a shorter label.');
  }
  const minted = await mintApiToken();
  const now = deps.clock.now();
  await deps.store.atomic([
    apiTokenInsert(deps.store.db, {
      id: newId('tok'),
      workspaceId: input.workspaceId,
      prefix: minted.prefix,
      tokenHash: minted.tokenHash,
      role: input.role,
      label: input.label ?? null,
      createdAt: now,
    }),
    auditInsert(deps.store.db, {
      workspaceId: input.workspaceId,
      targetId: null,
      actor: by.actor,
      action: 'token.created',
      detail: { prefix: minted.prefix, role: input.role },
      at: now,
    }),
  ]);
  return { token: minted.token, prefix: minted.prefix };
}

/** A new token, its public prefix and the SHA-256 that is all the database ever keeps. */
export async function mintApiToken(): Promise<{ token: string; prefix: string; tokenHash: string }> {
  const prefix = `wro_${newId('x', 10).slice(2)}`;
  const token = `${prefix}_${randomToken(32)}`;
  return { token, prefix, tokenHash: await sha256Hex(token) };
}

/** Revokes a token by its prefix (in the manager's workspace, unless the operator); true when one was active. */
export async function revokeApiToken(deps: Pick<AppDeps, 'store' | 'clock'>, prefix: string, by: TokenManager = OPERATOR): Promise<boolean> {
  const row = await findActiveApiToken(deps.store.db, prefix, by.workspaceId);
  if (!row) return false;
  const now = deps.clock.now();
  await deps.store.atomic([
    apiTokenRevoke(deps.store.db, row.id, now),
    auditInsert(deps.store.db, {
      workspaceId: row.workspaceId,
      targetId: null,
      actor: by.actor,
      action: 'token.revoked',
      detail: { prefix, role: row.role },
      at: now,
    }),
  ]);
  return true;
}

/** How stale `last_used_at` may get: at most one write per token per interval keeps the hot path read-only. */
export const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

interface KnownToken {
  principal: Principal;
  tokenId: string;
  lastUsedAt: number | null;
}

// Principals by token hash, per store, dropped whenever the database changed (a revocation by the
// CLI in another process included): an API call costs a hash and a data_version check, not a read.
const principals = commitScopedCachePerStore<KnownToken>();

/**
 * The principal behind a bearer token when it is already known and nothing was committed since
 * (the same answer {@link authenticateApiToken} gives, without waiting); undefined when that needs
 * the database: unknown, changed, or due a `last_used_at` mark.
 */
export function knownApiTokenPrincipal(deps: Pick<AppDeps, 'store' | 'clock'>, bearer: string, dataVersion?: number): Principal | undefined {
  if (!TOKEN_PATTERN.test(bearer)) return undefined;
  const tokenHash = sha256HexAtOnce(bearer);
  const known = tokenHash === null ? undefined : principals(deps.store).peek(tokenHash, dataVersion);
  if (!known || known.lastUsedAt === null || deps.clock.now().getTime() - known.lastUsedAt >= LAST_USED_RESOLUTION_MS) return undefined;
  return known.principal;
}

/**
 * The principal behind a bearer token, or null for anything unknown, revoked or malformed. Marks
 * the token used when its `last_used_at` is older than {@link LAST_USED_RESOLUTION_MS}.
 */
export async function authenticateApiToken(deps: Pick<AppDeps, 'store' | 'clock'>, bearer: string, dataVersion?: number): Promise<Principal | null> {
  const match = TOKEN_PATTERN.exec(bearer);
  if (!match) return null;
  const prefix = match[1]!;
  const tokenHash = await sha256Hex(bearer);
  const cache = principals(deps.store);
  const known = await cache.get(
    tokenHash,
    async () => {
      const row = await findApiTokenByPrefix(deps.store.db, prefix);
      if (!row || row.revokedAt) return null;
      if (!constantTimeEqual(tokenHash, row.tokenHash)) return null;
      const principal: Principal = Object.freeze({ workspaceId: row.workspaceId, role: row.role, actor: `token:${prefix}` });
      return { principal, tokenId: row.id, lastUsedAt: row.lastUsedAt ? Date.parse(row.lastUsedAt) : null };
    },
    dataVersion,
  );
  if (!known) return null;
  const now = deps.clock.now();
  if (known.lastUsedAt === null || now.getTime() - known.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    await apiTokenMarkUsed(deps.store.db, known.tokenId, now);
    // The write emptied the cache; keep this token in it at the new stamp instead of reading it again.
    const marked = { ...known, lastUsedAt: now.getTime() };
    await cache.get(tokenHash, async () => marked, dataVersion);
  }
  return known.principal;
}
