/**
 * What the AWS privilege rules need from the effective-privilege engine (assess/aws), per identity.
 * The engine's richer result is mapped into this shape once per assessment (aws-adapter.ts), so the
 * rules stay small and tests can hand in a view directly.
 */
import type { EvidenceItem } from '../model/findings';

export interface AwsCapability {
  /** One line for the finding message. */
  summary: string;
  /** Actions that give the capability, sorted; the engine lists at most its first few. */
  actions: string[];
  /** How many actions give it, when `actions` may be cut short. */
  total?: number;
  /** Grant ids and statements that allow it. */
  evidence: EvidenceItem[];
  /** Holds only when conditions in the policies are met (e.g. MFA, source IP). */
  conditional?: boolean;
}

export interface AwsEscalation {
  /** Method name, e.g. `CreateAccessKey`, `PassRole+CreateFunction`. */
  method: string;
  summary: string;
  /** A public write-up of the method (pathfinding.cloud), when there is one. */
  reference?: string;
  /** The method yields administrator-equivalent access. */
  reachesAdmin?: boolean;
  evidence: EvidenceItem[];
}

export interface AwsAdminReach {
  /** Stable id of the admin-equivalent identity reached. */
  targetId: string;
  targetName: string;
  /** Each hop: `sts:AssumeRole`, `iam:PassRole+lambda:CreateFunction`, ... */
  hops: { fromId: string; toId: string; via: string }[];
  evidence: EvidenceItem[];
}

export interface AwsIdentityPrivilege {
  adminEquivalent?: AwsCapability;
  escalations: AwsEscalation[];
  credentialExposure?: AwsCapability;
  dataExfiltration?: AwsCapability;
  resourceExposure?: AwsCapability;
  /** Admin-equivalent identities it can become through assume-role or pass-role chains. */
  adminReach: AwsAdminReach[];
}

export interface AwsPrivilegeView {
  byIdentity: ReadonlyMap<string, AwsIdentityPrivilege>;
}

export function emptyAwsView(): AwsPrivilegeView {
  return { byIdentity: new Map() };
}
