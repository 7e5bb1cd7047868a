import type { AuditEvent } from '../db/audit-repo';

/** One audit row as the audit page shows it (the repository's row; nothing secret is stored in it). */
export type AuditEventView = AuditEvent;
