import { and, eq, lt } from 'drizzle-orm';
import { webhookDeliveries } from './schema';
import type { Database } from './database';

/** Whether a delivery id was already applied for this target. */
export async function webhookDeliverySeen(db: Database, targetId: string, identifier: string): Promise<boolean> {
  const [row] = await db
    .select({ identifier: webhookDeliveries.identifier })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.targetId, targetId), eq(webhookDeliveries.identifier, identifier)))
    .limit(1);
  return row !== undefined;
}

/** The insert that marks a delivery applied: in the same atomic group as what it changes, so a twin racing it fails whole. */
export function webhookDeliveryInsert(db: Database, targetId: string, identifier: string, at: Date) {
  return db.insert(webhookDeliveries).values({ targetId, identifier, receivedAt: at.toISOString() });
}

/** Forgets delivery ids older than `before` (Jira retries within hours; ids are kept 7 days). */
export async function webhookDeliveriesPrune(db: Database, before: Date): Promise<void> {
  await db.delete(webhookDeliveries).where(lt(webhookDeliveries.receivedAt, before.toISOString()));
}

/** The delivery ids of one target (deleting a draft; the caller has checked the target is in its workspace). */
export function webhookDeliveriesDelete(db: Database, targetId: string) {
  return db.delete(webhookDeliveries).where(eq(webhookDeliveries.targetId, targetId));
}
