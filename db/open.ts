/**
 * Opening an engagement file, in the manner of Signal Desktop's SQLite layer: one file per
 * engagement, checked before use, WAL, schema versioned by `PRAGMA user_version` with all pending
 * migrations applied in one transaction.
 *
 * A file is first inspected without writing: its SQLite header is read directly, then (only for
 * our own files) through a read-only connection. Only a file that carries Agent Anchor's
 * application_id and a schema this app knows is then opened for writing, so a foreign, damaged or
 * newer file is refused without a single byte of it changing. New files are built under a
 * temporary name and linked into place complete, so a crash never leaves a half-made one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EngagementFileError, UsageError } from '../model/errors';
import { APP_VERSION } from './app-version';
import { APPLICATION_ID, BUSY_TIMEOUT_MS, formatApplicationId } from './constants';
import { EngagementDb } from './engagement-db';
import { applyMigrations, LATEST_SCHEMA_VERSION, schemaVersion } from './migrations';
import { appendAuditRow } from './queries/audit';
import { readMeta, writeMeta } from './queries/settings';
import { readSqliteHeader } from './file-header';
import { sqlitePrimaryCode } from './sqlite-errors';
import { StatementCache } from './statement-cache';
import type { OpenEngagementOptions } from './types';

const DEFAULT_ACTOR = 'agent-anchor';

export function openEngagement(path: string, opts: OpenEngagementOptions = {}): EngagementDb {
  if (opts.create && opts.readonly) throw new UsageError('an engagement file cannot be created read-only');
  if (!existsSync(path)) {
    if (!opts.create) throw new EngagementFileError(path, 'no such engagement file');
    createEngagementFile(path, opts);
  }
  const version = inspectFile(path, opts);
  if (opts.readonly && version < LATEST_SCHEMA_VERSION) {
    throw new EngagementFileError(
      path,
      `uses schema ${version}, older than this app's ${LATEST_SCHEMA_VERSION}; open it once without read-only to upgrade it`,
    );
  }
  const db = connect(path, opts, Boolean(opts.readonly));
  try {
    configure(db, Boolean(opts.readonly));
    if (!opts.readonly) upgrade(db, path, opts);
    return new EngagementDb(db, path);
  } catch (err) {
    db.close();
    throw toFileError(path, err);
  }
}

function connect(path: string, opts: OpenEngagementOptions, readonly: boolean): Database.Database {
  const options: Database.Options = { readonly, fileMustExist: true, timeout: BUSY_TIMEOUT_MS };
  if (opts.nativeBinding !== undefined) options.nativeBinding = opts.nativeBinding;
  try {
    return new Database(path, options);
  } catch (err) {
    throw toFileError(path, err);
  }
}

/**
 * Is it ours, and which schema? The header is read directly first: a foreign or non-SQLite file
 * is refused before SQLite touches it. Only then a read-only connection reads user_version (the
 * header copy may lag behind a WAL not yet checkpointed). Writes nothing.
 */
function inspectFile(path: string, opts: OpenEngagementOptions): number {
  const header = readSqliteHeader(path);
  if (header.applicationId !== APPLICATION_ID) {
    throw new EngagementFileError(
      path,
      `is not an Agent Anchor engagement file (application_id ${formatApplicationId(header.applicationId)})`,
    );
  }
  assertKnownVersion(path, header.userVersion);
  const db = connect(path, opts, true);
  try {
    const appId = Number(db.pragma('application_id', { simple: true }));
    if (appId !== APPLICATION_ID) {
      throw new EngagementFileError(
        path,
        `is not an Agent Anchor engagement file (application_id ${formatApplicationId(appId)})`,
      );
    }
    const version = schemaVersion(db);
    assertKnownVersion(path, version);
    // Reads the schema: a damaged file fails here rather than halfway through the first query.
    db.pragma('schema_version');
    return version;
  } catch (err) {
    throw toFileError(path, err);
  } finally {
    db.close();
  }
}

function assertKnownVersion(path: string, version: number): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new EngagementFileError(
      path,
      `was written by a newer version of Agent Anchor (schema ${version}, this app supports ${LATEST_SCHEMA_VERSION}); update the app`,
    );
  }
}

