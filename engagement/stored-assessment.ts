/**
 * The assessment as the app reads it from the engagement file: findings, identity scores and KPIs
 * stored per scan by engagement/assess.ts, triage and suppressions kept per engagement (all through
 * EngagementDb, which audits every change), and per-identity aggregates read with indexed queries so
 * the identity list of a 100,000-identity scan does not parse every finding.
 *
 * The agent evidence (classification signals) is not stored; it is recomputed for one identity from
 * its own rows, which is what the classifier reads.
 */
import { classifyIdentity } from '../assess/classify';
import { indexInventory } from '../assess/inventory-index';
import { ruleById } from '../assess/rules';
import type { EngagementDb, ScanReader } from '../db';
import type { AddSuppressionArgs, Kpi, SuppressionView, Triage } from '../model/api';
import type { Classification } from '../model/assess';
import { UsageError } from '../model/errors';
import { severitySchema, type Finding, type Severity, type TriageStatus } from '../model/findings';
import { emptyInventory, type Identity, type JsonValue } from '../model/inventory';
import { ASSESS_SETTINGS_KEY, type KpiReport, type KpiSet } from '../model/posture';
import type {
  AssessmentSettingsView,
  AssessmentSource,
  IdentityScoreView,
  ScanAssessment,
} from './api-assessment';
import { engagementSettings } from './assess';
import { runHeavyJob } from './heavy-job';
import { SEVERITY_ORDER, type IdentityAssessment } from './identity-index';
import type { ProgressListener } from './progress';

const SEVERITIES = severitySchema.options;

export interface StoredAssessmentOptions {
  /** The engagement file `db` is open on. */
  file: string;
  db: EngagementDb;
  reader: ScanReader;
  actor: string;
  nativeBinding?: string;
}

export class StoredAssessmentSource implements AssessmentSource {
  readonly available = true;
  readonly triageAvailable = true;
  readonly suppressionsAvailable = true;
  private readonly cache = new Map<number, ScanAssessment>();

  constructor(private readonly options: StoredAssessmentOptions) {}

  isAssessed(scanId: number): boolean {
    return this.options.db.getAssessment(scanId) !== undefined;
  }

  async load(scanId: number): Promise<ScanAssessment | undefined> {
    const cached = this.cache.get(scanId);
    if (cached) return cached;
    const stored = this.options.db.getAssessment(scanId);
    if (!stored) return undefined;
    const assessment = this.build(scanId, stored.summary.assessedAt, stored.kpis, stored.summary.byRule);
    this.cache.set(scanId, assessment);
    return assessment;
  }

  async assess(scanId: number, onProgress?: ProgressListener): Promise<number> {
    // Reading, assessing and storing a large scan is CPU-bound: a worker thread does it on its own
    // connection; this one reads the stored result afterwards.
    const result = await runHeavyJob(
      'assess',
      { file: this.options.file, scanId, actor: this.options.actor },
      {
        ...(onProgress ? { onProgress } : {}),
        ...(this.options.nativeBinding !== undefined ? { nativeBinding: this.options.nativeBinding } : {}),
      },
    );
    this.cache.delete(scanId);
    return result.summary.findings;
  }

  triage(): ReadonlyMap<string, Triage> {
    return new Map(
      this.options.db
        .listTriage()
        .map((t) => [t.key, { status: t.status, note: t.note, author: t.author, updatedAt: t.updatedAt }]),
    );
  }

  setTriage(keys: readonly string[], status: TriageStatus, note: string | undefined): number {
    const { db, actor } = this.options;
    if (note !== undefined) return db.setTriage(keys, { status, note, author: actor }, actor).length;
    // Without a note each finding keeps its own: group the keys by their current note.
    const current = this.triage();
    const byNote = new Map<string, string[]>();
    for (const key of keys) {
      const kept = current.get(key)?.note ?? '';
      byNote.set(kept, [...(byNote.get(kept) ?? []), key]);
    }
    let updated = 0;
    for (const [kept, group] of byNote)
      updated += db.setTriage(group, { status, note: kept, author: actor }, actor).length;
    return updated;
  }

  suppressions(): SuppressionView[] {
    return this.options.db.listSuppressions().map((s) => ({
      id: String(s.id),
      scope: s.scope,
      value: s.value,
      reason: s.reason,
      author: s.author,
      createdAt: s.createdAt,
      ...(s.expiresAt !== undefined ? { expiresAt: s.expiresAt } : {}),
      expired: s.expired,
    }));
  }

  addSuppression(args: AddSuppressionArgs): void {
    this.options.db.addSuppression(
      {
        scope: args.scope,
        value: args.value,
        reason: args.reason,
        author: this.options.actor,
        ...(args.expiresAt !== undefined ? { expiresAt: args.expiresAt } : {}),
      },
      this.options.actor,
    );
  }

  removeSuppression(id: string): void {
    const numeric = Number(id);
    if (!Number.isInteger(numeric)) throw new UsageError(`no suppression with id ${id}`);
    this.options.db.removeSuppression(numeric, this.options.actor);
  }

  settings(): AssessmentSettingsView {
    const settings = engagementSettings(this.options.db);
    return { thresholds: settings.thresholds, weights: settings.weights };
  }

  saveSettings(changes: { thresholds?: Record<string, number>; weights?: Record<string, number> }): void {
    const current = engagementSettings(this.options.db);
    const next = {
      ...current,
      thresholds: { ...current.thresholds, ...changes.thresholds },
      weights: { ...current.weights, ...changes.weights },
    };
    this.options.db.setSetting(
      ASSESS_SETTINGS_KEY,
      JSON.parse(JSON.stringify(next)) as JsonValue,
      this.options.actor,
    );
  }

  invalidate(): void {
    this.cache.clear();
  }

