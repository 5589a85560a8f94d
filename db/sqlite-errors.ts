/** Reading SQLite result codes off better-sqlite3 errors (SqliteError.code, e.g. SQLITE_NOTADB). */
export function sqliteCode(err: unknown): string | undefined {
  if (
    err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.startsWith('SQLITE_')
  ) {
    return err.code;
  }
  return undefined;
}

/** The primary result code: SQLITE_BUSY for SQLITE_BUSY_RECOVERY, SQLITE_CANTOPEN for SQLITE_CANTOPEN_ISDIR. */
export function sqlitePrimaryCode(err: unknown): string | undefined {
  return sqliteCode(err)?.split('_').slice(0, 2).join('_');
}
