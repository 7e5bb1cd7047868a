import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import type { AtomicWrite, Database, Store } from './database';

/** Where drizzle-kit writes the migrations, shared by Node and Workers. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Opens (or creates) the embedded SQLite file in WAL mode with migrations applied, so the server and
 * the CLI can use the same file at once. `:memory:` gives a private database for tests;
 * `traceSql` sees every statement SQLite executes (for diagnosis and for tests that count reads).
 */
export function openSqliteStore(filename: string, options: { traceSql?: (sql: string) => void } = {}): Store & { close(): void } {
  const sqlite = new BetterSqlite3(filename, options.traceSql ? { verbose: (message) => options.traceSql!(String(message)) } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // data_version changes when another connection commits (not for this one's own commits);
  // total_changes() counts every row this connection has written. Both only ever grow, so their
  // sum grows whenever either does: one number that answers "anything changed?".
  // Two prepared statements: the pragma alone costs half of reading it through pragma_data_version.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const ownChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const runAll = sqlite.transaction((writes: readonly AtomicWrite[]) => {
    for (const write of writes) (write as unknown as { run(): unknown }).run();
  });
  return {
    db: db as unknown as Database,
    async atomic(writes) {
      runAll.immediate(writes);
    },
    changeStamp(seen?: number) {
      return (seen ?? (dataVersion.get() as number)) + (ownChanges.get() as number);
    },
    dataVersion: () => dataVersion.get() as number,
    close() {
      sqlite.close();
    },
  };
}
