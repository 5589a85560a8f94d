import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  GENESIS_HASH,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  applyMigrations,
  auditRowHash,
  canonicalJson,
  openEngagement,
  type AuditRowContent,
} from '../../db';
import { EngagementFileError } from '../../model/errors';
import { smallInventory } from './helpers/inventory';
import { useTempDir } from './helpers/temp-dir';
import { withRaw } from './helpers/raw-file';

const tempDir = useTempDir();

/** A file as an older Agent Anchor left it: application_id set, migrations applied up to `version`. */
function createAtVersion(path: string, version: number): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    applyMigrations(db, version);
  })();
  return db;
}

/**
 * What a schema-1 app wrote for one imported scan: meta, the scan, its rows, two audit rows.
 * Raw SQL on purpose: this is the older app's output, not today's storeScan.
 */
function seedSchema1Data(db: Database.Database): void {
  const inv = smallInventory();
  db.transaction(() => {
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('created_at', '2025-01-10T09:00:00.000Z');
    meta.run('app_version', '0.0.9');
    meta.run('client_name', 'Fabrikam');
    db.prepare("INSERT INTO settings (key, value) VALUES ('report.title', '\"Fabrikam review\"')").run();
    const scanId = db
      .prepare(
        "INSERT INTO scans (label, method, status, started_at, finished_at, counts) VALUES ('January import', 'import', 'complete', '2025-01-10T09:05:00.000Z', '2025-01-10T09:06:00.000Z', ?)",
      )
      .run(
        JSON.stringify({ identities: 3, credentials: 1, grants: 3, trusts: 1, activities: 2, workloads: 1 }),
      ).lastInsertRowid;
    inv.sources.forEach((s, seq) =>
      db
        .prepare('INSERT INTO sources (scan_id, seq, id, provider, account, data) VALUES (?, ?, ?, ?, ?, ?)')
        .run(scanId, seq, s.id, s.provider, s.account, JSON.stringify(s)),
    );
    inv.coverage.forEach((c, seq) =>
      db
        .prepare(
          'INSERT INTO coverage (scan_id, seq, source_id, area, status, data) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(scanId, seq, c.sourceId, c.area, c.status, JSON.stringify(c)),
    );
    for (const i of inv.identities) {
      db.prepare(
        'INSERT INTO identities (scan_id, id, provider, kind, name, account, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(scanId, i.id, i.provider, i.kind, i.name, i.account, JSON.stringify(i));
    }
    for (const table of ['credentials', 'grants', 'trusts'] as const) {
      for (const r of inv[table]) {
        db.prepare(
          `INSERT INTO ${table} (scan_id, id, identity_id, provider, kind, data) VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(scanId, r.id, r.identityId, r.provider, r.kind, JSON.stringify(r));
      }
    }
    for (const a of inv.activities) {
      db.prepare(
        'INSERT INTO activities (scan_id, id, identity_id, provider, data) VALUES (?, ?, ?, ?, ?)',
      ).run(scanId, a.id, a.identityId, a.provider, JSON.stringify(a));
    }
    for (const w of inv.workloads) {
      db.prepare(
        'INSERT INTO workloads (scan_id, id, identity_id, provider, kind, name, account, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(scanId, w.id, w.identityId ?? null, w.provider, w.kind, w.name, w.account, JSON.stringify(w));
    }
    let prev = GENESIS_HASH;
    const rows: AuditRowContent[] = [
      {
        id: 1,
        ts: '2025-01-10T09:00:00.000Z',
        actor: 'bob',
        action: 'engagement.create',
        detail: { clientName: 'Fabrikam' },
      },
      {
        id: 2,
        ts: '2025-01-10T09:06:00.000Z',
        actor: 'bob',
        action: 'import',
        detail: { scanId: Number(scanId) },
      },
    ];
    for (const row of rows) {
      const hash = auditRowHash(prev, row);
      db.prepare(
        'INSERT INTO audit_log (id, ts, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(row.id, row.ts, row.actor, row.action, canonicalJson(row.detail), prev, hash);
      prev = hash;
    }
  })();
}

function schemaObjects(path: string): { tables: string[]; triggers: string[]; indexes: string[] } {
  return withRaw(path, (raw) => {
    const names = (type: string): string[] =>
      raw
        .prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all(type) as string[];
    return { tables: names('table'), triggers: names('trigger'), indexes: names('index') };
  });
}

describe('migrations', () => {
  it('are numbered 1..N in order, and N is the latest schema version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('refuse to run outside a transaction', () => {
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, 1)).toThrow(/inside a transaction/);
    db.close();
  });

  it('leave the expected tables, indexes and immutability triggers after all migrations', () => {
    const path = join(tempDir(), 'fresh.anchor');
    openEngagement(path, { create: true }).close();
    const { tables, triggers, indexes } = schemaObjects(path);
    expect(tables).toEqual([
      'activities',
      'assessments',
      'audit_log',
      'coverage',
      'credentials',
      'findings',
      'grants',
      'identities',
      'identity_scores',
      'meta',
      'scans',
      'settings',
      'sources',
      'suppressions',
      'triage',
      'trusts',
      'workloads',
    ]);
    const immutable = [
      'activities',
      'audit_log',
      'coverage',
      'credentials',
      'grants',
      'identities',
      'scans',
      'sources',
      'trusts',
      'workloads',
    ];
    expect(triggers).toEqual(immutable.flatMap((t) => [`${t}_no_delete`, `${t}_no_update`]));
    expect(indexes).toEqual(
      expect.arrayContaining([
        'identities_provider_kind',
        'identities_name',
        'identities_account',
        'grants_identity',
        'credentials_identity',
        'trusts_identity',
        'activities_identity',
        'workloads_identity',
        'findings_rule',
        'findings_identity',
        'findings_severity',
      ]),
    );
    // Triage is per engagement (finding key), not per scan, so decisions carry over between scans.
    const triageColumns = withRaw(path, (raw) =>
      (raw.prepare('PRAGMA table_info(triage)').all() as { name: string }[]).map((c) => c.name),
    );
    expect(triageColumns).toEqual(['finding_key', 'status', 'note', 'author', 'updated_at']);
  });

  for (let version = 0; version < LATEST_SCHEMA_VERSION; version += 1) {
    it(`upgrade a file at schema ${version} to ${LATEST_SCHEMA_VERSION}, keeping its data`, () => {
      const path = join(tempDir(), `v${version}.anchor`);
      const raw = createAtVersion(path, version);
      if (version >= 1) seedSchema1Data(raw);
      raw.close();

      const db = openEngagement(path, { actor: 'carol', clientName: 'ignored on upgrade' });
      expect(db.meta().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      const audit = db.listAudit();
      expect(db.verifyAudit()).toMatchObject({ ok: true });
      if (version === 0) {
        // Application id but no schema yet: initialised as a new engagement.
        expect(audit.map((a) => a.action)).toEqual(['engagement.create']);
        expect(db.listScans()).toEqual([]);
      } else {
        expect(audit.map((a) => a.action)).toEqual(['engagement.create', 'import', 'engagement.upgrade']);
        expect(audit[2]).toMatchObject({
          actor: 'carol',
          detail: { fromSchema: version, toSchema: LATEST_SCHEMA_VERSION, createdBy: '0.0.9' },
        });
        expect(db.meta()).toMatchObject({ clientName: 'Fabrikam', createdAt: '2025-01-10T09:00:00.000Z' });
        expect(db.getSetting('report.title')).toBe('Fabrikam review');
        const [scan] = db.listScans();
        expect(scan).toMatchObject({ id: 1, label: 'January import', method: 'import', status: 'complete' });
        const inv = smallInventory();
        const back = db.readInventory(1);
        const byId = <T extends { id: string }>(rows: T[]): T[] =>
          [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(back.identities).toEqual(byId(inv.identities));
        expect(back.grants).toEqual(byId(inv.grants));
        expect(back.sources).toEqual(inv.sources);
        // The upgraded file takes new scans next to the old one.
        const second = db.storeScan({
          label: 'February live scan',
          method: 'live',
          startedAt: '2025-02-10T09:00:00.000Z',
          finishedAt: '2025-02-10T09:30:00.000Z',
          inventory: inv,
          actor: 'carol',
        });
        expect(second).toBe(2);
        expect(db.verifyAudit()).toMatchObject({ ok: true, rows: 4 });
      }
      db.close();
      withRaw(path, (check) =>
        expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION),
      );
    });
  }

  it('roll back every step of an upgrade that fails part way, leaving the file at its old schema', () => {
    const path = join(tempDir(), 'conflict.anchor');
    const raw = createAtVersion(path, 1);
    seedSchema1Data(raw);
    // Someone added their own `triage` table with the sqlite3 CLI: migration 2 creates `findings`
    // first, then fails on `triage`.
    raw.exec('CREATE TABLE triage (x)');
    raw.close();

    expect(() => openEngagement(path)).toThrow(EngagementFileError);
    expect(() => openEngagement(path)).toThrow(
      new RegExp(
        `cannot be upgraded from schema 1 to ${LATEST_SCHEMA_VERSION} \\(table triage already exists\\); the file was left unchanged`,
      ),
    );
    const { tables } = schemaObjects(path);
    expect(tables).not.toContain('findings');
    expect(tables).not.toContain('suppressions');
    withRaw(path, (check) => {
      expect(check.pragma('user_version', { simple: true })).toBe(1);
      expect(check.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(2);
    });
  });
});