  close(): void {
    this.cache.clear();
  }

  private build(
    scanId: number,
    assessedAt: string,
    report: KpiReport,
    byRuleCounts: Record<string, number>,
  ): ScanAssessment {
    const { db, reader } = this.options;
    const perIdentity = new Map<string, IdentityAssessment>();
    const agents = { yes: 0, likely: 0, no: 0 };
    for (const [id, score, agent] of reader.scores(scanId)) {
      const verdict = agent === 'yes' || agent === 'likely' ? agent : 'no';
      agents[verdict] += 1;
      perIdentity.set(id, { agent: verdict, severity: 'none', findingCount: 0, score });
    }
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const [id, severity, count] of reader.findingCounts(scanId)) {
      const entry = perIdentity.get(id) ?? {
        agent: 'no' as const,
        severity: 'none' as const,
        findingCount: 0,
      };
      entry.findingCount += count;
      const rank = SEVERITY_ORDER.indexOf(severity as Severity);
      if (rank >= 0 && rank < SEVERITY_ORDER.indexOf(entry.severity)) entry.severity = severity as Severity;
      perIdentity.set(id, entry);
      if (severity in bySeverity) bySeverity[severity as Severity] += count;
    }
    let findings: Finding[] | undefined;
    const all = (): Finding[] => {
      findings ??= db
        .listFindings(scanId)
        .map((row) => row.finding)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return findings;
    };
    const byRule = Object.entries(byRuleCounts).map(([ruleId, count]) => {
      const rule = ruleById(ruleId);
      return {
        ruleId,
        title: rule?.title ?? ruleId,
        severity: rule?.severity ?? ('medium' as Severity),
        count,
      };
    });
    return {
      assessedAt,
      perIdentity,
      kpis: kpisOf(report),
      bySeverity,
      byRule,
      agents,
      findings: all,
      findingsOf: (identityId) =>
        findings
          ? findings.filter((f) => f.identityId === identityId)
          : db.listFindings(scanId, { identityId }).map((row) => row.finding),
      scoreOf: (identityId) => scoreView(db, scanId, identityId),
      classificationOf: (identityId) => this.classify(scanId, identityId),
    };
  }

  private classify(scanId: number, identityId: string): Classification | undefined {
    const { reader } = this.options;
    const rows = reader.identityRows(scanId, identityId);
    if (!rows) return undefined;
    const inventory = emptyInventory();
    const add = (identity: Identity, own: NonNullable<ReturnType<ScanReader['identityRows']>>) => {
      inventory.identities.push(identity);
      inventory.credentials.push(...own.credentials);
      inventory.grants.push(...own.grants);
      inventory.trusts.push(...own.trusts);
      inventory.activities.push(...own.activities);
      inventory.workloads.push(...own.workloads);
    };
    add(rows.identity, rows);
    const counterpart = reader.entraCounterpart(scanId, rows.identity);
    const counterpartRows = counterpart ? reader.identityRows(scanId, counterpart.id) : undefined;
    if (counterpart && counterpartRows) add(counterpart, counterpartRows);
    if (rows.identity.kind === 'aws-role') {
      const known = new Set(inventory.workloads.map((w) => w.id));
      for (const w of reader.workloadsByRole(scanId, rows.identity.nativeId))
        if (!known.has(w.id)) inventory.workloads.push(w);
    }
    return classifyIdentity(rows.identity, indexInventory(inventory));
  }
}

function scoreView(db: EngagementDb, scanId: number, identityId: string): IdentityScoreView | undefined {
  const score = db.scoreOf(scanId, identityId);
  if (!score) return undefined;
  return {
    score: score.score,
    factors: score.factors.map((f) => ({
      factor: f.factor,
      points: f.contribution,
      detail: `${f.findings.length} finding${f.findings.length === 1 ? '' : 's'}, ${f.points} points x weight ${f.weight}`,
    })),
  };
}

const KPI_TEXT: Record<string, { label: string; definition: string; better: 'higher' | 'lower' }> = {
  'attack-success-rate': {
    label: 'posture Attack Success Rate',
    definition:
      'Share of agents whose credentials, if stolen, reach admin, privilege escalation, secret read, data exfiltration or identity creation.',
    better: 'lower',
  },
  'containment-ratio': {
    label: 'Containment Ratio',
    definition:
      'Share of agents whose reach is bounded: boundary or conditions, scoped resources, no standing keys, no privileged role.',
    better: 'higher',
  },
  'delegation-integrity': {
    label: 'Delegation Integrity Score',
    definition:
      'Share of delegation links (trusts, PassRole, owners, federated credentials, grants, blueprints) that are attributable, bounded, time-limited and no wider than their delegator.',
    better: 'higher',
  },
  'revocation-latency': {
    label: 'Revocation latency (proxy)',
    definition:
      'Longest lifetime of a standing credential held by an agent: how long a leaked secret could stay usable.',
    better: 'lower',
  },
};

/** The agents' KPIs (verdict yes) in the API's shape: ratios as percentages. */
export function kpisOf(report: KpiReport): Kpi[] {
  const set: KpiSet = report.agents;
  return [set.attackSuccessRate, set.containmentRatio, set.delegationIntegrity, set.revocationLatency].map(
    (k) => {
      const text = KPI_TEXT[k.id] ?? { label: k.name, definition: k.formula, better: 'higher' as const };
      const value = k.value === null ? null : k.unit === 'ratio' ? Math.round(k.value * 1000) / 10 : k.value;
      return {
        id: k.id,
        label: text.label,
        value,
        unit: k.unit === 'ratio' ? 'percent' : 'days',
        definition: text.definition,
        formula: k.formula,
        postureMeasure: true,
        better: text.better,
      };
    },
  );
}
