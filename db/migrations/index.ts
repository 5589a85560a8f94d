/**
 * The ordered list of schema migrations. A file's `PRAGMA user_version` is the version of the last
 * migration applied to it. Append new migrations at the end; never edit or reorder shipped ones.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migration';
import { migration001Core } from './001-core';
import { migration002FindingsTriage } from './002-findings-triage';
import { migration003Assessments } from './003-assessments';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration001Core,
  migration002FindingsTriage,
  migration003Assessments,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** Read `PRAGMA user_version`. */
export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Apply the migrations after the file's current user_version up to `target` and set user_version.
 * Runs no transaction of its own: the caller wraps it (with anything else that belongs to the
 * upgrade) in one transaction, so a file is either fully at the old or fully at the new version.
 */
export function applyMigrations(db: Database.Database, target: number = LATEST_SCHEMA_VERSION): number {
  if (!db.inTransaction) throw new Error('applyMigrations must run inside a transaction');
  const from = schemaVersion(db);
  if (target > LATEST_SCHEMA_VERSION || target < from) {
    throw new Error(`cannot migrate from schema ${from} to ${target} (latest ${LATEST_SCHEMA_VERSION})`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version > from && migration.version <= target) migration.up(db);
  }
  // PRAGMA takes no bound parameters; target is an integer we checked above.
  db.pragma(`user_version = ${Math.trunc(target)}`);
  return from;
}
