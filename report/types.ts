/**
 * What a report is built from (`ReportInput`, gathered by engagement/export.ts from the engagement
 * file) and what it renders (`ReportModel`, built by report/model.ts). The model is plain JSON: the
 * HTML template, the PDF and the integrity hash all read it and nothing else, so two reports of the
 * same data are identical apart from `generatedAt`.
 */
import type { AgentVerdict, AssessResult, Suppression } from '../model/assess';
import type { Framework, Severity, TriageStatus } from '../model/findings';
import type { CoverageStatus, IdentityKind, Inventory, Provider, Scan } from '../model/inventory';
import type { IdentityScore, KpiId, KpiReport, ScanDiff } from '../model/posture';

export type ReportVariant = 'full' | 'executive';
export type PaperSize = 'a4' | 'letter';

export interface ReportLogo {
  /** `data:image/png;base64,...` or `data:image/svg+xml;base64,...`; shown in an <img>, never inlined. */
  dataUrl: string;
}

export interface ReportBranding {
  /** Who hands the report over; printed on the cover and in the running header. */
  consultancy: string;
  clientName: string;
  logo?: ReportLogo;
}

export interface TriageDecision {
  findingKey: string;
  status: TriageStatus;
  note: string;
  author: string;
  updatedAt: string;
}

export interface PermissionUsed {
  name: string;
  detail: string;
  required: boolean;
}

export interface ReportInput {
  scan: Scan;
  inventory: Inventory;
  assessment: AssessResult;
  /** Per-identity scores as stored by the assessment; absent when the scan has none. */
  scores?: readonly IdentityScore[];
  kpis?: KpiReport;
  /** Comparison with the previous scan; `first-scan` when there is none to compare with. */
  change:
    | { status: 'compared'; diff: ScanDiff }
    | { status: 'first-scan' }
    | { status: 'not-available'; reason: string };
  triage: readonly TriageDecision[];
  /** Every suppression defined in the engagement (applied, unused and expired). */
  suppressions: readonly Suppression[];
  /** Head of the engagement's audit chain when the report was made. */
  auditHead: string;
  /** Read-only permissions live scans of this scan's sources need, by provider. */
  permissions: Partial<Record<Provider, readonly PermissionUsed[]>>;
  appVersion: string;
}

export interface ReportLimits {
  /** Rows of the affected-identities table printed per rule; the rest are counted and left to the exports. */
  rowsPerRule: number;
  /** Identities in the per-identity appendix (identities with findings only, agents first). */
  appendixIdentities: number;
  /** Findings listed per identity in the appendix. */
  findingsPerIdentity: number;
  /** Evidence lines per affected identity in the findings-by-rule tables. */
  evidencePerFinding: number;
}

export interface ReportOptions {
  variant: ReportVariant;
  /** The time printed as the report date; passed in so that output is reproducible. */
  generatedAt: string;
  branding: ReportBranding;
  limits?: Partial<ReportLimits>;
}

export type SeverityCounts = Record<Severity, number>;

export interface IdentityRef {
  id: string;
  /** Display name (Entra) or name (AWS), verbatim. */
  name: string;
  kind: IdentityKind;
  kindLabel: string;
  provider: Provider;
  account: string;
  nativeId: string;
  agent: AgentVerdict;
}

export interface KpiView {
  id: KpiId;
  name: string;
  /** Always shown with the value: these are configuration measures, not incident rates. */
  label: 'Posture measure';
  value: number | null;
  /** How the value prints: "23 %", "412 days". */
  display: string;
  /** One line a reader understands. */
  definition: string;
  formula: string;
  numerator: number | null;
  denominator: number | null;
  /** Lower or higher is better. */
  better: 'lower' | 'higher';
  notes: string[];
}

export interface ScoreFactorView {
  factor: string;
  points: number;
  detail: string;
}

export interface DiffIdentityRef {
  identityId: string;
  name: string;
  kind: IdentityKind;
  agent?: AgentVerdict;
}

export interface DiffFindingRef {
  key: string;
  ruleId: string;
  title: string;
  severity: Severity;
  identityId: string;
  identityName: string;
}

export interface TopRiskRow {
  rank: number;
  identity: IdentityRef;
  /** 0-100 score when scores are stored, else the sum of the identity's risk points. */
  score: number;
  findings: SeverityCounts;
  topFinding: { ruleId: string; title: string; severity: Severity; message: string } | undefined;
}

export type ChangeView =
  | {
      status: 'compared';
      fromScanId: number;
      toScanId: number;
      counts: {
        identitiesAdded: number;
        identitiesRemoved: number;
        findingsNew: number;
        findingsResolved: number;
        privilegeChanges: number;
      };
      newBySeverity: SeverityCounts;
      resolvedBySeverity: SeverityCounts;
      /** A few examples of each, worst first. */
      samples: {
        findingsNew: DiffFindingRef[];
        findingsResolved: DiffFindingRef[];
        identitiesAdded: DiffIdentityRef[];
        identitiesRemoved: DiffIdentityRef[];
        privilegeChanges: { identityId: string; name: string; summary: string }[];
      };
    }
  | { status: 'first-scan' }
  | { status: 'not-available'; reason: string };

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface ChartData {
  id: string;
  title: string;
  /** What the chart shows and how to read it, printed under it. */
  caption: string;
  categories: string[];
  series: ChartSeries[];
  /** Axis label of the values. */
  valueLabel: string;
  horizontal?: boolean;
  /** When the data does not exist (e.g. no scores): the chart is replaced by this sentence. */
  unavailable?: string;
}

export interface CoverageRowView {
  source: string;
  area: string;
  status: CoverageStatus;
  items: number;
  message: string;
}

