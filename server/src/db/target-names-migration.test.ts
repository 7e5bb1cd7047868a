import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from './open-sqlite-store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The migrations folder as it was before `tag` (journal cut there), to build a database of that time. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wro-migrations-'));
  dirs.push(dir);
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((entry) => entry.tag === tag),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** A database as it was just before 0009, with workspaces ws_a and ws_b, and a way to add draft targets to it. */
function databaseBeforeTargetNames() {
  const sqlite = new BetterSqlite3(':memory:');
  const db = drizzle(sqlite);
  migrate(db, { migrationsFolder: migrationsBefore('0009_target_names') });
  sqlite.prepare(`INSERT INTO workspaces (id, name, created_at) VALUES ('ws_a', 'a', '2026-01-01'), ('ws_b', 'b', '2026-01-01')`).run();
  const insert = sqlite.prepare(
    `INSERT INTO targets (id, workspace_id, name, provider_key, deployment_mode, state, created_at, updated_at) VALUES (?, ?, ?, 'jira_data_center', 'self-hosted', 'draft', ?, ?)`,
  );
  const addTarget = (id: string, workspace: string, name: string, at: string) => insert.run(id, workspace, name, at, at);
  return { sqlite, db, addTarget };
}

describe('migration 0009_target_names', () => {
  it('makes repeated names of a workspace unique in creation order, then refuses a new repeat', () => {
    const { sqlite, db, addTarget } = databaseBeforeTargetNames();
    for (const [id, workspace, name, at] of [
      ['tgt_3', 'ws_a', 'Jira Data Center', '2026-01-03'],
      ['tgt_1', 'ws_a', 'Jira Data Center', '2026-01-01'],
      ['tgt_2', 'ws_a', 'Jira Data Center', '2026-01-02'],
      ['tgt_4', 'ws_a', 'Jira Cloud', '2026-01-04'],
      ['tgt_5', 'ws_b', 'Jira Data Center', '2026-01-05'],
    ] as const) {
      addTarget(id, workspace, name, at);
    }

    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

    expect(sqlite.prepare('SELECT id, name FROM targets ORDER BY id').all()).toEqual([
      { id: 'tgt_1', name: 'Jira Data Center' },
      { id: 'tgt_2', name: 'Jira Data Center (2)' },
      { id: 'tgt_3', name: 'Jira Data Center (3)' },
      { id: 'tgt_4', name: 'Jira Cloud' },
      { id: 'tgt_5', name: 'Jira Data Center' },
    ]);
    expect(sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'target_name_fixes'`).all()).toEqual([]);
    expect(() => addTarget('tgt_6', 'ws_a', 'Jira Cloud', '2026-01-06')).toThrow(/UNIQUE constraint failed: targets\.workspace_id, targets\.name/);
    sqlite.close();
  });

  it('gives a renamed target its id as well when another target already had the new name, so the upgrade never fails', () => {
    const { sqlite, db, addTarget } = databaseBeforeTargetNames();
    for (const [id, name, at] of [
      ['tgt_1', 'X', '2026-01-01'],
      ['tgt_2', 'X', '2026-01-02'],
      ['tgt_3', 'X (2)', '2026-01-03'],
      ['tgt_4', 'X (2)', '2026-01-04'],
    ] as const) {
      addTarget(id, 'ws_a', name, at);
    }

    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

    expect(sqlite.prepare('SELECT id, name FROM targets ORDER BY id').all()).toEqual([
      { id: 'tgt_1', name: 'X' },
      { id: 'tgt_2', name: 'X (2) [tgt_2]' },
      { id: 'tgt_3', name: 'X (2)' },
      { id: 'tgt_4', name: 'X (2) (2)' },
    ]);
    sqlite.close();
  });
});
