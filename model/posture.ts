/**
 * What the assessment adds on top of findings: explainable per-identity scores, the article's KPIs
 * as posture measures, triage state, stored suppressions and the difference between two scans.
 * Scores and KPIs are computed by assess/score and assess/kpi and stored per scan; the formulas are
 * in docs/scoring.md and docs/kpis.md.
 */
import { z } from 'zod';
import { assessSettingsSchema, type AgentVerdict } from './assess';
import type { Finding, Severity, TriageStatus } from './findings';
import type { CredentialKind, GrantKind, IdentityKind, Provider } from './inventory';

// ---- Settings ---------------------------------------------------------------------------------

export const scoreFactorSchema = z.enum(['privilege', 'credentials', 'activity', 'ownership', 'exposure']);
export type ScoreFactor = z.infer<typeof scoreFactorSchema>;
export const SCORE_FACTORS: readonly ScoreFactor[] = scoreFactorSchema.options;

const factorWeight = (value: number) => z.number().nonnegative().default(value);

/** Multiplier per factor on the points its findings add; 1 counts the findings as they are. */
export const factorWeightsSchema = z.object({
  privilege: factorWeight(1),
  credentials: factorWeight(1),
  activity: factorWeight(1),
  ownership: factorWeight(1),
  exposure: factorWeight(1),
});
export type FactorWeights = z.infer<typeof factorWeightsSchema>;

/**
 * What an engagement stores under the setting `assess.settings`: the assessment settings
 * (thresholds, severity points, agent multipliers, trusted accounts, disabled rules) plus the
 * per-factor weights of the score.
 */
export const engagementAssessSettingsSchema = assessSettingsSchema.extend({
  factorWeights: factorWeightsSchema.prefault({}),
});
export type EngagementAssessSettings = z.infer<typeof engagementAssessSettingsSchema>;

export const ASSESS_SETTINGS_KEY = 'assess.settings';

// ---- Scores -----------------------------------------------------------------------------------

export interface ScoredFinding {
  key: string;
  ruleId: string;
  severity: Severity;
  /** The finding's `scoreContribution`: severity points x agent multiplier (0 when suppressed). */
  points: number;
}

export interface FactorScore {
  factor: ScoreFactor;
  /** Sum of the points of the identity's findings in this factor. */
  points: number;
  /** The factor weight from the settings. */
  weight: number;
  /** points x weight, rounded to 2 decimals. The five contributions add up to `uncapped`. */
  contribution: number;
  findings: ScoredFinding[];
}

export interface IdentityScore {
  identityId: string;
  /** The identity as a report names it (absent only when the inventory did not hold it). */
  identity?: { provider: Provider; kind: IdentityKind; nativeId: string; name: string };
  agent: AgentVerdict;
  /** 0-100: the uncapped total rounded to a whole number, at most 100. */
  score: number;
  /** Sum of the five factor contributions, before the cap. */
  uncapped: number;
  /** The uncapped total was above 100 and the score shows 100. */
  capped: boolean;
  /** All five factors, always in the order of SCORE_FACTORS. */
  factors: FactorScore[];
  /** Findings on this identity that a suppression matched (they add 0 points). */
  suppressedFindings: number;
  /** What the identity can reach: kept per scan so a diff can say when this changed. */
  reach: { admin: boolean; escalation: boolean };
}

// ---- KPIs -------------------------------------------------------------------------------------

export const HIGH_VALUE_GOALS = [
  'admin',
  'escalation',
  'secret-read',
  'data-exfiltration',
  'identity-creation',
] as const;
export type HighValueGoal = (typeof HIGH_VALUE_GOALS)[number];

export type KpiId =
  'attack-success-rate' | 'containment-ratio' | 'delegation-integrity' | 'revocation-latency';

