/**
 * What the AWS privilege analysis returns. Every conclusion carries evidence that names the
 * inventory grant ids and the statements as written, so a report can show why.
 */
import type { IdentityKind, PolicyStatement } from '../../model/inventory';
import type { AccessLevel } from './catalog';
import type { ConditionBlock } from './conditions';

export type Confidence = 'high' | 'medium';

/** Where a statement came from. `scp` statements have no grant id in the inventory. */
export type StatementLayer = 'identity' | 'boundary' | 'scp';

export interface StatementEvidence {
  layer: StatementLayer;
  /** Inventory grant id (`aws-policy-statement`, `aws-permissions-boundary`, `aws-managed-policy-ref`). */
  grantId: string;
  policyName: string;
  policyArn?: string;
  policyType?: 'inline' | 'managed';
  /** The group a user inherits the policy from. */
  attachedVia?: string;
  statementIndex?: number;
  /** The statement exactly as written (for an AWS managed policy reference: its published document). */
  statement: PolicyStatement;
}

/** One granted action of one identity, after boundaries, SCPs and explicit denies. */
export interface GrantedAction {
  /** Canonical `service:Action` (catalogue spelling), lower case when the catalogue lacks it. */
  action: string;
  accessLevels: AccessLevel[];
  /** Resource patterns as written; NotResource shown as `NOT <arn>`. */
  resources: string[];
  /** Granted on `*` without a condition by every layer that applies. */
  unconstrained: boolean;
  /** The conditions an allow depends on, when no unconditioned allow covers it. */
  conditions?: ConditionBlock[];
  /** Grant ids of the statements that allow it (identity, boundary and SCP layers). */
  statements: string[];
  /** Explicit denies that do not remove the action: resource-specific or conditioned. */
  limitedBy?: DenyNote[];
}

export interface DenyNote {
  grantId: string;
  /** Why the deny does not simply remove the action. */
  kind: 'resource-specific' | 'conditional';
  resources: string[];
  condition?: ConditionBlock;
}

/** Evidence for one required action of a finding. */
export interface ActionEvidence {
  action: string;
  resources: string[];
  unconstrained: boolean;
  conditions?: ConditionBlock[];
  statements: StatementEvidence[];
}

export type AdminBasis =
  | 'root-user'
  | 'administrator-access'
  | 'wildcard-all'
  | 'iam-wildcard'
  | 'not-action'
  | 'iam-permissions-management';

export interface AdminEvidence {
  basis: AdminBasis;
  summary: string;
  statements: StatementEvidence[];
  /** Resource-specific or conditional denies and boundaries that leave admin in place. */
  notes: string[];
  /** For a constrained admin: the conditions every broad allow depends on. */
  conditions?: ConditionBlock[];
}

export interface PrincipalSummary {
  id: string;
  arn: string;
  name: string;
  kind: IdentityKind;
  account: string;
}

export interface GainSummary {
  /** The target is admin-equivalent and the identity is not. */
  admin: boolean;
  /** Number of significant actions the target has that the identity lacks (or lacks on `*`). */
  count: number;
  /** Up to ten of them, most sensitive first. */
  sample: string[];
}

export interface EscalationTarget {
  kind: 'self' | 'identity' | 'group' | 'policy' | 'workload' | 'new-principal';
  /** Inventory id when the target (or the role a workload runs as) is in the inventory. */
  id?: string;
  arn: string;
  name: string;
  /** What the identity gains; for self-modification, unbounded (admin). */
  gain: GainSummary;
  /** The role a workload runs as, or the principal a modified policy is attached to. */
  via?: PrincipalSummary;
}

export interface EscalationFinding {
  methodId: string;
  /** How the method works (escalation-methods.ts); `chain` for multi-hop paths. */
  kind: string;
  title: string;
  description: string;
  references: string[];
  confidence: Confidence;
  /** Up to `maxTargets` targets, admin-equivalent first. */
  targets: EscalationTarget[];
  targetCount: number;
  /** Some target is admin-equivalent (or the method grants arbitrary permissions). */
  reachesAdmin: boolean;
  /** The statements granting each required action. */
  actions: ActionEvidence[];
  /** Conditions that gate it (constrained findings only). */
  conditions?: ConditionBlock[];
  notes: string[];
}

export interface ExposureReport {
  /** Number of matching actions granted broadly. */
  total: number;
  /** The first `maxItems`, sorted by action name. */
  items: ActionEvidence[];
  truncated: boolean;
}

export interface ActionsSummary {
  granted: number;
  unconstrained: number;
  byAccessLevel: Record<AccessLevel, number>;
  unconstrainedByAccessLevel: Record<AccessLevel, number>;
  services: number;
  /** Allowed actions the catalogue does not know (new services or misspellings). */
  unknownActions: string[];
  /** Attached managed policies whose document is not in the inventory: privilege may be understated. */
  unevaluatedPolicies: string[];
  /** The identity declares a permissions boundary whose document is not in the inventory. */
  boundaryNotEvaluated: boolean;
  hasBoundary: boolean;
  scpApplied: boolean;
}

export type EdgeKind = 'assume-role' | 'pass-role' | 'user-credentials' | 'update-trust' | 'workload';

export interface PathHop {
  from: PrincipalSummary;
  to: PrincipalSummary;
  kind: EdgeKind;
  methodId: string;
  confidence: Confidence;
  /** Trust or identity-side conditions the hop depends on. */
  conditions?: ConditionBlock[];
  /** Inventory ids of the trust rows and grants that make the hop possible. */
  evidence: string[];
}

export interface ReachablePath {
  target: PrincipalSummary;
  targetAdmin: boolean;
  hops: PathHop[];
  /** Some hop depends on a condition. */
  constrained: boolean;
  /** The lowest confidence of its hops. */
  confidence: Confidence;
}

export type InboundKind =
  'identity' | 'account' | 'external-account' | 'any-principal' | 'service' | 'federated' | 'other';

/** Who may become a role, from its trust policy: inventory identities and external principals. */
export interface InboundPrincipal {
  kind: InboundKind;
  principalType: string;
  principal: string;
  /** Inventory id when the principal is an identity in the inventory. */
  id?: string;
  trustId: string;
  actions: string[];
  conditions?: ConditionBlock;
}
