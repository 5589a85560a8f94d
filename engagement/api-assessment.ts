/**
 * The seam between the app API and the assessment use cases (findings, scores, KPIs, triage,
 * suppressions, settings). The API reads an assessment only through this interface, so the screens
 * work the same whichever way the assessment is stored, and a 100,000-identity scan is never read
 * whole just to draw a list: per-identity figures come first, full findings only when a screen
 * asks for them.
 */
import type { AddSuppressionArgs, Kpi, SaveSettingsArgs, SuppressionView, Triage } from '../model/api';
import type { Classification, ScoreWeights, Thresholds } from '../model/assess';
import type { Finding, Severity, TriageStatus } from '../model/findings';
import type { IdentityAssessment } from './identity-index';
import type { ProgressListener } from './progress';

export interface IdentityScoreView {
  score: number;
  factors: { factor: string; points: number; detail?: string }[];
}

/** One scan's assessment as the screens read it. */
export interface ScanAssessment {
  assessedAt: string;
  /** Verdict, worst severity, finding count and score of every assessed identity. */
  perIdentity: ReadonlyMap<string, IdentityAssessment>;
  kpis: Kpi[];
  /** Unsuppressed findings by severity and by rule. */
  bySeverity: Readonly<Record<Severity, number>>;
  byRule: readonly { ruleId: string; title: string; severity: Severity; count: number }[];
  agents: { yes: number; likely: number; no: number };
  /** Every finding of the scan, sorted by key, suppressed ones with `suppressedBy`; read on first use. */
  findings(): readonly Finding[];
  /** The findings of one identity (suppressed included). */
  findingsOf(identityId: string): Finding[];
  scoreOf(identityId: string): IdentityScoreView | undefined;
  /** The agent verdict with the evidence that decided it. */
  classificationOf(identityId: string): Classification | undefined;
}

export interface AssessmentSettingsView {
  thresholds: Thresholds;
  weights: ScoreWeights;
}

export interface AssessmentSource {
  /** False when this build has no assessment: screens say so. */
  readonly available: boolean;
  readonly triageAvailable: boolean;
  readonly suppressionsAvailable: boolean;
  /** The scan's assessment, or undefined when it has none (never assessed). */
  load(scanId: number): Promise<ScanAssessment | undefined>;
  /** True when the scan has a stored assessment. */
  isAssessed(scanId: number): boolean;
  /** Assess a stored scan and keep the result; returns the number of unsuppressed findings. */
  assess(scanId: number, onProgress: ProgressListener): Promise<number>;
  /** Triage decisions by finding key (they carry over between scans). */
  triage(): ReadonlyMap<string, Triage>;
  setTriage(keys: readonly string[], status: TriageStatus, note: string | undefined): number;
  suppressions(): SuppressionView[];
  addSuppression(args: AddSuppressionArgs): void;
  removeSuppression(id: string): void;
  settings(): AssessmentSettingsView;
  saveSettings(changes: Pick<SaveSettingsArgs, 'thresholds' | 'weights'>): void;
  /** Forget cached assessments (after a re-assessment). */
  invalidate(): void;
  close(): void;
}
