import type Database from 'better-sqlite3';

/**
 * One step of the schema. `up` runs inside the upgrade transaction (with every other pending
 * migration and the user_version bump), so it must not open or commit transactions itself.
 */
export interface Migration {
  /** The user_version the file is at after this migration. Versions are 1, 2, 3, ... in order. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * SQL for triggers that make a table's rows immutable: no UPDATE, no DELETE. Used for the tables
 * of stored scans and for the audit log (the app itself must not be able to rewrite either).
 */
export function immutableTriggers(table: string, reason: string): string {
  return `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table}: ${reason}'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table}: ${reason}'); END;
  `;
}
