import { drizzle } from 'drizzle-orm/d1';
import type { BatchItem } from 'drizzle-orm/batch';
import * as schema from './schema';
import type { Database, Store } from './database';

/** The D1 binding's shape, as far as drizzle needs it (typed fully by @cloudflare/workers-types in the worker). */
export type D1Binding = Parameters<typeof drizzle>[0];

/** The store on Cloudflare D1: the same schema; several writes are atomic as one D1 batch. */
export function createD1Store(binding: D1Binding): Store {
  const db = drizzle(binding, { schema });
  return {
    db: db as unknown as Database,
    async atomic(writes) {
      if (writes.length === 0) return;
      await db.batch(writes as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    },
  };
}
