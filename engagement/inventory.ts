/** Read use cases on an engagement file: the inventory of a scan, the scan list, audit verification. */
import { openEngagement, type EngagementDb } from '../db';
import type { IdentityKind, Inventory, Provider, Scan } from '../model/inventory';
import { UsageError } from '../model/errors';

export interface InventoryQuery {
  scanId?: number;
  provider?: Provider;
  kind?: IdentityKind;
}

export interface InventoryView {
  scan: Scan;
  inventory: Inventory;
}

/** Opens an existing engagement, runs `fn`, and always closes it. */
export function withEngagement<T>(
  file: string,
  fn: (db: EngagementDb) => T,
  opts: { nativeBinding?: string } = {},
): T {
  // Read-write so that a file at an older schema is upgraded (and the upgrade audited) before reading.
  const db = openEngagement(file, { ...opts });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function resolveScanId(db: EngagementDb, scanId: number | undefined): number {
  if (scanId !== undefined) return db.getScan(scanId).id;
  const latest = db.latestScanId();
  if (latest === undefined)
    throw new UsageError('the engagement holds no scan yet: run import, demo or scan first');
  return latest;
}

export function readInventoryView(file: string, query: InventoryQuery = {}): InventoryView {
  return withEngagement(file, (db) => {
    const scanId = resolveScanId(db, query.scanId);
    const filter = {
      ...(query.provider ? { provider: query.provider } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    };
    return { scan: db.getScan(scanId), inventory: db.readInventory(scanId, filter) };
  });
}

export function listScans(file: string): Scan[] {
  return withEngagement(file, (db) => db.listScans());
}

export type VerifyResult = ReturnType<EngagementDb['verifyAudit']>;

export function verifyEngagement(file: string): VerifyResult {
  return withEngagement(file, (db) => db.verifyAudit());
}
