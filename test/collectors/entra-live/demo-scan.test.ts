/**
 * `scan --demo` runs both emulators from the same demo tenant: the Entra part of the stored scan
 * is the live collector's reading of the Graph emulator, and equals the import of the demo files.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInventoryView } from '../../../engagement/inventory';
import { runScan } from '../../../engagement/scan';
import type { Inventory } from '../../../model/inventory';
import { comparable, demoTenant, importedDemo, NOW } from './helpers';

function entraPart(inv: Inventory): Inventory {
  const entra = <T extends { provider?: string; sourceId?: string }>(rows: T[]) =>
    rows.filter((r) => r.provider === 'entra' || r.sourceId?.startsWith('entra:'));
  return {
    sources: inv.sources.filter((s) => s.provider === 'entra'),
    coverage: entra(inv.coverage),
    identities: entra(inv.identities),
    credentials: entra(inv.credentials),
    grants: entra(inv.grants),
    trusts: entra(inv.trusts),
    activities: entra(inv.activities),
    workloads: entra(inv.workloads),
  };
}

const sortById = (inv: ReturnType<typeof comparable>) => {
  const by = <T extends { id?: string; area?: string }>(rows: T[]) =>
    [...rows].sort((a, b) => ((a.id ?? a.area ?? '') < (b.id ?? b.area ?? '') ? -1 : 1));
  return {
    coverage: by(inv.coverage),
    identities: by(inv.identities),
    credentials: by(inv.credentials),
    grants: by(inv.grants),
    trusts: by(inv.trusts),
    activities: by(inv.activities),
    workloads: by(inv.workloads),
  };
};

describe('scan --demo', () => {
  it('scans the demo Entra tenant through the Graph emulator, with the same result as its import', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'aa-entra-demo-scan-')), 'demo.anchor');
    const result = await runScan(
      file,
      { demo: { size: 500, seed: 11, now: new Date(NOW) } },
      { now: new Date(NOW), actor: 'test' },
    );
    expect(result.status).toBe('complete');
    expect(result.stats['entra-demo']).toMatchObject({ tenants: 1, throttled: 0 });
    expect(result.stats.demo?.accounts).toBe(3);
    const stored = readInventoryView(file).inventory;
    const live = entraPart(stored);
    expect(live.sources).toEqual([expect.objectContaining({ method: 'demo', provider: 'entra' })]);
    expect(live.identities.length).toBeGreaterThan(100);
    const imported = await importedDemo(demoTenant(500, 11));
    expect(sortById(comparable(live))).toEqual(sortById(comparable(imported)));
  });
});
