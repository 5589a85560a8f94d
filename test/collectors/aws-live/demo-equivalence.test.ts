/**
 * Done-when: a scan of the emulated demo organization produces the same inventory as importing the
 * demo files. Both go through the same transform; the scan reads over HTTP through the real SDK
 * (URL-encoded documents, XML dates, base64 report, per-region REST calls), the import from disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAwsImportDir, transformAwsImport } from '../../../collectors/aws';
import { collectAws, type AwsScanOutcome } from '../../../collectors/aws/live';
import { generateDemo, writeDemoFiles } from '../../../collectors/demo';
import { emulatorSeedFromDemo, startAwsEmulator } from '../../../collectors/emulators/aws';
import type { Inventory } from '../../../model/inventory';
import { COLLECTED_AT, emulatorOptions } from './helpers';

const TABLES = ['identities', 'credentials', 'grants', 'trusts', 'activities', 'workloads'] as const;

let dir: string;
let imported: Inventory;
let scanned: AwsScanOutcome;
let accountIds: string[];

beforeAll(async () => {
  const tenant = generateDemo({ seed: 11, size: 1600, now: COLLECTED_AT });
  accountIds = tenant.info.accounts.map((a) => a.id);
  dir = mkdtempSync(join(tmpdir(), 'aa-live-eq-'));
  const written = await writeDemoFiles(dir, tenant);
  imported = transformAwsImport(await readAwsImportDir(written.awsDir), COLLECTED_AT);
  const emulator = await startAwsEmulator(emulatorSeedFromDemo(tenant));
  try {
    scanned = await collectAws(emulatorOptions(emulator, { org: true, sourceMethod: 'demo' }), {
      collectedAt: COLLECTED_AT,
    });
  } finally {
    await emulator.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

describe('scan of the emulated demo organization', () => {
  it('reaches every demo account through the audit role', () => {
    expect(scanned.accounts.map((a) => [a.id, a.status])).toEqual(accountIds.map((id) => [id, 'complete']));
    expect(scanned.cancelled).toBe(false);
  });

  it.each(TABLES)('has exactly the %s of the import of the same files', (table) => {
    const expected = byId<{ id: string }>(imported[table]);
    const actual = byId<{ id: string }>(scanned.inventory[table]);
    expect(actual.size).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(0);
    for (const [id, row] of expected) expect(actual.get(id), id).toEqual(row);
  });

  it('covers the same areas, complete, with live sources in place of import sources', () => {
    const areas = (inv: Inventory) =>
      inv.coverage
        .filter((c) => !/:(account|organization|access-analyzer)$/.test(c.area))
        .map((c) => [c.area, c.status, c.itemCount])
        .sort();
    expect(areas(scanned.inventory)).toEqual(areas(imported));
    expect(
      scanned.inventory.sources
        .filter((s) => s.id.endsWith(':demo'))
        .map((s) => s.account)
        .sort(),
    ).toEqual([...accountIds].sort());
    expect(scanned.inventory.sources.every((s) => s.method === 'demo')).toBe(true);
  });
});
