/** Reads of the scans table with each scan's sources and coverage. */
import type { Coverage, Scan, Source } from '../../model/inventory';
import { UsageError } from '../../model/errors';
import type { StatementCache } from '../statement-cache';

interface ScanRow {
  id: number;
  label: string;
  method: Scan['method'];
  status: Scan['status'];
  started_at: string;
  finished_at: string;
  counts: string;
}

const SCAN_COLUMNS = 'id, label, method, status, started_at, finished_at, counts';
const ALL_SCANS = `SELECT ${SCAN_COLUMNS} FROM scans ORDER BY id`;
const ONE_SCAN = `SELECT ${SCAN_COLUMNS} FROM scans WHERE id = ?`;
const LATEST_ID = 'SELECT MAX(id) FROM scans';
const ALL_SOURCES = 'SELECT scan_id AS scanId, data FROM sources ORDER BY scan_id, seq';
const ALL_COVERAGE = 'SELECT scan_id AS scanId, data FROM coverage ORDER BY scan_id, seq';
const SCAN_SOURCES = 'SELECT data FROM sources WHERE scan_id = ? ORDER BY seq';
const SCAN_COVERAGE = 'SELECT data FROM coverage WHERE scan_id = ? ORDER BY seq';
const SCAN_EXISTS = 'SELECT 1 FROM scans WHERE id = ?';

function toScan(row: ScanRow, sources: Source[], coverage: Coverage[]): Scan {
  return {
    id: row.id,
    label: row.label,
    method: row.method,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: JSON.parse(row.counts) as Scan['counts'],
    sources,
    coverage,
  };
}

function groupByScan<T>(rows: { scanId: number; data: string }[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    let list = out.get(row.scanId);
    if (!list) {
      list = [];
      out.set(row.scanId, list);
    }
    list.push(JSON.parse(row.data) as T);
  }
  return out;
}

export function listScans(q: StatementCache): Scan[] {
  const read = q.db.transaction(() => {
    const sources = groupByScan<Source>(q.rowStmt<{ scanId: number; data: string }>(ALL_SOURCES).all());
    const coverage = groupByScan<Coverage>(q.rowStmt<{ scanId: number; data: string }>(ALL_COVERAGE).all());
    return q
      .rowStmt<ScanRow>(ALL_SCANS)
      .all()
      .map((row) => toScan(row, sources.get(row.id) ?? [], coverage.get(row.id) ?? []));
  });
  return read.deferred();
}

export function getScan(q: StatementCache, id: number): Scan {
  const read = q.db.transaction(() => {
    const row = q.rowStmt<ScanRow>(ONE_SCAN).get(id);
    if (!row) throw new UsageError(`no scan with id ${id} in this engagement`);
    const sources = q
      .pluckStmt<string>(SCAN_SOURCES)
      .all(id)
      .map((data) => JSON.parse(data) as Source);
    const coverage = q
      .pluckStmt<string>(SCAN_COVERAGE)
      .all(id)
      .map((data) => JSON.parse(data) as Coverage);
    return toScan(row, sources, coverage);
  });
  return read.deferred();
}

export function latestScanId(q: StatementCache): number | undefined {
  return q.pluckStmt<number | null>(LATEST_ID).get() ?? undefined;
}

/** Throws UsageError unless a stored scan has this id. */
export function assertScanExists(q: StatementCache, id: number): void {
  if (!Number.isInteger(id) || q.pluckStmt<number>(SCAN_EXISTS).get(id) === undefined) {
    throw new UsageError(`no scan with id ${String(id)} in this engagement`);
  }
}
