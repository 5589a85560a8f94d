/**
 * `agent-anchor diff`: what changed between two stored scans of an engagement, by default the two
 * most recent. Both scans must have been assessed (every import, demo and scan is).
 */
import { diffScans, type ScanSnapshot } from '../assess/diff';
import type { EngagementDb } from '../db';
import { UsageError } from '../model/errors';
import type { ScanDiff } from '../model/posture';
import { withEngagement } from './inventory';

export interface DiffQuery {
  from?: number;
  to?: number;
}

function snapshot(db: EngagementDb, scanId: number): ScanSnapshot {
  const scan = db.getScan(scanId);
  if (!db.getAssessment(scanId)) {
    throw new UsageError(
      `scan ${scanId} has not been assessed yet: run agent-anchor assess ${db.path} --scan ${scanId}`,
    );
  }
  const reach = new Map(db.listScores(scanId).map((s) => [s.identityId, s.reach]));
  return {
    scan: { id: scan.id, label: scan.label, finishedAt: scan.finishedAt },
    inventory: db.readInventory(scanId),
    findings: db.listFindings(scanId).map((r) => r.finding),
    reach,
  };
}

/** The two scans to compare: both given, or `to` (default latest) and the scan before it. */
export function resolveDiffScans(db: EngagementDb, query: DiffQuery): { from: number; to: number } {
  const ids = db.listScans().map((s) => s.id);
  if (query.from !== undefined && query.to !== undefined) {
    db.getScan(query.from);
    db.getScan(query.to);
    if (query.from === query.to) throw new UsageError('--from and --to name the same scan');
    return { from: query.from, to: query.to };
  }
  const start = query.from;
  if (start !== undefined) {
    db.getScan(start);
    // From the given scan to the latest one after it.
    const later = ids.filter((id) => id > start);
    const to = later[later.length - 1];
    if (to === undefined) throw new UsageError(`no scan after scan ${start} to compare with`);
    return { from: start, to };
  }
  const to = query.to ?? ids[ids.length - 1];
  if (to === undefined)
    throw new UsageError('the engagement holds no scan yet: run import, demo or scan first');
  db.getScan(to);
  const earlier = ids.filter((id) => id < to);
  const from = earlier[earlier.length - 1];
  if (from === undefined)
    throw new UsageError(`no scan before scan ${to} to compare with: a diff needs two scans`);
  return { from, to };
}

export function diffEngagementScans(file: string, query: DiffQuery = {}): ScanDiff {
  return withEngagement(file, (db) => {
    const { from, to } = resolveDiffScans(db, query);
    return diffScans(snapshot(db, from), snapshot(db, to));
  });
}