export interface KpiBase {
  id: KpiId;
  name: string;
  /** Always `posture measure`: computed from configuration, not from an attack or an incident. */
  label: 'posture measure';
  formula: string;
  /** Null for the revocation-latency proxy, which is a maximum, not a ratio. */
  numerator: number | null;
  denominator: number | null;
  /** A share 0-1 for ratios, days for the latency proxy; null when there is nothing to measure. */
  value: number | null;
  unit: 'ratio' | 'days';
  /** The ids counted in the numerator (identities, links or the credential). */
  numeratorIds: string[];
  /** The ids counted in the denominator. */
  denominatorIds: string[];
  /** What the value does not cover. */
  notes: string[];
}

export interface AgentGoals {
  identityId: string;
  name: string;
  goals: HighValueGoal[];
  /** One line per goal: which capability, permission or path gives it. */
  evidence: string[];
  /** Goals that hold only if a policy condition is met: shown, not counted. */
  conditionalGoals: HighValueGoal[];
}

export interface AttackSuccessKpi extends KpiBase {
  id: 'attack-success-rate';
  /** Agents per goal (an agent can reach several). */
  byGoal: Record<HighValueGoal, number>;
  /** Every agent in the population with the goals it reaches (empty list: none). */
  agents: AgentGoals[];
}

export type TestResult = 'pass' | 'fail' | 'n/a';

export interface TestOutcome {
  result: TestResult;
  reason: string;
}

export const CONTAINMENT_TESTS = [
  'bounded',
  'scopedResources',
  'noStandingKeys',
  'noPrivilegedRole',
] as const;
export type ContainmentTest = (typeof CONTAINMENT_TESTS)[number];

export interface AgentContainment {
  identityId: string;
  name: string;
  contained: boolean;
  tests: Record<ContainmentTest, TestOutcome>;
}

export interface ContainmentKpi extends KpiBase {
  id: 'containment-ratio';
  byTest: Record<ContainmentTest, { pass: number; fail: number; notApplicable: number }>;
  agents: AgentContainment[];
}

export const DELEGATION_LINK_KINDS = [
  'aws-trust',
  'aws-pass-role',
  'owner',
  'federated-credential',
  'delegated-grant',
  'blueprint',
] as const;
export type DelegationLinkKind = (typeof DELEGATION_LINK_KINDS)[number];

export const DELEGATION_TESTS = ['attributable', 'bounded', 'timeLimited', 'noWiderThanDelegator'] as const;
export type DelegationTest = (typeof DELEGATION_TESTS)[number];

export interface LinkParty {
  /** Inventory identity id when the party is in the inventory. */
  id?: string;
  /** ARN, service name, issuer + subject, user principal name, ... */
  name: string;
}

export interface DelegationLink {
  /** `${kind}:${inventory row id}` (plus the owner for owner links). */
  id: string;
  kind: DelegationLinkKind;
  /** Whose authority is handed on. */
  delegator: LinkParty;
  /** Who receives it. */
  delegate: LinkParty;
  /** The agents the link touches (as delegator or delegate), sorted. */
  agentIds: string[];
  /** Inventory row the link comes from (trust, grant, credential or identity id). */
  ref: string;
  tests: Record<DelegationTest, TestOutcome>;
  /** Passes every applicable test. */
  intact: boolean;
}

export interface DelegationIntegrityKpi extends KpiBase {
  id: 'delegation-integrity';
  byKind: Record<DelegationLinkKind, { links: number; intact: number }>;
  byTest: Record<DelegationTest, { pass: number; fail: number; notApplicable: number }>;
  links: DelegationLink[];
}

export interface LatencyCredential {
  id: string;
  identityId: string;
  identityName: string;
  kind: CredentialKind;
  name?: string;
  createdAt?: string;
  expiresAt?: string;
  /** Lifetime in whole days: expiry minus creation, or age so far when it never expires. */
  lifetimeDays: number;
  /** The credential never expires: the value is a lower bound. */
  unbounded: boolean;
}

export interface RevocationLatencyKpi extends KpiBase {
  id: 'revocation-latency';
  /** The credential with the longest lifetime, when any agent holds a standing credential. */
  credential?: LatencyCredential;
  /** Active standing credentials of the population that never expire. */
  unboundedCount: number;
}

