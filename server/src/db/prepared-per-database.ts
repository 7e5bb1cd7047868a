import type { Database } from './database';

/**
 * A query prepared once per database rather than built and prepared on every call: for the reads
 * on the hot paths (every API call, every export), where drizzle's SQL building and SQLite's
 * prepare cost more than the read itself.
 */
export function preparedPerDatabase<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const queries = new WeakMap<Database, Q>();
  return (db) => {
    let query = queries.get(db);
    if (query === undefined) {
      query = build(db);
      queries.set(db, query);
    }
    return query;
  };
}
