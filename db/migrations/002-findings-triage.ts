/**
 * Schema 2: findings per scan, and triage and suppressions per engagement.
 *
 * Triage is keyed by the finding key alone, not by scan: a finding key is stable across scans, so
 * a decision made on one scan still applies to the next. Findings are derived data (assess/ can
 * recompute them with newer rules), so unlike inventory rows they are not immutable.
 */
import type { Migration } from './migration';

export const migration002FindingsTriage: Migration = {
  version: 2,
  name: 'findings-triage',
  up(db) {
    db.exec(`
      CREATE TABLE findings (
        scan_id INTEGER NOT NULL REFERENCES scans (id),
        key TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        identity_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, key)
      ) STRICT;
      CREATE INDEX findings_rule ON findings (scan_id, rule_id);
      CREATE INDEX findings_identity ON findings (scan_id, identity_id);
      CREATE INDEX findings_severity ON findings (scan_id, severity);

      CREATE TABLE triage (
        finding_key TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('open', 'accepted-risk', 'false-positive', 'fixed')),
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE suppressions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scope TEXT NOT NULL CHECK (scope IN ('identity', 'rule', 'tag')),
        value TEXT NOT NULL,
        reason TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT
      ) STRICT;
      CREATE INDEX suppressions_scope ON suppressions (scope, value);
    `);
  },
};
