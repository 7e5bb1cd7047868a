import type { AppDeps } from '../deps';
import { listApiTokens } from '../db/api-tokens-repo';

/** One API token as lists show it (the settings page and `token list`): never the secret or its hash. */
export interface ApiTokenSummary {
  prefix: string;
  role: 'admin' | 'export';
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The tokens of a workspace, oldest first, revoked ones included (with when). */
export async function listApiTokenSummaries(deps: Pick<AppDeps, 'store'>, workspaceId: string): Promise<ApiTokenSummary[]> {
  const rows = await listApiTokens(deps.store.db, workspaceId);
  return rows.map((row) => ({
    prefix: row.prefix,
    role: row.role,
    label: row.label,
    created_at: row.createdAt,
    last_used_at: row.lastUsedAt,
    revoked_at: row.revokedAt,
  }));
}
