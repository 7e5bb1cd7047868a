import { and, asc, eq, sql } from 'drizzle-orm';
import { auditEvents } from './schema';
import type { Database } from './database';
import { newId } from '../crypto/tokens';

/** One state change, as recorded: who, what, from, to, code, when; never a secret. */
export interface AuditEventInput {
  workspaceId: string;
  targetId: string | null;
  actor: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  code?: string | null;
  detail?: Record<string, string | number | boolean | null>;
  /** The target version this change created (target changes only). */
  targetVersion?: number;
  at: Date;
}

export interface AuditEvent {
  id: string;
  target_id: string | null;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  code: string | null;
  detail: Record<string, unknown> | null;
  created_at: string;
}

/** The insert for an audit row, to run alone or inside an atomic group with the change it records. */
export function auditInsert(db: Database, event: AuditEventInput) {
  return db.insert(auditEvents).values({
    id: newId('aud'),
    workspaceId: event.workspaceId,
    targetId: event.targetId,
    actor: event.actor,
    action: event.action,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    code: event.code ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
    targetVersion: event.targetVersion ?? null,
    createdAt: event.at.toISOString(),
  });
}

/** A target's audit trail, oldest first, scoped to the workspace. */
export async function listAuditForTarget(db: Database, workspaceId: string, targetId: string): Promise<AuditEvent[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.targetId, targetId)))
    .orderBy(asc(auditEvents.createdAt), asc(sql`rowid`));
  return rows.map((row) => ({
    id: row.id,
    target_id: row.targetId,
    actor: row.actor,
    action: row.action,
    from_state: row.fromState,
    to_state: row.toState,
    code: row.code,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
    created_at: row.createdAt,
  }));
}
