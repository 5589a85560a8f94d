/**
 * The CLI end to end, as a consultant uses it: demo, inventory, import of the demo's own raw files,
 * verify, and the error paths (one-line reason, non-zero exit, nothing written).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory, Scan } from '../../model/inventory';
import { runCli, runCliJson } from './run-cli';

type InventoryJson = Inventory & { scan: Scan };

const NOW = '2026-11-01T00:00:00.000Z';
let dir: string;
let demoFile: string;
let rawDir: string;
let demo: InventoryJson;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-cli-'));
  demoFile = join(dir, 'demo.anchor');
  rawDir = join(dir, 'raw');
  const r = runCli([
    'demo',
    '--out',
    demoFile,
    '--size',
    '400',
    '--seed',
    '7',
    '--now',
    NOW,
    '--raw-dir',
    rawDir,
  ]);
  expect(r.stderr).not.toMatch(/agent-anchor:/);
  expect(r.code).toBe(0);
  demo = runCliJson<InventoryJson>(['inventory', demoFile]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The inventory without what legitimately differs between two scans (timestamps, scan ids). */
function comparable(inv: InventoryJson) {
  const { scan: _scan, ...rest } = inv;
  return rest;
}

describe('agent-anchor demo + inventory', () => {
  it('lists identities, credentials and grants of both providers', () => {
    const providers = new Set(demo.identities.map((i) => i.provider));
    expect(providers).toEqual(new Set(['aws', 'entra']));
    for (const provider of ['aws', 'entra'] as const) {
      expect(demo.credentials.some((c) => c.provider === provider)).toBe(true);
      expect(demo.grants.some((g) => g.provider === provider)).toBe(true);
    }
    const kinds = new Set(demo.identities.map((i) => i.kind));
    for (const kind of [
      'aws-role',
      'aws-user',
      'entra-service-principal',
      'entra-application',
      'entra-managed-identity',
      'entra-agent-identity',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(demo.scan.method).toBe('demo');
    // Roughly the size asked for.
    expect(demo.identities.length).toBeGreaterThan(300);
    expect(demo.identities.length).toBeLessThan(600);
  });

  it('filters by provider and kind', () => {
    const roles = runCliJson<InventoryJson>([
      'inventory',
      demoFile,
      '--provider',
      'aws',
      '--kind',
      'aws-role',
    ]);
    expect(roles.identities.length).toBeGreaterThan(0);
    expect(roles.identities.every((i) => i.kind === 'aws-role')).toBe(true);
    const roleIds = new Set(roles.identities.map((i) => i.id));
    expect(roles.grants.every((g) => roleIds.has(g.identityId))).toBe(true);
    expect(roles.identities.length).toBe(demo.identities.filter((i) => i.kind === 'aws-role').length);
  });

  it('prints a readable table without --json', () => {
    const r = runCli(['inventory', demoFile, '--provider', 'entra']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Scan 1 /);
    expect(r.stdout).toMatch(/PROVIDER\s+KIND\s+NAME/);
    expect(r.stdout).not.toMatch(/\baws-role\b/);
  });

  it('importing the files the demo generator wrote gives the same inventory', () => {
    const imported = join(dir, 'imported.anchor');
    const r = runCli([
      'import',
      '--out',
      imported,
      '--aws-dir',
      join(rawDir, 'aws'),
      '--entra-dir',
      join(rawDir, 'entra'),
      '--now',
      NOW,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Created .*imported\.anchor: scan 1/);
    const inv = runCliJson<InventoryJson>(['inventory', imported]);
    expect(inv.scan.method).toBe('import');
    const a = comparable(inv);
    const b = comparable(demo);
    // Sources name the folders they were read from, which differ only by path.
    expect(a.identities).toEqual(b.identities);
    expect(a.credentials).toEqual(b.credentials);
    expect(a.grants).toEqual(b.grants);
    expect(a.trusts).toEqual(b.trusts);
    expect(a.activities).toEqual(b.activities);
    expect(a.workloads).toEqual(b.workloads);
    expect(a.coverage).toEqual(b.coverage);
  });

  it('adds a second scan without touching the first', () => {
    const file = join(dir, 'two-scans.anchor');
    copyFileSync(demoFile, file);
    const r = runCli([
      'import',
      '--out',
      file,
      '--entra-dir',
      join(rawDir, 'entra'),
      '--now',
      NOW,
      '--label',
      'entra only',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const scans = runCliJson<Scan[]>(['scans', file]);
    expect(scans.map((s) => s.id)).toEqual([1, 2]);
    expect(scans[1]?.label).toBe('entra only');
    const first = runCliJson<InventoryJson>(['inventory', file, '--scan', '1']);
    expect(comparable(first)).toEqual(comparable(demo));
    const second = runCliJson<InventoryJson>(['inventory', file]);
    expect(second.identities.every((i) => i.provider === 'entra')).toBe(true);
  });
});

describe('agent-anchor verify', () => {
  it('accepts an untouched file', () => {
    const r = runCli(['verify', demoFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Audit chain intact: \d+ rows, head [0-9a-f]{64}/);
  });

  it("names the first row edited behind the app's back", () => {
    const file = join(dir, 'tampered.anchor');
    copyFileSync(demoFile, file);
    const db = new Database(file);
    const rows = db.prepare('SELECT id FROM audit_log ORDER BY id').all() as { id: number }[];
    const target = rows[rows.length - 1]?.id;
    expect(target).toBeDefined();
    // Someone with the sqlite3 shell removes the guard triggers and rewrites history.
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as { name: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = ?").run(target);
    db.close();
    const r = runCli(['verify', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`audit chain broken at row ${target}\\b`));
  });
});

describe('errors: one line, non-zero, nothing written', () => {
  it('refuses a missing engagement file', () => {
    const r = runCli(['inventory', join(dir, 'nope.anchor')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^agent-anchor: .*nope\.anchor/);
  });

  it('refuses a file that is not an engagement', () => {
    const file = join(dir, 'notes.anchor');
    writeFileSync(file, 'just some text\n');
    const r = runCli(['inventory', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^agent-anchor: .*notes\.anchor.*not an SQLite database/);
    expect(readFileSync(file, 'utf8')).toBe('just some text\n');
  });

  it('names the bad import file and the place, and leaves the engagement as it was', () => {
    const file = join(dir, 'keep.anchor');
    copyFileSync(demoFile, file);
    const before = statSync(file).mtimeMs;
    const broken = join(dir, 'broken-auth.json');
    writeFileSync(broken, '{\n  "UserDetailList": [\n    { "UserName": "ci-bot", \n');
    const r = runCli(['import', '--out', file, '--aws-auth-details', broken]);
    expect(r.code).toBe(1);
    // Progress lines may precede it; the reason is one line, the last.
    const reasons = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('agent-anchor:'));
    expect(reasons).toHaveLength(1);
    expect(r.stderr.trim().split('\n').pop()).toBe(reasons[0]);
    expect(reasons[0]).toContain('broken-auth.json');
    expect(r.stderr).toMatch(/line \d+/);
    expect(runCliJson<Scan[]>(['scans', file])).toHaveLength(1);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('does not create an engagement file when the input is bad', () => {
    const file = join(dir, 'never.anchor');
    const r = runCli(['import', '--out', file, '--entra-dir', join(dir, 'no-such-folder')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such-folder');
    expect(() => statSync(file)).toThrow();
  });

  it('rejects an invalid option value with usage help', () => {
    const r = runCli(['demo', '--out', join(dir, 'x.anchor'), '--size', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--size must be a whole number/);
  });

  it('asks for something to import', () => {
    const r = runCli(['import', '--out', join(dir, 'empty.anchor')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing to import/);
  });
});
