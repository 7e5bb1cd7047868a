import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

/** The drizzle database the app sees: better-sqlite3 on Node, D1 on Workers; code always awaits. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>;

/** A prepared write that joins an atomic group. */
export type AtomicWrite = BatchItem<'sqlite'>;

/**
 * The database plus the one way to make several writes atomic: a transaction on better-sqlite3,
 * a batch on D1 (which has no interactive transactions).
 */
export interface Store {
  db: Database;
  atomic(writes: readonly AtomicWrite[]): Promise<void>;
  /**
   * A value that differs whenever the database may have changed since it was last asked: another
   * connection committed, or this one wrote. Absent where that cannot be known cheaply (D1): then
   * nothing read from the database may be cached across requests.
   */
  changeStamp?(dataVersion?: number): number;
  /**
   * The part of the stamp that costs a lock: SQLite's `data_version` (changes when another
   * connection commits). A request may read it once and pass it to every cached read it makes, so
   * all of them see the database as of one moment after the request arrived.
   */
  dataVersion?(): number;
}

/** Asks the database the cheapest question there is; throws when it does not answer (`/readyz`). */
export async function pingDatabase(db: Database): Promise<void> {
  await db.run(sql`select 1`);
}
