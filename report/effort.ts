/**
 * Effort of fixing one finding of a rule, for the remediation roadmap. Defined by the kind of change
 * the rule's remediation asks for, per affected identity:
 *   low    one command on the identity itself (delete or deactivate a key, add a condition or an
 *          owner, remove an expired secret); no workload change.
 *   medium a rotation or a trust change that someone must coordinate with the workload or a vendor
 *          (rotate a key, shorten a lifetime, add an external id, confirm dormancy with the owner).
 *   high   a redesign of what the identity may do (least-privilege policy rewrite, replacing an
 *          admin grant or a tier-0 permission, splitting a shared identity, moving to federation).
 * Rules not listed here (added later) count as medium until they are classified.
 */
import type { Effort } from './types';

export const EFFORT_UNITS: Readonly<Record<Effort, number>> = { low: 1, medium: 3, high: 8 };

const RULE_EFFORT: Readonly<Record<string, Effort>> = {
  'AA-AWS-KEY-001': 'medium',
  'AA-AWS-KEY-002': 'low',
  'AA-AWS-KEY-003': 'low',
  'AA-AWS-KEY-004': 'low',
  'AA-AWS-KEY-005': 'low',
  'AA-AWS-USER-001': 'low',
  'AA-AWS-USER-002': 'medium',
  'AA-AWS-BRK-001': 'medium',
  'AA-AWS-BRK-002': 'low',
  'AA-AWS-OIDC-001': 'low',
  'AA-AWS-OIDC-002': 'low',
  'AA-AWS-OIDC-003': 'low',
  'AA-AWS-TRUST-001': 'medium',
  'AA-AWS-TRUST-002': 'medium',
  'AA-AWS-TRUST-003': 'low',
  'AA-AWS-PRIV-001': 'high',
  'AA-AWS-PRIV-002': 'high',
  'AA-AWS-PRIV-003': 'high',
  'AA-AWS-PRIV-004': 'high',
  'AA-AWS-PRIV-005': 'high',
  'AA-AWS-PRIV-006': 'medium',
  'AA-AWS-POL-001': 'high',
  'AA-ENT-SECRET-001': 'high',
  'AA-ENT-SECRET-002': 'low',
  'AA-ENT-CRED-001': 'medium',
  'AA-ENT-CRED-002': 'medium',
  'AA-ENT-CRED-003': 'low',
  'AA-ENT-CRED-004': 'medium',
  'AA-ENT-FIC-001': 'low',
  'AA-ENT-PATH-001': 'high',
  'AA-ENT-PATH-002': 'high',
  'AA-ENT-PATH-003': 'high',
  'AA-ENT-PATH-004': 'low',
  'AA-ENT-PRIV-001': 'high',
  'AA-ENT-PRIV-002': 'high',
  'AA-ENT-CONSENT-001': 'medium',
  'AA-ENT-3P-001': 'medium',
  'AA-LIFE-DORMANT-001': 'medium',
  'AA-LIFE-OWNER-001': 'low',
  'AA-LIFE-OWNER-002': 'low',
  'AA-AGT-SHARED-001': 'high',
  'AA-AGT-SHARED-002': 'high',
  'AA-AGT-MODEL-001': 'low',
  'AA-AGT-HUMAN-001': 'low',
  'AA-AGT-PRIV-001': 'high',
};

export function effortOf(ruleId: string): Effort {
  return RULE_EFFORT[ruleId] ?? 'medium';
}

/** Rules the effort table knows, so a test can check every registered rule is classified. */
export function classifiedRules(): string[] {
  return Object.keys(RULE_EFFORT);
}
