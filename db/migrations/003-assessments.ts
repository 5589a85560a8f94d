/**
 * Schema 3: the stored assessment of a scan besides its findings: when and with which settings it
 * ran, its KPIs (JSON) and the per-identity scores, plus an index to find a finding by key alone
 * (triage takes keys without a scan).
 *
 * Like findings, assessments are derived data: re-running the assessment replaces them.
 */
import type { Migration } from './migration';

export const migration003Assessments: Migration = {
  version: 3,
  name: 'assessments',
  up(db) {
    db.exec(`
      CREATE TABLE assessments (
        scan_id INTEGER PRIMARY KEY REFERENCES scans (id),
        assessed_at TEXT NOT NULL,
        computed_at TEXT NOT NULL,
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        summary TEXT NOT NULL CHECK (json_valid(summary)),
        kpis TEXT NOT NULL CHECK (json_valid(kpis)),
        -- Title, remediation and framework mappings of each rule with findings in the scan, stored once
        -- instead of in every finding (they are most of a finding's size).
        rules TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(rules))
      ) STRICT;

      CREATE TABLE identity_scores (
        scan_id INTEGER NOT NULL REFERENCES scans (id),
        identity_id TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        uncapped REAL NOT NULL,
        agent TEXT NOT NULL CHECK (agent IN ('yes', 'likely', 'no')),
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, identity_id)
      ) STRICT;
      CREATE INDEX identity_scores_rank ON identity_scores (scan_id, uncapped DESC);

      CREATE INDEX findings_key ON findings (key);
    `);
  },
};
