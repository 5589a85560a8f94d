/**
 * Heavy jobs in their worker thread (engagement/heavy-job.ts), started as the CLI and `serve` start
 * them from source: a scan stored and assessed there is the scan the in-thread use case stores,
 * the host's own connection sees it and can keep writing with the audit chain intact, errors come
 * back with their class and message, a report's PDF is printed by the host, and a cancelled export
 * writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngagement, type EngagementDb } from '../../db';
import { createAppExporter } from '../../engagement/app-services';
import { writeDemoRawFiles } from '../../engagement/demo';
import { engagementWritesSettled, runHeavyJob } from '../../engagement/heavy-job';
import { readImportInventory, storeScanIntoFile } from '../../engagement/import';
import type { ProgressEvent } from '../../engagement/progress';
import { EngagementFileError, UsageError } from '../../model/errors';
import type { Inventory } from '../../model/inventory';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const ACTOR = 'consultant';

/** Everything stored for scan 1, without the instants that differ between two runs. */
function storedScan(db: EngagementDb) {
  const { finishedAt: _finished, ...scan } = db.getScan(1);
  const assessment = db.getAssessment(1);
  if (!assessment) throw new Error('scan 1 was not assessed');
  const { computedAt: _computed, ...summary } = assessment.summary;
  return {
    scan,
    inventory: db.readInventory(1),
    findings: db.listFindings(1),
    scores: db.listScores(1),
    assessment: { ...assessment, summary },
    audit: db.listAudit().map((entry) => entry.action),
  };
}

