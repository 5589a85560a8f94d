import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openEngagement } from '../../db';
import { smallInventory } from './helpers/inventory';
import { useTempDir } from './helpers/temp-dir';
import { withRaw } from './helpers/raw-file';

const tempDir = useTempDir();
const FIXTURE = fileURLToPath(new URL('./fixtures/store-large-scan.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ChildResult {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
  walBytesAtKill: number;
}

/** Run the fixture and SIGKILL it as soon as it reports it is inside the storeScan transaction. */
function storeAndKill(path: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, path, '50000', '4'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let walBytesAtKill = -1;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (walBytesAtKill < 0 && stdout.includes('started')) {
        child.kill('SIGKILL');
        const wal = `${path}-wal`;
        walBytesAtKill = existsSync(wal) ? statSync(wal).size : 0;
      }
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, walBytesAtKill }));
  });
}

describe('a process killed in the middle of storeScan', () => {
  it('leaves a file that opens with every earlier scan intact and no trace of the partial one', async () => {
    const path = join(tempDir(), 'acme.anchor');
    const db = openEngagement(path, { create: true, clientName: 'Acme' });
    const base = {
      method: 'import' as const,
      startedAt: '2025-02-01T00:00:00.000Z',
      finishedAt: '2025-02-01T00:05:00.000Z',
      actor: 'alice',
    };
    db.storeScan({ ...base, label: 'first', inventory: smallInventory() });
    db.storeScan({ ...base, label: 'second', inventory: smallInventory({ roleSuffix: 'B' }) });
    const scansBefore = db.listScans();
    const inventoriesBefore = scansBefore.map((s) => db.readInventory(s.id));
    const auditBefore = db.listAudit();
    db.close();

    const result = await storeAndKill(path);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('started\n');
    expect(result.signal).toBe('SIGKILL');
    // The child had written uncommitted pages to the WAL when it died: recovery had work to do.
    expect(result.walBytesAtKill).toBeGreaterThan(0);

    const again = openEngagement(path);
    expect(again.listScans()).toEqual(scansBefore);
    expect(scansBefore.map((s) => again.readInventory(s.id))).toEqual(inventoriesBefore);
    expect(again.listAudit()).toEqual(auditBefore);
    expect(again.verifyAudit()).toMatchObject({ ok: true, rows: auditBefore.length });
    // The interrupted scan's id was never committed, so the next scan gets it.
    expect(again.storeScan({ ...base, label: 'third', inventory: smallInventory({ roleSuffix: 'C' }) })).toBe(
      3,
    );
    again.close();

    withRaw(path, (raw) => {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const table of [
        'identities',
        'grants',
        'trusts',
        'activities',
        'credentials',
        'sources',
        'coverage',
      ]) {
        const stray = raw
          .prepare(`SELECT COUNT(*) FROM ${table} WHERE scan_id NOT IN (SELECT id FROM scans)`)
          .pluck()
          .get();
        expect(stray, table).toBe(0);
      }
      expect(raw.prepare("SELECT COUNT(*) FROM identities WHERE name LIKE 'agent-%'").pluck().get()).toBe(0);
    });
  });
});