function configure(db: Database.Database, readonly: boolean): void {
  if (!readonly) {
    // WAL: readers never block the writer, and a killed writer leaves the file as of its last commit.
    const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
    if (mode.toLowerCase() !== 'wal') throw new Error(`cannot switch to WAL journal mode (got ${mode})`);
    // Keep the WAL from staying at the size of the largest scan ever stored.
    db.pragma('journal_size_limit = 67108864');
  }
  db.pragma('foreign_keys = ON');
  // NORMAL is durable against application crashes in WAL mode; only power loss can lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB page cache: large scans are written without spilling to the WAL mid-transaction.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

/**
 * Bring the schema up to date: pending migrations, the user_version bump and the audit row in ONE
 * immediate transaction. A file at version 0 (application_id set, nothing else) is initialised.
 */
function upgrade(db: Database.Database, path: string, opts: OpenEngagementOptions): void {
  // Up to date: take no write lock, so opening never waits on another process storing a scan.
  if (schemaVersion(db) === LATEST_SCHEMA_VERSION) return;
  const run = db.transaction(() => {
    // Read again under the write lock: another process may have upgraded the file meanwhile.
    const from = schemaVersion(db);
    assertKnownVersion(path, from);
    if (from === LATEST_SCHEMA_VERSION) return;
    try {
      applyMigrations(db, LATEST_SCHEMA_VERSION);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new EngagementFileError(
        path,
        `cannot be upgraded from schema ${from} to ${LATEST_SCHEMA_VERSION} (${reason}); the file was left unchanged`,
      );
    }
    const q = new StatementCache(db);
    const actor = opts.actor ?? DEFAULT_ACTOR;
    const appVersion = opts.appVersion ?? APP_VERSION;
    if (from === 0) {
      writeMeta(q, 'created_at', new Date().toISOString());
      writeMeta(q, 'app_version', appVersion);
      if (opts.clientName !== undefined) writeMeta(q, 'client_name', opts.clientName);
      appendAuditRow(
        q,
        'engagement.create',
        { clientName: opts.clientName ?? null, appVersion, schemaVersion: LATEST_SCHEMA_VERSION },
        actor,
      );
    } else {
      appendAuditRow(
        q,
        'engagement.upgrade',
        {
          fromSchema: from,
          toSchema: LATEST_SCHEMA_VERSION,
          appVersion,
          createdBy: readMeta(q, 'app_version') ?? null,
        },
        actor,
      );
    }
  });
  run.immediate();
}

/**
 * Create a complete engagement file at `path` without ever leaving a half-made one there: build it
 * under a temporary name, then link it into place (which fails rather than overwrite a file
 * another process created meanwhile; that file is then opened as it is).
 */
function createEngagementFile(path: string, opts: OpenEngagementOptions): void {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.creating`;
  try {
    const options: Database.Options = { timeout: BUSY_TIMEOUT_MS };
    if (opts.nativeBinding !== undefined) options.nativeBinding = opts.nativeBinding;
    let db: Database.Database;
    try {
      db = new Database(temp, options);
    } catch (err) {
      throw new EngagementFileError(
        path,
        `cannot be created: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    try {
      db.pragma('foreign_keys = ON');
      db.transaction(() => {
        db.pragma(`application_id = ${APPLICATION_ID}`);
      }).immediate();
      upgrade(db, path, opts);
    } finally {
      db.close();
    }
    placeWithoutOverwrite(temp, path);
  } finally {
    for (const leftover of [temp, `${temp}-journal`]) rmSync(leftover, { force: true });
  }
}

function placeWithoutOverwrite(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    // Some file systems (FAT/exFAT on USB drives) have no hard links: fall back to rename.
    if (
      (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') &&
      !existsSync(path)
    ) {
      renameSync(temp, path);
      return;
    }
    throw new EngagementFileError(path, `cannot be created: ${(err as Error).message}`);
  }
}

/** Turn SQLite's terse errors about the file itself into one-line reasons a consultant can act on. */
function toFileError(path: string, err: unknown): Error {
  if (err instanceof EngagementFileError || err instanceof UsageError) return err;
  const message = err instanceof Error ? err.message : String(err);
  switch (sqlitePrimaryCode(err)) {
    case 'SQLITE_NOTADB':
      return new EngagementFileError(path, 'is not an SQLite database');
    case 'SQLITE_CORRUPT':
      return new EngagementFileError(path, `is damaged (${message})`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new EngagementFileError(path, 'is locked by another program; close it there and try again');
    case 'SQLITE_IOERR':
      return new EngagementFileError(path, `cannot be read (${message})`);
    case 'SQLITE_CANTOPEN':
      return new EngagementFileError(path, `cannot be opened (${message})`);
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return new EngagementFileError(path, 'cannot be written; open it read-only');
    default:
      return err instanceof Error ? err : new Error(message);
  }
}
