/** Direct SQLite access for tests that play the part of someone working on the file outside the app. */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

export function rawOpen(path: string): Database.Database {
  return new Database(path, { fileMustExist: true });
}

export function withRaw<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = rawOpen(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function fileDigest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
