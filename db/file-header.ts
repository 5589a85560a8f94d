/**
 * Reading the 100-byte SQLite database header straight from the file, so a file that is not ours
 * can be refused without SQLite ever opening it (a read-only SQLite connection still creates -wal
 * and -shm files beside a WAL-mode database). Layout: https://www.sqlite.org/fileformat.html
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { EngagementFileError } from '../model/errors';

const MAGIC = 'SQLite format 3\u0000';
const HEADER_SIZE = 100;

export interface SqliteHeader {
  /** Offset 60: `PRAGMA user_version`, as of the last checkpoint. */
  userVersion: number;
  /** Offset 68: `PRAGMA application_id`. */
  applicationId: number;
}

/** The header of an SQLite file; a zero-byte file counts as an empty database (all zeros). */
export function readSqliteHeader(path: string): SqliteHeader {
  let size: number;
  let isFile: boolean;
  try {
    const stat = statSync(path);
    size = stat.size;
    isFile = stat.isFile();
  } catch (err) {
    throw new EngagementFileError(path, `cannot be read (${(err as Error).message})`);
  }
  if (!isFile) throw new EngagementFileError(path, 'is not a file');
  if (size === 0) return { userVersion: 0, applicationId: 0 };
  if (size < HEADER_SIZE) throw new EngagementFileError(path, 'is not an SQLite database');
  const header = Buffer.alloc(HEADER_SIZE);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, HEADER_SIZE, 0);
  } catch (err) {
    throw new EngagementFileError(path, `cannot be read (${(err as Error).message})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new EngagementFileError(path, 'is not an SQLite database');
  }
  return { userVersion: header.readUInt32BE(60), applicationId: header.readUInt32BE(68) };
}
