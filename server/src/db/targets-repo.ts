import { and, desc, eq, isNull } from 'drizzle-orm';
import { targetRecordSchema, type TargetRecord } from '@webriskops/shared';
import { credentials, targets } from './schema';
import type { Database } from './database';

type TargetRow = typeof targets.$inferSelect;
type CredentialRow = typeof credentials.$inferSelect;

const parseJson = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

/** Builds the shared record from a row and its active credential's metadata (never the ciphertext). */
export function toTargetRecord(row: TargetRow, credential: CredentialRow | undefined): TargetRecord {
  return targetRecordSchema.parse({
    id: row.id,
    name: row.name,
    provider_key: row.providerKey,
    deployment_mode: row.deploymentMode,
    base_url: row.baseUrl,
    site_id: row.siteId,
    auth_method: row.authMethod,
    scopes: parseJson<string[]>(row.scopesJson, []),
    allowlist_status: row.allowlistStatus,
    ownership: parseJson(row.ownershipJson, null),
    checks: parseJson(row.checksJson, {}),
    credential: credential
      ? {
          kind: credential.kind,
          fingerprint: credential.fingerprint,
          created_at: credential.createdAt,
          expires_at: credential.expiresAt,
          revoked_at: credential.revokedAt,
        }
      : null,
    revoke: parseJson(row.revokeJson, null),
    state: row.state,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  });
}

/** The row values for a record's mutable fields. */
export function toTargetRow(record: TargetRecord): Omit<TargetRow, 'workspaceId' | 'blockedCode'> {
  return {
    id: record.id,
    name: record.name,
    providerKey: record.provider_key,
    deploymentMode: record.deployment_mode,
    baseUrl: record.base_url,
    siteId: record.site_id,
    authMethod: record.auth_method,
    scopesJson: JSON.stringify(record.scopes),
    allowlistStatus: record.allowlist_status,
    ownershipJson: record.ownership ? JSON.stringify(record.ownership) : null,
    checksJson: JSON.stringify(record.checks),
    revokeJson: record.revoke ? JSON.stringify(record.revoke) : null,
    state: record.state,
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

async function activeCredential(db: Database, workspaceId: string, targetId: string) {
  const [credential] = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.targetId, targetId), isNull(credentials.revokedAt)))
    .orderBy(desc(credentials.createdAt))
    .limit(1);
  return credential;
}

/** One target of one workspace, or null: another workspace's target is simply not there. */
export async function findTarget(db: Database, workspaceId: string, targetId: string): Promise<TargetRecord | null> {
  const [row] = await db.select().from(targets).where(and(eq(targets.workspaceId, workspaceId), eq(targets.id, targetId))).limit(1);
  if (!row) return null;
  return toTargetRecord(row, await activeCredential(db, workspaceId, targetId));
}

/** Every target of a workspace, newest first, with credential metadata in one extra query. */
export async function listTargets(db: Database, workspaceId: string): Promise<TargetRecord[]> {
  const rows = await db.select().from(targets).where(eq(targets.workspaceId, workspaceId)).orderBy(desc(targets.createdAt));
  const active = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.workspaceId, workspaceId), isNull(credentials.revokedAt)))
    .orderBy(desc(credentials.createdAt));
  const byTarget = new Map<string, CredentialRow>();
  for (const credential of active) if (!byTarget.has(credential.targetId)) byTarget.set(credential.targetId, credential);
  return rows.map((row) => toTargetRecord(row, byTarget.get(row.id)));
}

/** The insert for a new target. */
export function targetInsert(db: Database, workspaceId: string, record: TargetRecord, blockedCode: string | null) {
  return db.insert(targets).values({ ...toTargetRow(record), workspaceId, blockedCode });
}

/** The update that writes a record back, scoped to its workspace. */
export function targetUpdate(db: Database, workspaceId: string, record: TargetRecord, blockedCode: string | null) {
  const { id: _id, createdAt: _createdAt, ...values } = toTargetRow(record);
  return db
    .update(targets)
    .set({ ...values, blockedCode })
    .where(and(eq(targets.workspaceId, workspaceId), eq(targets.id, record.id)));
}
