import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GENESIS_HASH, canonicalJson, openEngagement, type EngagementDb } from '../../db';
import { UsageError } from '../../model/errors';
import { useTempDir } from './helpers/temp-dir';
import { withRaw } from './helpers/raw-file';

const tempDir = useTempDir();

/** An engagement with five audit rows: create, two settings, two notes. */
function engagementWithHistory(): { db: EngagementDb; path: string } {
  const path = join(tempDir(), 'acme.anchor');
  const db = openEngagement(path, { create: true, clientName: 'Acme', actor: 'alice' });
  db.setSetting('thresholds.accessKeyMaxAgeDays', 90, 'alice');
  db.setSetting('report.title', 'Acme NHI assessment', 'alice');
  db.appendAudit('report.export', { format: 'pdf', scanId: 1, path: '/reports/acme.pdf' }, 'alice');
  db.appendAudit('note', { text: 'Kick-off with Acme security team' }, 'bob');
  return { db, path };
}

function dropAuditTriggers(raw: import('better-sqlite3').Database): void {
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('canonicalJson', () => {
  it('sorts keys at every level, including integer-like keys, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, '10': 'x', '2': 'y' })).toBe(
      '{"10":"x","2":"y","a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('handles what JSON cannot hold the way JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, Number.NaN], c: 'é"\n' })).toBe(
      '{"b":[null,null],"c":"é\\"\\n"}',
    );
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('audit log', () => {
  it('chains each row to the previous one with sha256(prev_hash + canonical row)', () => {
    const { db } = engagementWithHistory();
    const rows = db.listAudit();
    expect(rows.map((r) => [r.id, r.action, r.actor])).toEqual([
      [1, 'engagement.create', 'alice'],
      [2, 'settings.set', 'alice'],
      [3, 'settings.set', 'alice'],
      [4, 'report.export', 'alice'],
      [5, 'note', 'bob'],
    ]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);

    // Recompute row 4 by hand, independently of the library's serialiser.
    const row = rows[3];
    if (!row) throw new Error('missing row');
    const body = `{"action":"report.export","actor":"alice","detail":{"format":"pdf","path":"/reports/acme.pdf","scanId":1},"id":4,"ts":"${row.ts}"}`;
    expect(row.hash).toBe(
      createHash('sha256')
        .update(row.prevHash + body)
        .digest('hex'),
    );

    expect(db.auditHead()).toBe(rows[4]?.hash);
    expect(db.verifyAudit()).toEqual({ ok: true, rows: 5, head: rows[4]?.hash });
    db.close();
  });

  it('returns the appended entry as it is stored', () => {
    const { db } = engagementWithHistory();
    const entry = db.appendAudit(
      'finding.triage',
      { key: 'aws-stale-key:aws:arn:aws:iam::1:user/x', status: 'fixed' },
      'carol',
    );
    expect(db.listAudit().at(-1)).toEqual(entry);
    expect(entry.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(() => db.appendAudit('', {}, 'carol')).toThrow(UsageError);
    expect(() => db.appendAudit('x', {}, ' ')).toThrow(UsageError);
    db.close();
  });

  it('audits settings changes with the previous value, and skips unchanged values', () => {
    const { db } = engagementWithHistory();
    db.setSetting('thresholds.accessKeyMaxAgeDays', 180, 'bob');
    db.setSetting('thresholds.accessKeyMaxAgeDays', 180, 'bob');
    db.setSetting('rules.disabled', ['aws-unused-role', 'entra-owner-missing'], 'bob');
    const settingsRows = db.listAudit().filter((a) => a.action === 'settings.set');
    expect(settingsRows.map((r) => [r.actor, r.detail])).toEqual([
      ['alice', { key: 'thresholds.accessKeyMaxAgeDays', value: 90 }],
      ['alice', { key: 'report.title', value: 'Acme NHI assessment' }],
      ['bob', { key: 'thresholds.accessKeyMaxAgeDays', value: 180, previous: 90 }],
      ['bob', { key: 'rules.disabled', value: ['aws-unused-role', 'entra-owner-missing'] }],
    ]);
    expect(db.getSetting('thresholds.accessKeyMaxAgeDays')).toBe(180);
    expect(db.getSetting('rules.disabled', z.array(z.string()))).toEqual([
      'aws-unused-role',
      'entra-owner-missing',
    ]);
    expect(() => db.getSetting('rules.disabled', z.number())).toThrow(
      'setting "rules.disabled" holds an invalid value',
    );
    expect(db.getSetting('no.such.key')).toBeUndefined();
    db.close();
  });

  it('cannot be updated or deleted, not even with raw SQL while the triggers are in place', () => {
    const { db, path } = engagementWithHistory();
    db.close();
    withRaw(path, (raw) => {
      expect(() => raw.exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 2")).toThrow(
        'audit_log: the audit log is append-only',
      );
      expect(() => raw.exec('DELETE FROM audit_log WHERE id = 5')).toThrow(/append-only/);
    });
    const again = openEngagement(path);
    expect(again.verifyAudit()).toMatchObject({ ok: true, rows: 5 });
    again.close();
  });

  it('names the row whose detail was edited behind the app’s back', () => {
    const { db, path } = engagementWithHistory();
    db.close();
    withRaw(path, (raw) => {
      dropAuditTriggers(raw);
      raw
        .prepare('UPDATE audit_log SET detail = ? WHERE id = 3')
        .run('{"key":"report.title","value":"Nothing to see"}');
    });
    const again = openEngagement(path);
    const result = again.verifyAudit();
    expect(result).toEqual({
      ok: false,
      rows: 2,
      firstBrokenId: 3,
      reason: 'audit row 3: content does not match its hash (the row was changed)',
    });
    again.close();
  });

  it('names the row when its actor or timestamp was edited', () => {
    const { db, path } = engagementWithHistory();
    db.close();
    withRaw(path, (raw) => {
      dropAuditTriggers(raw);
      raw.exec("UPDATE audit_log SET ts = '2020-01-01T00:00:00.000Z' WHERE id = 4");
    });
    const again = openEngagement(path);
    expect(again.verifyAudit()).toMatchObject({ ok: false, firstBrokenId: 4 });
    again.close();
  });

  it('detects a rewritten row whose hash was recomputed: the next row no longer chains', () => {
    const { db, path } = engagementWithHistory();
    db.close();
    withRaw(path, (raw) => {
      dropAuditTriggers(raw);
      const row = raw.prepare('SELECT prev_hash FROM audit_log WHERE id = 2').get() as { prev_hash: string };
      raw
        .prepare('UPDATE audit_log SET hash = ? WHERE id = 2')
        .run(createHash('sha256').update(`${row.prev_hash}forged`).digest('hex'));
    });
    const again = openEngagement(path);
    const result = again.verifyAudit();
    // Row 2's own hash no longer matches its content: it is the first broken row.
    expect(result).toMatchObject({ ok: false, firstBrokenId: 2 });
    again.close();
  });

  it('detects a deleted row in the middle', () => {
    const { db, path } = engagementWithHistory();
    db.close();
    withRaw(path, (raw) => {
      dropAuditTriggers(raw);
      raw.exec('DELETE FROM audit_log WHERE id = 3');
    });
    const again = openEngagement(path);
    expect(again.verifyAudit()).toEqual({
      ok: false,
      rows: 2,
      firstBrokenId: 4,
      reason: 'audit row 4 follows row 2: rows 3..3 are missing',
    });
    again.close();
  });

  it('detects rows deleted from the end, also after later appends', () => {
    const { db, path } = engagementWithHistory();
    db.close();
    withRaw(path, (raw) => {
      dropAuditTriggers(raw);
      raw.exec('DELETE FROM audit_log WHERE id >= 4');
    });
    const again = openEngagement(path);
    expect(again.verifyAudit()).toEqual({
      ok: false,
      rows: 3,
      firstBrokenId: 4,
      reason: 'audit rows 4..5 were deleted from the end of the log',
    });
    // A new row continues after the highest id ever used, so the gap stays visible.
    const next = again.appendAudit('note', { text: 'after the deletion' }, 'alice');
    expect(next.id).toBe(6);
    expect(again.verifyAudit()).toMatchObject({ ok: false, firstBrokenId: 6 });
    again.close();
  });

  it('detects a detail that is no longer JSON', () => {
    const { db, path } = engagementWithHistory();
    db.close();
    withRaw(path, (raw) => {
      dropAuditTriggers(raw);
      raw.exec("UPDATE audit_log SET detail = 'not json' WHERE id = 5");
    });
    const again = openEngagement(path);
    expect(again.verifyAudit()).toMatchObject({
      ok: false,
      firstBrokenId: 5,
      reason: 'audit row 5: detail is not valid JSON',
    });
    again.close();
  });
});
