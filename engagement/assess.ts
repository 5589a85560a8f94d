/**
 * Assessing a stored scan: read its inventory, run the full assessment (findings, scores, KPIs)
 * with the engagement's settings and suppressions, and store the result for that scan in one
 * transaction. Findings are derived data: re-running replaces them (triage, kept per finding key,
 * is untouched). Import, demo and scan call `assessNewScan` so every stored scan has findings.
 */
import { openEngagement, type EngagementDb } from '../db';
import { loadAwsCatalog } from '../assess/aws';
import { assessWithScores, parseEngagementSettings, type FullAssessment } from '../assess/score';
import type { AssessResult, Suppression } from '../model/assess';
import { UsageError } from '../model/errors';
import type { Severity } from '../model/findings';
import type { Inventory } from '../model/inventory';
import {
  ASSESS_SETTINGS_KEY,
  type AssessmentSummary,
  type EngagementAssessSettings,
  type IdentityScore,
  type KpiReport,
  type SuppressionRecord,
} from '../model/posture';
import { currentActor } from './actor';
import { resolveScanId, withEngagement } from './inventory';
import { noProgress, type ProgressListener } from './progress';

export interface AssessScanOptions {
  /**
   * The instant to assess against (credential ages, expiry, dormancy). Default: the time of the
   * scan's previous assessment, else the scan's finish time, so re-running gives the same ages.
   */
  now?: Date | string;
  actor?: string;
  nativeBinding?: string;
  /** The scan's inventory when the caller already holds it (saves reading it back). */
  inventory?: Inventory;
  onProgress?: ProgressListener;
}

export interface AssessScanResult {
  scanId: number;
  summary: AssessmentSummary;
  kpis: KpiReport;
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

/** A stored suppression in the shape assess/ applies. */
export function toSuppression(record: SuppressionRecord): Suppression {
  let scope: Suppression['scope'];
  if (record.scope === 'identity') scope = { identityId: record.value };
  else if (record.scope === 'rule') scope = { ruleId: record.value };
  else {
    const eq = record.value.indexOf('=');
    scope = {
      tag:
        eq < 0
          ? { key: record.value }
          : { key: record.value.slice(0, eq), value: record.value.slice(eq + 1) },
    };
  }
  return {
    id: String(record.id),
    scope,
    reason: record.reason,
    author: record.author,
    createdAt: record.createdAt,
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
  };
}

/** The engagement's assessment settings (setting `assess.settings`), defaults filled in. */
export function engagementSettings(db: EngagementDb): EngagementAssessSettings {
  return parseEngagementSettings(db.getSetting(ASSESS_SETTINGS_KEY));
}

function summarize(
  scanId: number,
  result: AssessResult,
  scores: readonly IdentityScore[],
  computedAt: string,
): AssessmentSummary {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const byRule: Record<string, number> = {};
  let suppressed = 0;
  for (const f of result.findings) {
    if (f.suppressedBy !== undefined) {
      suppressed++;
      continue;
    }
    bySeverity[f.severity]++;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  const agents = { yes: 0, likely: 0 };
  for (const c of Object.values(result.classifications)) {
    if (c.agent === 'yes') agents.yes++;
    else if (c.agent === 'likely') agents.likely++;
  }
  return {
    scanId,
    assessedAt: result.assessedAt,
    computedAt,
    findings: result.findings.length - suppressed,
    suppressed,
    bySeverity,
    byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1))),
    identitiesScored: scores.length,
    agents,
    ruleErrors: result.ruleErrors,
    suppressions: {
      applied: result.suppressions.applied,
      expired: result.suppressions.expired.map((s) => s.id),
    },
  };
}

/** The stored summary of a full assessment (exported for the benchmark, which stores one itself). */
export function summarizeForBench(scanId: number, full: FullAssessment): AssessmentSummary {
  return summarize(scanId, full.result, full.scores, new Date().toISOString());
}

/** Assess one stored scan of an open engagement and store the result. */
export async function assessStoredScan(
  db: EngagementDb,
  scanId: number,
  opts: AssessScanOptions = {},
): Promise<AssessScanResult> {
  const scan = db.getScan(scanId);
  const settings = engagementSettings(db);
  const now = opts.now ?? db.getAssessment(scanId)?.summary.assessedAt ?? scan.finishedAt;
  const suppressions = db.listSuppressions().map(toSuppression);
  const onProgress = opts.onProgress ?? noProgress;
  const started = performance.now();
  if (!opts.inventory) onProgress({ phase: 'read', detail: `scan ${scanId}` });
  const inventory = opts.inventory ?? db.readInventory(scanId);
  onProgress({ phase: 'assess', detail: `scan ${scanId}, ${inventory.identities.length} identities` });
  const readMs = Math.round(performance.now() - started);
  // The AWS action catalogue is loaded once per process, and only when there is AWS to analyse.
  if (inventory.identities.some((i) => i.provider === 'aws')) await loadAwsCatalog();
  const full = assessWithScores(inventory, { now, settings, suppressions });
  const summary = summarize(scanId, full.result, full.scores, new Date().toISOString());
  const t = performance.now();
  db.storeAssessment(
    { scanId, summary, settings, kpis: full.kpis, findings: full.result.findings, scores: full.scores },
    opts.actor ?? currentActor(),
  );
  return {
    scanId,
    summary,
    kpis: full.kpis,
    timings: { read: readMs, ...full.timings, store: Math.round(performance.now() - t) },
  };
}

/** `agent-anchor assess FILE [--scan ID]`: (re-)assess a scan, the latest by default. */
export async function assessScan(
  file: string,
  scanId?: number,
  opts: Omit<AssessScanOptions, 'inventory'> = {},
): Promise<AssessScanResult> {
  const db = openEngagement(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    return await assessStoredScan(db, resolveScanId(db, scanId), opts);
  } finally {
    db.close();
  }
}

/**
 * Assessment right after a scan was stored. The scan is already committed, so a failure here must
 * say so and how to retry rather than look like a failed import.
 */
export async function assessNewScan(
  db: EngagementDb,
  scanId: number,
  opts: AssessScanOptions,
): Promise<AssessScanResult> {
  try {
    return await assessStoredScan(db, scanId, opts);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `scan ${scanId} was stored, but assessing it failed: ${reason}. Retry with: agent-anchor assess ${db.path} --scan ${scanId}`,
      { cause: error },
    );
  }
}

export interface KpiView {
  scan: { id: number; label: string; finishedAt: string };
  assessment: AssessmentSummary;
  kpis: KpiReport;
  /** The highest-scoring identities, for the summary table. */
  topScores: IdentityScore[];
}

/** The stored KPIs and top scores of a scan (the latest by default). */
export function readKpis(file: string, scanId?: number, top = 10): KpiView {
  return withEngagement(file, (db) => {
    const id = resolveScanId(db, scanId);
    const scan = db.getScan(id);
    const stored = db.getAssessment(id);
    if (!stored) {
      throw new UsageError(
        `scan ${id} has not been assessed yet: run agent-anchor assess ${file} --scan ${id}`,
      );
    }
    return {
      scan: { id: scan.id, label: scan.label, finishedAt: scan.finishedAt },
      assessment: stored.summary,
      kpis: stored.kpis,
      topScores: db.listScores(id, top),
    };
  });
}