export interface KpiSet {
  population: 'yes' | 'likely';
  agentCount: number;
  attackSuccessRate: AttackSuccessKpi;
  containmentRatio: ContainmentKpi;
  delegationIntegrity: DelegationIntegrityKpi;
  revocationLatency: RevocationLatencyKpi;
}

export interface KpiReport {
  /** The assessment time the KPIs were computed for. */
  assessedAt: string;
  /** Identities classified agent `yes`: the KPIs proper. */
  agents: KpiSet;
  /** Identities classified `likely`, reported separately so weak evidence never moves the KPIs. */
  likelyAgents: KpiSet;
}

// ---- Stored assessment, triage, suppressions ---------------------------------------------------

export interface AssessmentSummary {
  scanId: number;
  assessedAt: string;
  /** Wall-clock time the assessment was stored. */
  computedAt: string;
  findings: number;
  suppressed: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
  identitiesScored: number;
  agents: { yes: number; likely: number };
  ruleErrors: { ruleId: string; identityId: string; message: string }[];
  suppressions: { applied: string[]; expired: string[] };
}

export interface StoredAssessment {
  summary: AssessmentSummary;
  settings: EngagementAssessSettings;
  kpis: KpiReport;
}

export interface TriageState {
  status: TriageStatus;
  note: string;
  author?: string;
  updatedAt?: string;
  /** Triaged `fixed` before this scan was taken, yet still found in it. */
  reopened?: boolean;
}

/** A stored finding as the CLI and the app show it: with the agent verdict, factor and triage. */
export type FindingView = Finding & {
  agent: AgentVerdict;
  factor: ScoreFactor;
  triage: TriageState;
};

export const suppressionKindSchema = z.enum(['identity', 'rule', 'tag']);
export type SuppressionKind = z.infer<typeof suppressionKindSchema>;

/** A suppression as stored in the engagement: one scope, listed whether active or expired. */
export interface SuppressionRecord {
  id: number;
  scope: SuppressionKind;
  /** Identity id, rule id, or `key` / `key=value` for a tag. */
  value: string;
  reason: string;
  author: string;
  createdAt: string;
  expiresAt?: string;
  expired: boolean;
}

// ---- Scan diff --------------------------------------------------------------------------------

export interface IdentityRef {
  id: string;
  provider: Provider;
  kind: IdentityKind;
  nativeId: string;
  name: string;
}

export interface FindingRef {
  key: string;
  ruleId: string;
  title: string;
  severity: Severity;
  identityId: string;
  identityName: string;
  message: string;
}

export interface GrantRef {
  id: string;
  kind: GrantKind;
  /** One line: the permission, role or policy statement. */
  summary: string;
}

export interface PrivilegeChange {
  identity: IdentityRef;
  grantsAdded: GrantRef[];
  grantsRemoved: GrantRef[];
  /** Same grant id, different content (e.g. an edited policy statement). */
  grantsChanged: GrantRef[];
  admin?: { from: boolean; to: boolean };
  escalation?: { from: boolean; to: boolean };
}

export interface CredentialRef {
  id: string;
  kind: CredentialKind;
  name?: string;
  status: string;
  createdAt?: string;
  expiresAt?: string;
}

export interface CredentialChange {
  identity: IdentityRef;
  added: CredentialRef[];
  removed: CredentialRef[];
  /** Status, creation (rotation) or expiry changed; last-used dates are not compared. */
  changed: {
    credential: CredentialRef;
    fields: Record<string, { from: string | null; to: string | null }>;
  }[];
}

export interface ScanRef {
  id: number;
  label: string;
  finishedAt: string;
}

export interface ScanDiff {
  from: ScanRef;
  to: ScanRef;
  identities: { added: IdentityRef[]; removed: IdentityRef[] };
  findings: {
    new: FindingRef[];
    resolved: FindingRef[];
    /** Findings present in both scans. */
    persisting: number;
    severityChanged: { key: string; from: Severity; to: Severity }[];
  };
  /** Identities present in both scans whose grants or admin/escalation status changed. */
  privilege: PrivilegeChange[];
  /** Identities present in both scans whose credentials changed. */
  credentials: CredentialChange[];
}
