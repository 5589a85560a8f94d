/**
 * The consultant's side of findings: reading a scan's findings with their triage, triaging them
 * (carried over to later scans through the stable finding key), and managing suppressions.
 */
import { factorOf } from '../assess/score';
import { openEngagement, type EngagementDb } from '../db';
import type { TriageRow } from '../db/queries/findings';
import { UsageError } from '../model/errors';
import type { Severity, TriageStatus } from '../model/findings';
import { isoDateSchema, type Scan } from '../model/inventory';
import type {
  AssessmentSummary,
  FindingView,
  SuppressionKind,
  SuppressionRecord,
  TriageState,
} from '../model/posture';
import { currentActor } from './actor';
import { assessStoredScan, type AssessScanResult } from './assess';
import { resolveScanId, withEngagement } from './inventory';

export interface FindingsQuery {
  scanId?: number;
  severity?: Severity;
  ruleId?: string;
  /** Only findings on identities classified agent `yes`. */
  agentsOnly?: boolean;
  /** Only findings whose effective triage has this status (`open` includes never-triaged ones). */
  status?: TriageStatus;
  /** Also list findings a suppression matched (they are always counted). */
  includeSuppressed?: boolean;
}

export interface FindingsResult {
  scan: Pick<Scan, 'id' | 'label' | 'finishedAt' | 'status'>;
  assessment: AssessmentSummary;
  findings: FindingView[];
  /** Findings of the scan matching the filters but not listed because a suppression matched them. */
  suppressedNotShown: number;
}

/** Assessment summary of a scan, or a UsageError saying how to produce one. */
export function requireAssessment(db: EngagementDb, scanId: number): AssessmentSummary {
  const stored = db.getAssessment(scanId);
  if (!stored) {
    throw new UsageError(
      `scan ${scanId} has not been assessed yet: run agent-anchor assess ${db.path} --scan ${scanId}`,
    );
  }
  return stored.summary;
}

function triageState(row: TriageRow | undefined, scan: Pick<Scan, 'finishedAt'>): TriageState {
  if (!row) return { status: 'open', note: '' };
  return {
    status: row.status,
    note: row.note,
    author: row.author,
    updatedAt: row.updatedAt,
    // Marked fixed before this scan was taken, yet the scan still finds it.
    ...(row.status === 'fixed' && Date.parse(row.updatedAt) < Date.parse(scan.finishedAt)
      ? { reopened: true }
      : {}),
  };
}

export function findingsOf(db: EngagementDb, query: FindingsQuery = {}): FindingsResult {
  const scanId = resolveScanId(db, query.scanId);
  const scan = db.getScan(scanId);
  const assessment = requireAssessment(db, scanId);
  const rows = db.listFindings(scanId, {
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.ruleId ? { ruleId: query.ruleId } : {}),
    ...(query.agentsOnly ? { agentsOnly: true } : {}),
  });
  let suppressedNotShown = 0;
  const findings: FindingView[] = [];
  for (const row of rows) {
    const view: FindingView = {
      ...row.finding,
      agent: row.agent,
      factor: factorOf(row.finding.ruleId),
      triage: triageState(row.triage, scan),
    };
    if (query.status && view.triage.status !== query.status) continue;
    if (view.suppressedBy !== undefined && !query.includeSuppressed) {
      suppressedNotShown++;
      continue;
    }
    findings.push(view);
  }
  return {
    scan: { id: scan.id, label: scan.label, finishedAt: scan.finishedAt, status: scan.status },
    assessment,
    findings,
    suppressedNotShown,
  };
}

export function readFindings(file: string, query: FindingsQuery = {}): FindingsResult {
  return withEngagement(file, (db) => findingsOf(db, query));
}

export interface TriageInput {
  keys: readonly string[];
  status: TriageStatus;
  note?: string;
  /** Who decided; defaults to the actor. */
  author?: string;
  actor?: string;
}

/** Set the triage of one or more finding keys; applies to every scan where the key appears. */
export function triageFindings(file: string, input: TriageInput): TriageRow[] {
  const actor = input.actor ?? currentActor();
  return withEngagement(file, (db) =>
    db.setTriage(
      input.keys,
      { status: input.status, note: input.note ?? '', author: input.author ?? actor },
      actor,
    ),
  );
}

export interface SuppressionInput {
  scope: SuppressionKind;
  value: string;
  reason: string;
  author?: string;
  expiresAt?: Date | string;
  actor?: string;
  /** Re-assess the latest scan so its findings and scores reflect the change (default true). */
  reassess?: boolean;
}

export interface SuppressionChange {
  suppression: SuppressionRecord;
  /** The re-assessment of the latest scan, when there was one. */
  reassessed?: AssessScanResult;
}

function expiryOf(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`suppression expiry is not a valid date: ${String(value)}`);
  const iso = new Date(ms).toISOString();
  if (!isoDateSchema.safeParse(iso).success)
    throw new UsageError(`suppression expiry is out of range: ${iso}`);
  return iso;
}

async function reassessLatest(db: EngagementDb, actor: string): Promise<AssessScanResult | undefined> {
  const latest = db.latestScanId();
  return latest === undefined ? undefined : assessStoredScan(db, latest, { actor });
}

async function withWritable<T>(file: string, fn: (db: EngagementDb) => Promise<T>): Promise<T> {
  const db = openEngagement(file);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

export async function addSuppression(file: string, input: SuppressionInput): Promise<SuppressionChange> {
  const actor = input.actor ?? currentActor();
  const expiresAt = expiryOf(input.expiresAt);
  return withWritable(file, async (db) => {
    if (input.scope === 'tag' && input.value.startsWith('='))
      throw new UsageError('a tag suppression needs a tag key');
    const suppression = db.addSuppression(
      {
        scope: input.scope,
        value: input.value,
        reason: input.reason,
        author: input.author ?? actor,
        ...(expiresAt ? { expiresAt } : {}),
      },
      actor,
    );
    const reassessed = input.reassess === false ? undefined : await reassessLatest(db, actor);
    return { suppression, ...(reassessed ? { reassessed } : {}) };
  });
}

export async function removeSuppression(
  file: string,
  id: number,
  opts: { actor?: string; reassess?: boolean } = {},
): Promise<SuppressionChange> {
  const actor = opts.actor ?? currentActor();
  return withWritable(file, async (db) => {
    const suppression = db.removeSuppression(id, actor);
    const reassessed = opts.reassess === false ? undefined : await reassessLatest(db, actor);
    return { suppression, ...(reassessed ? { reassessed } : {}) };
  });
}

/** Every suppression of the engagement, active and expired: none is hidden. */
export function listSuppressions(file: string, at?: Date): SuppressionRecord[] {
  return withEngagement(file, (db) => db.listSuppressions((at ?? new Date()).toISOString()));
}
