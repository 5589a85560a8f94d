/**
 * Findings, scores and KPIs per scan (derived data, replaced as a whole when a scan is re-assessed),
 * and triage and suppressions per engagement (the consultant's decisions, kept across scans). Every
 * change to triage or suppressions is audited.
 */
import type { AgentVerdict } from '../../model/assess';
import type { Finding, Severity, TriageStatus } from '../../model/findings';
import type { JsonValue } from '../../model/inventory';
import { UsageError } from '../../model/errors';
import type {
  AssessmentSummary,
  EngagementAssessSettings,
  IdentityScore,
  KpiReport,
  StoredAssessment,
  SuppressionKind,
  SuppressionRecord,
} from '../../model/posture';
import type { StatementCache } from '../statement-cache';
import { appendAuditRow } from './audit';
import { assertScanExists } from './scans';

export interface StoreAssessmentInput {
  scanId: number;
  summary: AssessmentSummary;
  settings: EngagementAssessSettings;
  kpis: KpiReport;
  findings: readonly Finding[];
  scores: readonly IdentityScore[];
}

export interface FindingFilter {
  severity?: Severity;
  ruleId?: string;
  /** Only findings on identities classified agent `yes`. */
  agentsOnly?: boolean;
  identityId?: string;
}

export interface StoredFindingRow {
  finding: Finding;
  agent: AgentVerdict;
  triage?: TriageRow;
}

export interface TriageRow {
  key: string;
  status: TriageStatus;
  note: string;
  author: string;
  updatedAt: string;
}

export interface NewSuppression {
  scope: SuppressionKind;
  value: string;
  reason: string;
  author: string;
  expiresAt?: string;
}

