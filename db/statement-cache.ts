/**
 * Prepared statements, made once per connection and reused: preparing is the costly part of a
 * query, and bulk inserts run one statement hundreds of thousands of times.
 */
import type Database from 'better-sqlite3';

export class StatementCache {
  private readonly rows = new Map<string, Database.Statement>();
  private readonly plucked = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  /** A statement returning row objects (or none, for writes). */
  rowStmt<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    let stmt = this.rows.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.rows.set(sql, stmt);
    }
    return stmt as Database.Statement<unknown[], Row>;
  }

  /** A statement returning only the first column of each row. */
  pluckStmt<Value = unknown>(sql: string): Database.Statement<unknown[], Value> {
    let stmt = this.plucked.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).pluck();
      this.plucked.set(sql, stmt);
    }
    return stmt as Database.Statement<unknown[], Value>;
  }
}
