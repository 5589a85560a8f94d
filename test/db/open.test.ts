import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, openEngagement } from '../../db';
import { EngagementFileError, UsageError } from '../../model/errors';
import { useTempDir } from './helpers/temp-dir';
import { fileDigest, withRaw } from './helpers/raw-file';

const tempDir = useTempDir();

function expectRefused(
  path: string,
  opts: Parameters<typeof openEngagement>[1],
  message: string | RegExp,
): void {
  const before = fileDigest(path);
  const filesBefore = readdirSync(join(path, '..')).sort();
  let caught: unknown;
  try {
    openEngagement(path, opts).close();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(EngagementFileError);
  expect((caught as Error).message).toMatch(message);
  expect((caught as Error).message.startsWith(path)).toBe(true);
  // Refused means untouched: same bytes, and no journal, WAL or temp file left beside it.
  expect(fileDigest(path)).toBe(before);
  expect(readdirSync(join(path, '..')).sort()).toEqual(filesBefore);
}

describe('openEngagement', () => {
  it('creates a file with the Agent Anchor application_id, WAL and the latest schema', () => {
    const path = join(tempDir(), 'acme.anchor');
    const db = openEngagement(path, { create: true, clientName: 'Acme Corp', actor: 'alice' });
    const meta = db.meta();
    expect(meta.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(meta.clientName).toBe('Acme Corp');
    expect(meta.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(meta.appVersion).toBe('0.1.0');
    const audit = db.listAudit();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['engagement.create', 'alice']]);
    expect(audit[0]?.detail).toEqual({
      clientName: 'Acme Corp',
      appVersion: '0.1.0',
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    db.close();

    withRaw(path, (raw) => {
      expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    });
    // Built under a temporary name and linked into place: nothing else is left in the folder.
    expect(readdirSync(join(path, '..'))).toEqual(['acme.anchor']);
  });

  it('configures every connection: foreign keys, synchronous NORMAL, busy timeout', () => {
    const path = join(tempDir(), 'acme.anchor');
    openEngagement(path, { create: true }).close();
    const db = openEngagement(path);
    // The connection is private to the class; read its pragmas through it.
    const pragmas = (db as unknown as { db: Database.Database }).db;
    expect(pragmas.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(pragmas.pragma('synchronous', { simple: true })).toBe(1);
    expect(pragmas.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('opens an existing file with create: true without creating it again', () => {
    const path = join(tempDir(), 'acme.anchor');
    openEngagement(path, { create: true, clientName: 'Acme' }).close();
    const db = openEngagement(path, { create: true, clientName: 'Other' });
    expect(db.meta().clientName).toBe('Acme');
    expect(db.listAudit().map((a) => a.action)).toEqual(['engagement.create']);
    db.close();
  });

  it('opens while another connection holds the write lock, and reads committed data', () => {
    const path = join(tempDir(), 'acme.anchor');
    openEngagement(path, { create: true, clientName: 'Acme' }).close();
    withRaw(path, (writer) => {
      // Another process in the middle of a long storeScan.
      writer.exec('BEGIN IMMEDIATE');
      writer.exec("INSERT INTO settings (key, value) VALUES ('uncommitted', '1')");
      const db = openEngagement(path);
      expect(db.meta().clientName).toBe('Acme');
      expect(db.getSetting('uncommitted')).toBeUndefined();
      expect(db.verifyAudit()).toMatchObject({ ok: true, rows: 1 });
      db.close();
      writer.exec('ROLLBACK');
    });
  });

  it('refuses a missing file unless asked to create it, and creates nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'missing.anchor');
    expect(() => openEngagement(path)).toThrow(EngagementFileError);
    expect(() => openEngagement(path)).toThrow(`${path}: no such engagement file`);
    expect(() => openEngagement(path, { readonly: true })).toThrow('no such engagement file');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses create together with readonly', () => {
    const path = join(tempDir(), 'x.anchor');
    expect(() => openEngagement(path, { create: true, readonly: true })).toThrow(UsageError);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a foreign SQLite database and leaves it byte-identical', () => {
    const path = join(tempDir(), 'browser-history.sqlite');
    const foreign = new Database(path);
    foreign.pragma('application_id = 1234567');
    foreign.exec(
      "CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO urls (url) VALUES ('https://example.com')",
    );
    foreign.close();
    expectRefused(path, {}, 'is not an Agent Anchor engagement file (application_id 0x0012d687)');
    expectRefused(path, { create: true }, /application_id 0x0012d687/);
    expectRefused(path, { readonly: true }, /not an Agent Anchor engagement file/);
  });

  it('refuses a plain SQLite database without application_id', () => {
    const path = join(tempDir(), 'plain.db');
    const plain = new Database(path);
    plain.exec('CREATE TABLE notes (body TEXT)');
    plain.close();
    expectRefused(
      path,
      { create: true },
      'is not an Agent Anchor engagement file (application_id 0x00000000)',
    );
  });

  it('refuses a foreign SQLite database in WAL mode without touching it', () => {
    const path = join(tempDir(), 'wal.db');
    const foreign = new Database(path);
    foreign.pragma('journal_mode = WAL');
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    expectRefused(path, {}, /application_id 0x00000000/);
  });

  it('refuses files that are not SQLite databases: random bytes, text, empty', () => {
    const dir = tempDir();
    const random = join(dir, 'random.anchor');
    writeFileSync(random, randomBytes(8192));
    expectRefused(random, {}, `${random}: is not an SQLite database`);
    expectRefused(random, { create: true }, 'is not an SQLite database');

    const text = join(dir, 'notes.anchor');
    writeFileSync(text, 'Client: Acme\nScope: AWS prod account, Entra tenant\n'.repeat(50));
    expectRefused(text, {}, 'is not an SQLite database');

    const short = join(dir, 'short.anchor');
    writeFileSync(short, 'hello');
    expectRefused(short, { readonly: true }, 'is not an SQLite database');

    // A zero-byte file is a valid, empty SQLite database to SQLite, but not one of ours.
    const empty = join(dir, 'empty.anchor');
    writeFileSync(empty, '');
    expectRefused(empty, { create: true }, /application_id 0x00000000/);
  });

  it('refuses a file written by a newer schema and never downgrades it', () => {
    const path = join(tempDir(), 'future.anchor');
    openEngagement(path, { create: true }).close();
    withRaw(path, (raw) => {
      raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      // Fold the WAL into the main file so the digest below covers everything.
      raw.pragma('journal_mode = DELETE');
    });
    const message = `written by a newer version of Agent Anchor (schema ${LATEST_SCHEMA_VERSION + 1}, this app supports ${LATEST_SCHEMA_VERSION}); update the app`;
    expectRefused(path, {}, message);
    expectRefused(path, { create: true }, message);
    expectRefused(path, { readonly: true }, message);
  });

  it('opens read-only: reads work, writes are refused, the file is not changed', () => {
    const path = join(tempDir(), 'acme.anchor');
    const rw = openEngagement(path, { create: true, clientName: 'Acme' });
    rw.setSetting('report.title', 'Acme NHI assessment', 'alice');
    rw.close();
    withRaw(path, (raw) => raw.pragma('wal_checkpoint(TRUNCATE)'));
    const before = fileDigest(path);

    const ro = openEngagement(path, { readonly: true });
    expect(ro.readonly).toBe(true);
    expect(ro.getSetting('report.title')).toBe('Acme NHI assessment');
    expect(ro.verifyAudit()).toMatchObject({ ok: true, rows: 2 });
    expect(() => ro.setSetting('x', 1, 'alice')).toThrow(UsageError);
    expect(() => ro.appendAudit('note', {}, 'alice')).toThrow(/read-only/);
    ro.close();
    expect(fileDigest(path)).toBe(before);
  });

  it('refuses to open an older schema read-only (it cannot be upgraded without writing)', () => {
    const path = join(tempDir(), 'old.anchor');
    const raw = new Database(path);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.close();
    expectRefused(
      path,
      { readonly: true },
      new RegExp(
        `uses schema 0, older than this app's ${LATEST_SCHEMA_VERSION}; open it once without read-only`,
      ),
    );
  });

  it('refuses a directory', () => {
    const dir = tempDir();
    expect(() => openEngagement(dir)).toThrow(EngagementFileError);
  });

  it('refuses to create a file in a folder that does not exist', () => {
    const path = join(tempDir(), 'no', 'such', 'folder', 'x.anchor');
    expect(() => openEngagement(path, { create: true })).toThrow(/cannot be created/);
  });

  it('passes nativeBinding through to better-sqlite3', () => {
    const path = join(tempDir(), 'x.anchor');
    const missing = join(tempDir(), 'no-such-addon.node');
    expect(() => openEngagement(path, { create: true, nativeBinding: missing })).toThrow(
      /no-such-addon\.node|Cannot find/,
    );
    const binding = join(process.cwd(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const db = openEngagement(path, { create: true, nativeBinding: binding });
    expect(db.meta().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('close is idempotent', () => {
    const db = openEngagement(join(tempDir(), 'x.anchor'), { create: true });
    db.close();
    db.close();
    expect(db.isOpen).toBe(false);
  });
});