describe('heavy jobs in a worker thread', () => {
  let dir: string;
  let inventory: Inventory;
  const job = (file: string) => ({
    file,
    inventory,
    label: 'Scan of the demo organization',
    method: 'demo' as const,
    startedAt: '2026-03-01T11:00:00.000Z',
    actor: ACTOR,
    now: NOW,
    clientName: 'Northwind Robotics (demo)',
  });

  beforeAll(async () => {
    dir = mkdtempSync(nodePath.join(tmpdir(), 'aa-heavy-job-'));
    const raw = await writeDemoRawFiles(nodePath.join(dir, 'raw'), { size: 300, seed: 5, now: NOW });
    inventory = await readImportInventory(
      { awsDirs: [raw.awsDir], entraDirs: [raw.entraDir] },
      NOW.toISOString(),
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores and assesses a scan exactly as the in-thread use case does, relaying progress', async () => {
    const inWorker = nodePath.join(dir, 'worker.anchor');
    const inThread = nodePath.join(dir, 'thread.anchor');
    const events: ProgressEvent[] = [];
    const result = await runHeavyJob('store-scan', job(inWorker), { onProgress: (e) => events.push(e) });
    const { inventory: _rows, file: _file, ...options } = job(inThread);
    await storeScanIntoFile(inThread, inventory, options);

    expect(result.scanId).toBe(1);
    expect(result.scan.counts.identities).toBe(inventory.identities.length);
    const phases = new Set(events.map((e) => e.phase));
    expect([...phases]).toEqual(expect.arrayContaining(['store identities', 'store grants', 'assess']));

    const a = openEngagement(inWorker, { readonly: true });
    const b = openEngagement(inThread, { readonly: true });
    try {
      const fromWorker = storedScan(a);
      expect(fromWorker.findings.length).toBeGreaterThan(0);
      expect(fromWorker).toEqual(storedScan(b));
      expect(a.verifyAudit()).toMatchObject({ ok: true });
      expect(a.meta().clientName).toBe('Northwind Robotics (demo)');
    } finally {
      a.close();
      b.close();
    }
  });

  it("leaves the host's open connection seeing the new scan, writing with one audit chain", async () => {
    const file = nodePath.join(dir, 'shared.anchor');
    const host = openEngagement(file, { create: true, actor: ACTOR });
    try {
      expect(host.latestScanId()).toBeUndefined();
      let storing = false;
      const running = runHeavyJob('store-scan', job(file), {
        onProgress: (e) => {
          storing ||= e.phase.startsWith('store ');
        },
      });
      const order: string[] = [];
      const settled = engagementWritesSettled(file).then(() => order.push('settled'));
      const stored = await running.then((r) => (order.push('stored'), r));
      await settled;
      // Callers that write through the host's connection wait for the worker's store to end.
      expect(order).toEqual(['stored', 'settled']);
      expect(storing).toBe(true);
      expect(host.latestScanId()).toBe(stored.scanId);
      expect(host.getAssessment(stored.scanId)?.summary.findings).toBeGreaterThan(0);

      // Both connections write while the second job runs: the chain stays one chain.
      const second = runHeavyJob('assess', { file, scanId: stored.scanId, actor: 'worker' });
      host.appendAudit('note', { text: 'written by the host meanwhile' }, ACTOR);
      await second;
      host.appendAudit('note', { text: 'written by the host afterwards' }, ACTOR);
      const verification = host.verifyAudit();
      expect(verification).toMatchObject({ ok: true });
      expect(host.listAudit().map((e) => e.action)).toEqual(
        expect.arrayContaining(['engagement.create', 'scan.store', 'assess', 'note']),
      );
      expect(host.listAudit().filter((e) => e.action === 'assess')).toHaveLength(2);
    } finally {
      host.close();
    }
  });

  it('rejects with the error the job threw, class and message kept', async () => {
    const foreign = nodePath.join(dir, 'notes.anchor');
    writeFileSync(foreign, 'not a database, just notes\n'.repeat(20));
    const notOurs = runHeavyJob('store-scan', job(foreign));
    await expect(notOurs).rejects.toBeInstanceOf(EngagementFileError);
    await expect(notOurs).rejects.toThrow(`${foreign}: is not an SQLite database`);

    const file = nodePath.join(dir, 'errors.anchor');
    await runHeavyJob('store-scan', job(file));
    const unknownScan = runHeavyJob('assess', { file, scanId: 99, actor: ACTOR });
    await expect(unknownScan).rejects.toBeInstanceOf(UsageError);
    await expect(unknownScan).rejects.toThrow('no scan with id 99 in this engagement');

    const [first] = inventory.identities;
    if (!first) throw new Error('the demo has no identity');
    const twice = { ...job(file), inventory: { ...inventory, identities: [...inventory.identities, first] } };
    await expect(runHeavyJob('store-scan', twice)).rejects.toThrow(
      `scan inventory identities: id "${first.id}" appears more than once`,
    );

    const badBinding = nodePath.join(dir, 'missing', 'better_sqlite3.node');
    await expect(
      runHeavyJob('assess', { file, scanId: 1, actor: ACTOR }, { nativeBinding: badBinding }),
    ).rejects.toThrow(badBinding);

    // Nothing of the refused jobs was written.
    const db = openEngagement(file, { readonly: true });
    try {
      expect(db.listScans().map((s) => s.id)).toEqual([1]);
      expect(db.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });

  it("prints a report's PDF on the host and honours a cancelled export", async () => {
    const file = nodePath.join(dir, 'report.anchor');
    await runHeavyJob('store-scan', job(file));
    const printed: string[] = [];
    const exporter = createAppExporter({
      printPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 printed by the host');
      },
    });
    const request = {
      file,
      scanId: 1,
      variant: 'executive' as const,
      paper: 'a4' as const,
      table: 'findings' as const,
      actor: ACTOR,
      onProgress: () => undefined,
    };
    const out = nodePath.join(dir, 'report.pdf');
    const written = await exporter.write({
      ...request,
      format: 'pdf',
      out,
      signal: new AbortController().signal,
    });
    expect(printed).toHaveLength(1);
    expect(printed[0]?.slice(0, 200).toLowerCase()).toContain('<!doctype html');
    expect(readFileSync(out, 'utf8')).toBe('%PDF-1.7 printed by the host');
    expect(written.bytes).toBe(readFileSync(out).byteLength);

    const cancelled = new AbortController();
    cancelled.abort();
    const none = nodePath.join(dir, 'cancelled.html');
    await expect(
      exporter.write({ ...request, format: 'html', out: none, signal: cancelled.signal }),
    ).rejects.toThrow(/abort/i);
    expect(existsSync(none)).toBe(false);
  });
});