export interface MethodologyView {
  sources: {
    id: string;
    label: string;
    provider: Provider;
    method: string;
    account: string;
    inputs: string[];
  }[];
  coverageSummary: Record<CoverageStatus, number>;
  /** Rows that are not complete, with the reason: what was partial and why. */
  coverageGaps: CoverageRowView[];
  /** Every coverage row (full variant only; empty in the executive one). */
  coverageAll: CoverageRowView[];
  permissions: { provider: Provider; providerLabel: string; method: string; items: PermissionUsed[] }[];
  rules: { total: number; enabled: number; disabled: string[] };
  thresholds: { name: string; value: string }[];
  weights: { name: string; value: string }[];
  ruleErrors: { ruleId: string; identityId: string; message: string }[];
  scoring: string;
  classification: string;
}

export interface AffectedRow {
  identity: IdentityRef;
  findingKey: string;
  message: string;
  evidence: string[];
  /** open, suppressed (by id) or the triage status. */
  status: string;
  severity: Severity;
}

export interface RuleSection {
  ruleId: string;
  title: string;
  severity: Severity;
  area: string;
  rationale: string;
  remediation: string;
  references: string[];
  frameworks: { framework: Framework; control: string; title: string }[];
  open: number;
  suppressed: number;
  identities: number;
  agents: number;
  riskPoints: number;
  rows: AffectedRow[];
  /** Affected rows not printed because of `rowsPerRule`. */
  omittedRows: number;
}

export interface AppendixCredential {
  kind: string;
  name: string;
  status: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
  ageDays: number | undefined;
}

export interface AppendixEntry {
  identity: IdentityRef;
  description: string;
  enabled: boolean;
  createdAt: string;
  agentConfidence: number;
  agentSignals: string[];
  providerManaged: string | undefined;
  score: number;
  factors: ScoreFactorView[];
  owners: { name: string; relation: string; enabled: boolean | undefined }[];
  credentials: AppendixCredential[];
  /** All credentials of the identity; `credentials` lists the first few. */
  credentialCount: number;
  privileges: { count: number; lines: string[]; omitted: number };
  trusts: string[];
  escalation: string[];
  findings: { ruleId: string; title: string; severity: Severity; message: string; status: string }[];
  omittedFindings: number;
  lastUsedAt: string;
}

export interface AppendixView {
  entries: AppendixEntry[];
  identitiesWithFindings: number;
  agentsWithFindings: number;
  /** Identities with findings left out because of `appendixIdentities`. */
  omitted: number;
  /** Identities without findings (never listed). */
  withoutFindings: number;
}

export interface ControlRow {
  control: string;
  title: string;
  rules: string[];
  open: number;
  identities: number;
  agents: number;
  status: 'gaps' | 'no-findings' | 'not-assessed';
}

export interface FrameworkMatrix {
  framework: Framework;
  name: string;
  version: string;
  url: string;
  controls: ControlRow[];
  open: number;
  controlsWithGaps: number;
  controlsAssessed: number;
}

export type Effort = 'low' | 'medium' | 'high';

export interface RoadmapItem {
  rank: number;
  phase: 'Quick wins' | 'Short term' | 'Structural';
  ruleId: string;
  title: string;
  severity: Severity;
  effort: Effort;
  /** Effort units: per identity to fix, times the identities (low 1, medium 3, high 8). */
  effortUnits: number;
  riskReduced: number;
  /** Risk points removed per effort unit: the sort key. */
  ratio: number;
  identities: number;
  agents: number;
  action: string;
}

export interface TriageRowView {
  findingKey: string;
  ruleId: string;
  identityName: string;
  status: TriageStatus;
  note: string;
  author: string;
  updatedAt: string;
  /** False when the finding is not in this scan (fixed meanwhile, or a key from an older scan). */
  inScan: boolean;
}

export interface SuppressionRowView {
  id: string;
  scope: string;
  reason: string;
  author: string;
  createdAt: string;
  expiresAt: string;
  state: 'applied' | 'unused' | 'expired';
  findings: number;
}

export interface ReportModel {
  /** Version of this model's shape (not of the JSON export schema). */
  modelVersion: 1;
  variant: ReportVariant;
  generatedAt: string;
  meta: {
    title: string;
    clientName: string;
    consultancy: string;
    logo?: ReportLogo;
    scanId: number;
    scanLabel: string;
    scanMethod: string;
    scanStatus: string;
    scanStartedAt: string;
    scanFinishedAt: string;
    assessedAt: string;
    previousScanId: number | undefined;
    awsAccounts: string[];
    entraTenants: string[];
    appVersion: string;
  };
  totals: {
    identities: number;
    agents: number;
    agentsYes: number;
    agentsLikely: number;
    providerManaged: number;
    credentials: number;
    grants: number;
    workloads: number;
    findingsOpen: number;
    findingsSuppressed: number;
    openBySeverity: SeverityCounts;
    agentOpenBySeverity: SeverityCounts;
    identitiesWithFindings: number;
    agentsWithFindings: number;
  };
  headline: string[];
  kpis: { available: true; items: KpiView[] } | { available: false; reason: string };
  scoring: { basis: 'score' | 'risk-points'; label: string; note: string };
  topRisks: TopRiskRow[];
  change: ChangeView;
  charts: ChartData[];
  methodology: MethodologyView;
  findingsByRule: RuleSection[];
  appendix: AppendixView;
  compliance: FrameworkMatrix[];
  roadmap: RoadmapItem[];
  triage: { decisions: TriageRowView[]; suppressions: SuppressionRowView[] };
  limits: ReportLimits;
  integrity: {
    algorithm: 'SHA-256';
    /** Hash of this model in canonical JSON, without `generatedAt` and without this `integrity` block. */
    dataHash: string;
    auditHead: string;
  };
}
