/**
 * Schema 1: engagement metadata, settings, stored scans with their inventory, and the audit log.
 *
 * Stored scans are immutable snapshots: triggers abort any UPDATE or DELETE on scans and their
 * rows, so a later scan (or a bug) can never alter an earlier one. (A BEFORE INSERT trigger that
 * also sealed finished scans against additions doubled bulk insert time; storeScan only ever
 * inserts rows for the scan it is creating.)
 *
 * Inventory tables keep the full zod-validated object in `data` (JSON text) and copy out only the
 * columns that queries filter or join on. Rows are keyed by (scan_id, id): the same stable id
 * appears once per scan, so scans can be compared.
 */
import type { Migration } from './migration';
import { immutableTriggers } from './migration';

const SCAN_REF = 'REFERENCES scans (id)';
const SCAN_ROWS = 'rows of a stored scan are immutable';

const INVENTORY_TABLES = [
  'sources',
  'coverage',
  'identities',
  'credentials',
  'grants',
  'trusts',
  'activities',
  'workloads',
] as const;

export const migration001Core: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE scans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        label TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('import', 'live', 'demo')),
        status TEXT NOT NULL CHECK (status IN ('complete', 'partial')),
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        counts TEXT NOT NULL CHECK (json_valid(counts))
      ) STRICT;

      CREATE TABLE sources (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, seq),
        UNIQUE (scan_id, id)
      ) STRICT;

      CREATE TABLE coverage (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        seq INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        area TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'failed', 'skipped')),
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, seq)
      ) STRICT;

      CREATE TABLE identities (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        id TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        account TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, id)
      ) STRICT;
      CREATE INDEX identities_provider_kind ON identities (scan_id, provider, kind);
      CREATE INDEX identities_name ON identities (scan_id, name);
      CREATE INDEX identities_account ON identities (scan_id, account);

      CREATE TABLE credentials (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        id TEXT NOT NULL,
        identity_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, id)
      ) STRICT;
      CREATE INDEX credentials_identity ON credentials (scan_id, identity_id);

      CREATE TABLE grants (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        id TEXT NOT NULL,
        identity_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, id)
      ) STRICT;
      CREATE INDEX grants_identity ON grants (scan_id, identity_id);

      CREATE TABLE trusts (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        id TEXT NOT NULL,
        identity_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, id)
      ) STRICT;
      CREATE INDEX trusts_identity ON trusts (scan_id, identity_id);

      CREATE TABLE activities (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        id TEXT NOT NULL,
        identity_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, id)
      ) STRICT;
      CREATE INDEX activities_identity ON activities (scan_id, identity_id);

      CREATE TABLE workloads (
        scan_id INTEGER NOT NULL ${SCAN_REF},
        id TEXT NOT NULL,
        identity_id TEXT,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        account TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (scan_id, id)
      ) STRICT;
      CREATE INDEX workloads_identity ON workloads (scan_id, identity_id);

      -- Append-only, hash-chained: hash = sha256(prev_hash || canonical JSON of the row).
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      ${immutableTriggers('scans', 'a stored scan is immutable')}
      ${INVENTORY_TABLES.map((t) => immutableTriggers(t, SCAN_ROWS)).join('\n')}
      ${immutableTriggers('audit_log', 'the audit log is append-only')}
    `);
  },
};
