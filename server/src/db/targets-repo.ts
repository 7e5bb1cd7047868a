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
    attestations: parseJson(row.attestationsJson, null),
    allowlist_declaration: parseJson(row.allowlistDeclarationJson, null),
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
export function toTargetRow(record: TargetRecord): Omit<TargetRow, 'workspaceId' | 'blockedCode' | 'version'> {
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
    attestationsJson: record.attestations ? JSON.stringify(record.attestations) : null,
    allowlistDeclarationJson: record.allowlist_declaration ? JSON.stringify(record.allowlist_declaration) : null,
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

/** One target of one workspace with its write version, or null for another workspace's target. */
export async function findTargetVersioned(db: Database, workspaceId: string, targetId: string): Promise<{ record: TargetRecord; version: number } | null> {
  const [row] = await db.select().from(targets).where(and(eq(targets.workspaceId, workspaceId), eq(targets.id, targetId))).limit(1);
  if (!row) return null;
  return { record: toTargetRecord(row, await activeCredential(db, workspaceId, targetId)), version: row.version };
}

/** One target of one workspace, or null: another workspace's target is simply not there. */
export async function findTarget(db: Database, workspaceId: string, targetId: string): Promise<TargetRecord | null> {
  return (await findTargetVersioned(db, workspaceId, targetId))?.record ?? null;
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

/** The insert for a new target (version 0). */
export function targetInsert(db: Database, workspaceId: string, record: TargetRecord, blockedCode: string | null) {
  return db.insert(targets).values({ ...toTargetRow(record), workspaceId, blockedCode, version: 0 });
}

/**
 * The update that writes a record back as version `fromVersion + 1`, scoped to its workspace and
 * only if nobody wrote since `fromVersion` was read (the audit row's unique version catches a race).
 */
export function targetUpdate(db: Database, workspaceId: string, record: TargetRecord, blockedCode: string | null, fromVersion: number) {
  const { id: _id, createdAt: _createdAt, ...values } = toTargetRow(record);
  return db
    .update(targets)
    .set({ ...values, blockedCode, version: fromVersion + 1 })
    .where(and(eq(targets.workspaceId, workspaceId), eq(targets.id, record.id), eq(targets.version, fromVersion)));
}