const SEVERITY_ORDER = `CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

const DELETE_FINDINGS = 'DELETE FROM findings WHERE scan_id = ?';
const DELETE_SCORES = 'DELETE FROM identity_scores WHERE scan_id = ?';
const INSERT_FINDING =
  'INSERT INTO findings (scan_id, key, rule_id, severity, identity_id, data) VALUES (?, ?, ?, ?, ?, ?)';
const INSERT_SCORE =
  'INSERT INTO identity_scores (scan_id, identity_id, score, uncapped, agent, data) VALUES (?, ?, ?, ?, ?, ?)';
const UPSERT_ASSESSMENT = `INSERT INTO assessments (scan_id, assessed_at, computed_at, settings, summary, kpis, rules)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (scan_id) DO UPDATE SET assessed_at = excluded.assessed_at, computed_at = excluded.computed_at,
    settings = excluded.settings, summary = excluded.summary, kpis = excluded.kpis, rules = excluded.rules`;
const GET_RULES = 'SELECT rules FROM assessments WHERE scan_id = ?';
const GET_ASSESSMENT = 'SELECT settings, summary, kpis FROM assessments WHERE scan_id = ?';
const ASSESSED_SCANS = 'SELECT scan_id FROM assessments ORDER BY scan_id';
const SCORES =
  'SELECT data FROM identity_scores WHERE scan_id = ? ORDER BY uncapped DESC, identity_id LIMIT ?';
const SCORE_OF = 'SELECT data FROM identity_scores WHERE scan_id = ? AND identity_id = ?';
const KEY_EXISTS = 'SELECT 1 FROM findings WHERE key = ? LIMIT 1';
const GET_TRIAGE =
  'SELECT finding_key AS key, status, note, author, updated_at AS updatedAt FROM triage WHERE finding_key = ?';
const ALL_TRIAGE =
  'SELECT finding_key AS key, status, note, author, updated_at AS updatedAt FROM triage ORDER BY finding_key';
const UPSERT_TRIAGE = `INSERT INTO triage (finding_key, status, note, author, updated_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (finding_key) DO UPDATE SET status = excluded.status, note = excluded.note,
    author = excluded.author, updated_at = excluded.updated_at`;
const INSERT_SUPPRESSION =
  'INSERT INTO suppressions (scope, value, reason, author, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)';
const GET_SUPPRESSION =
  'SELECT id, scope, value, reason, author, created_at AS createdAt, expires_at AS expiresAt FROM suppressions WHERE id = ?';
const ALL_SUPPRESSIONS =
  'SELECT id, scope, value, reason, author, created_at AS createdAt, expires_at AS expiresAt FROM suppressions ORDER BY id';
const DELETE_SUPPRESSION = 'DELETE FROM suppressions WHERE id = ?';

/** What every finding of a rule shares; stored once per assessed scan. */
interface RuleText {
  title: string;
  remediation: string;
  frameworks: Finding['frameworks'];
}

/** A finding as stored: without its rule's text when that matches the scan's rule table. */
type StoredFinding = Omit<Finding, 'title' | 'remediation' | 'frameworks'> & Partial<RuleText>;

function sameFrameworks(a: Finding['frameworks'], b: Finding['frameworks']): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Drops the rule's text from a finding, recording it in `rules` (a finding that differs keeps its own). */
function compact(f: Finding, rules: Record<string, RuleText>): StoredFinding {
  const { title, remediation, frameworks, ...rest } = f;
  const known = rules[f.ruleId];
  if (!known) {
    rules[f.ruleId] = { title, remediation, frameworks };
    return rest;
  }
  if (
    known.title === title &&
    known.remediation === remediation &&
    sameFrameworks(known.frameworks, frameworks)
  )
    return rest;
  return f;
}

/** The finding as it was made: fields in schema order, rule text from the scan's rule table. */
function expand(s: StoredFinding, rules: Record<string, RuleText>): Finding {
  const rule = rules[s.ruleId];
  return {
    key: s.key,
    ruleId: s.ruleId,
    title: s.title ?? rule?.title ?? s.ruleId,
    severity: s.severity,
    identityId: s.identityId,
    identity: s.identity,
    message: s.message,
    evidence: s.evidence,
    remediation: s.remediation ?? rule?.remediation ?? '',
    frameworks: s.frameworks ?? rule?.frameworks ?? [],
    scoreContribution: s.scoreContribution,
    ...(s.suppressedBy !== undefined ? { suppressedBy: s.suppressedBy } : {}),
  };
}

/** Replaces the scan's findings, scores and assessment in one transaction and audits it as `assess`. */
export function storeAssessment(q: StatementCache, input: StoreAssessmentInput, actor: string): void {
  assertScanExists(q, input.scanId);
  const write = q.db.transaction(() => {
    const scanId = input.scanId;
    q.rowStmt(DELETE_FINDINGS).run(scanId);
    q.rowStmt(DELETE_SCORES).run(scanId);
    const rules: Record<string, RuleText> = {};
    const insertFinding = q.rowStmt(INSERT_FINDING);
    for (const f of input.findings) {
      insertFinding.run(scanId, f.key, f.ruleId, f.severity, f.identityId, JSON.stringify(compact(f, rules)));
    }
    const insertScore = q.rowStmt(INSERT_SCORE);
    for (const s of input.scores) {
      insertScore.run(scanId, s.identityId, s.score, s.uncapped, s.agent, JSON.stringify(s));
    }
    q.rowStmt(UPSERT_ASSESSMENT).run(
      scanId,
      input.summary.assessedAt,
      input.summary.computedAt,
      JSON.stringify(input.settings),
      JSON.stringify(input.summary),
      JSON.stringify(input.kpis),
      JSON.stringify(rules),
    );
    const s = input.summary;
    appendAuditRow(
      q,
      'assess',
      {
        scanId,
        assessedAt: s.assessedAt,
        findings: s.findings,
        suppressed: s.suppressed,
        bySeverity: s.bySeverity,
        identitiesScored: s.identitiesScored,
        ruleErrors: s.ruleErrors.length,
        suppressionsApplied: s.suppressions.applied,
      },
      actor,
    );
  });
  write.immediate();
}

export function readAssessment(q: StatementCache, scanId: number): StoredAssessment | undefined {
  const row = q.rowStmt<{ settings: string; summary: string; kpis: string }>(GET_ASSESSMENT).get(scanId);
  if (!row) return undefined;
  return {
    settings: JSON.parse(row.settings) as EngagementAssessSettings,
    summary: JSON.parse(row.summary) as AssessmentSummary,
    kpis: JSON.parse(row.kpis) as KpiReport,
  };
}

export function assessedScanIds(q: StatementCache): number[] {
  return q.pluckStmt<number>(ASSESSED_SCANS).all();
}

export function listFindingRows(
  q: StatementCache,
  scanId: number,
  filter: FindingFilter = {},
): StoredFindingRow[] {
  const where = ['f.scan_id = ?'];
  const params: (string | number)[] = [scanId];
  if (filter.severity) {
    where.push('f.severity = ?');
    params.push(filter.severity);
  }
  if (filter.ruleId) {
    where.push('f.rule_id = ?');
    params.push(filter.ruleId);
  }
  if (filter.identityId) {
    where.push('f.identity_id = ?');
    params.push(filter.identityId);
  }
  if (filter.agentsOnly) where.push("s.agent = 'yes'");
  const sql = `SELECT f.data, s.agent, t.status, t.note, t.author, t.updated_at AS updatedAt, f.key
    FROM findings f
    LEFT JOIN identity_scores s ON s.scan_id = f.scan_id AND s.identity_id = f.identity_id
    LEFT JOIN triage t ON t.finding_key = f.key
    WHERE ${where.join(' AND ')}
    ORDER BY ${SEVERITY_ORDER}, f.key`;
  type Row = {
    data: string;
    agent: AgentVerdict | null;
    status: TriageStatus | null;
    note: string | null;
    author: string | null;
    updatedAt: string | null;
    key: string;
  };
  const rulesText = q.pluckStmt<string>(GET_RULES).get(scanId);
  const rules = rulesText === undefined ? {} : (JSON.parse(rulesText) as Record<string, RuleText>);
  return q
    .rowStmt<Row>(sql)
    .all(...params)
    .map((r) => ({
      finding: expand(JSON.parse(r.data) as StoredFinding, rules),
      agent: r.agent ?? 'no',
      ...(r.status
        ? {
            triage: {
              key: r.key,
              status: r.status,
              note: r.note ?? '',
              author: r.author ?? '',
              updatedAt: r.updatedAt ?? '',
            },
          }
        : {}),
    }));
}

export function listScores(q: StatementCache, scanId: number, limit = -1): IdentityScore[] {
  return q
    .pluckStmt<string>(SCORES)
    .all(scanId, limit)
    .map((d) => JSON.parse(d) as IdentityScore);
}

export function scoreOf(q: StatementCache, scanId: number, identityId: string): IdentityScore | undefined {
  const d = q.pluckStmt<string>(SCORE_OF).get(scanId, identityId);
  return d === undefined ? undefined : (JSON.parse(d) as IdentityScore);
}

/**
 * Sets the triage of finding keys (one transaction, one audit row `triage` naming each key with its
 * previous state). Every key must belong to a stored finding of some scan.
 */
export function setTriage(
  q: StatementCache,
  keys: readonly string[],
  change: { status: TriageStatus; note: string; author: string; at: string },
  actor: string,
): TriageRow[] {
  const unique = [...new Set(keys)];
  if (unique.length === 0) throw new UsageError('give at least one finding key');
  const write = q.db.transaction((): TriageRow[] => {
    const unknown = unique.filter((k) => q.pluckStmt<number>(KEY_EXISTS).get(k) === undefined);
    if (unknown.length > 0) {
      throw new UsageError(
        `no stored finding has the key ${unknown
          .slice(0, 3)
          .map((k) => `"${k}"`)
          .join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}`,
      );
    }
    const previous: Record<string, JsonValue> = {};
    const rows: TriageRow[] = [];
    for (const key of unique) {
      const before = q.rowStmt<TriageRow>(GET_TRIAGE).get(key);
      previous[key] = before ? { status: before.status, note: before.note, author: before.author } : null;
      q.rowStmt(UPSERT_TRIAGE).run(key, change.status, change.note, change.author, change.at);
      rows.push({
        key,
        status: change.status,
        note: change.note,
        author: change.author,
        updatedAt: change.at,
      });
    }
    appendAuditRow(
      q,
      'triage',
      { keys: unique, status: change.status, note: change.note, author: change.author, previous },
      actor,
    );
    return rows;
  });
  return write.immediate();
}

export function listTriage(q: StatementCache): TriageRow[] {
  return q.rowStmt<TriageRow>(ALL_TRIAGE).all();
}

interface SuppressionRow {
  id: number;
  scope: SuppressionKind;
  value: string;
  reason: string;
  author: string;
  createdAt: string;
  expiresAt: string | null;
}

function toRecord(row: SuppressionRow, nowMs: number): SuppressionRecord {
  return {
    id: row.id,
    scope: row.scope,
    value: row.value,
    reason: row.reason,
    author: row.author,
    createdAt: row.createdAt,
    ...(row.expiresAt ? { expiresAt: row.expiresAt } : {}),
    expired: row.expiresAt !== null && Date.parse(row.expiresAt) <= nowMs,
  };
}

export function addSuppression(
  q: StatementCache,
  input: NewSuppression,
  at: string,
  actor: string,
): SuppressionRecord {
  if (!input.value.trim()) throw new UsageError('a suppression needs a value (identity id, rule id or tag)');
  if (!input.reason.trim()) throw new UsageError('a suppression needs a reason');
  if (!input.author.trim()) throw new UsageError('a suppression needs an author');
  const write = q.db.transaction((): SuppressionRecord => {
    const id = Number(
      q
        .rowStmt(INSERT_SUPPRESSION)
        .run(input.scope, input.value, input.reason, input.author, at, input.expiresAt ?? null)
        .lastInsertRowid,
    );
    const row = q.rowStmt<SuppressionRow>(GET_SUPPRESSION).get(id) as SuppressionRow;
    appendAuditRow(
      q,
      'suppression.add',
      {
        id,
        scope: row.scope,
        value: row.value,
        reason: row.reason,
        author: row.author,
        expiresAt: row.expiresAt,
      },
      actor,
    );
    return toRecord(row, Date.parse(at));
  });
  return write.immediate();
}

export function removeSuppression(
  q: StatementCache,
  id: number,
  at: string,
  actor: string,
): SuppressionRecord {
  const write = q.db.transaction((): SuppressionRecord => {
    const row = q.rowStmt<SuppressionRow>(GET_SUPPRESSION).get(id);
    if (!row) throw new UsageError(`no suppression with id ${id}`);
    q.rowStmt(DELETE_SUPPRESSION).run(id);
    appendAuditRow(
      q,
      'suppression.remove',
      {
        id,
        scope: row.scope,
        value: row.value,
        reason: row.reason,
        author: row.author,
        expiresAt: row.expiresAt,
      },
      actor,
    );
    return toRecord(row, Date.parse(at));
  });
  return write.immediate();
}

/** Every suppression, active and expired (`expired` as of `at`), oldest first. */
export function listSuppressions(q: StatementCache, at: string): SuppressionRecord[] {
  const nowMs = Date.parse(at);
  return q
    .rowStmt<SuppressionRow>(ALL_SUPPRESSIONS)
    .all()
    .map((r) => toRecord(r, nowMs));
}
