/**
 * Effort of fixing one finding of a rule, for the remediation roadmap. Defined by the kind of change
 * the rule's remediation asks for, per affected identity:
 *   low    one command on the identity itself (delete or deactivate a key, add a condition or an
 *          owner, remove an expired secret); no workload change.
 *   medium a rotation or a trust change that someone must coordinate with the workload or a vendor
 *          (rotate a key, shorten a lifetime, add an external id, confirm dormancy with the owner).
 *   high   a redesign of what the identity may do (least-privilege policy rewrite, replacing an
 *          admin grant or a tier-0 permission, splitting a shared identity, moving to federation).
 * Rules not listed here (added later) count as medium until they are classified; their roadmap
 * line is the first sentence of the rule's remediation.
 */
import type { Effort } from './types';

export const EFFORT_UNITS: Readonly<Record<Effort, number>> = { low: 1, medium: 3, high: 8 };

export interface RulePlan {
  effort: Effort;
  /** The roadmap line: what to do, without the commands (the findings section has those). */
  action: string;
}

const RULE_PLAN: Readonly<Record<string, RulePlan>> = {
  'AA-AWS-KEY-001': {
    effort: 'medium',
    action: 'Move the workload to a role or federation and delete the key; otherwise rotate it.',
  },
  'AA-AWS-KEY-002': { effort: 'low', action: 'Confirm the key is unused, then deactivate it.' },
  'AA-AWS-KEY-003': { effort: 'low', action: 'Delete the never-used key.' },
  'AA-AWS-KEY-004': { effort: 'low', action: 'Deactivate the access key that is no longer used.' },
  'AA-AWS-KEY-005': { effort: 'low', action: 'Delete the root user access keys.' },
  'AA-AWS-USER-001': { effort: 'low', action: 'Remove console access from the workload user.' },
  'AA-AWS-USER-002': { effort: 'medium', action: 'Move directly attached policies to a group or a role.' },
  'AA-AWS-BRK-001': {
    effort: 'medium',
    action: 'Switch to short-term Bedrock keys or a role, then delete the long-lived key.',
  },
  'AA-AWS-BRK-002': { effort: 'low', action: 'Delete the expired Bedrock API key.' },
  'AA-AWS-OIDC-001': {
    effort: 'low',
    action: 'Pin the OIDC subject condition to one repository and branch or environment.',
  },
  'AA-AWS-OIDC-002': { effort: 'low', action: 'Add a subject condition naming the one workload allowed.' },
  'AA-AWS-OIDC-003': { effort: 'low', action: 'Add the audience condition to the OIDC trust.' },
  'AA-AWS-TRUST-001': {
    effort: 'medium',
    action: 'Agree an external id with the vendor and require it in the trust policy.',
  },
  'AA-AWS-TRUST-002': {
    effort: 'medium',
    action: 'Name the trusted principals or require the organization id.',
  },
  'AA-AWS-TRUST-003': {
    effort: 'low',
    action: 'Add source account and source ARN conditions to the service trust.',
  },
  'AA-AWS-PRIV-001': {
    effort: 'high',
    action: 'Replace the administrator grant with a least-privilege policy.',
  },
  'AA-AWS-PRIV-002': {
    effort: 'high',
    action: 'Remove or scope the permissions that make up each escalation method.',
  },
  'AA-AWS-PRIV-003': {
    effort: 'high',
    action: 'Scope credential-returning and secret-reading actions to the resources the workload needs.',
  },
  'AA-AWS-PRIV-004': {
    effort: 'high',
    action: 'Limit data-reading actions to the buckets, tables and keys the workload owns.',
  },
  'AA-AWS-PRIV-005': { effort: 'high', action: 'Remove or scope resource-policy and sharing actions.' },
  'AA-AWS-PRIV-006': {
    effort: 'medium',
    action: 'Break the path to the administrator role at its cheapest hop.',
  },
  'AA-AWS-POL-001': { effort: 'high', action: 'Detach or delete the "*:*" policy and grant what is needed.' },
  'AA-ENT-SECRET-001': {
    effort: 'high',
    action: 'Replace client secrets with federated credentials, certificates or managed identities.',
  },
  'AA-ENT-SECRET-002': { effort: 'low', action: 'Remove the secret added to the service principal.' },
  'AA-ENT-CRED-001': { effort: 'medium', action: 'Reissue the certificate with a short validity.' },
  'AA-ENT-CRED-002': {
    effort: 'medium',
    action: 'Replace the non-expiring certificate with a short-lived or federated credential.',
  },
  'AA-ENT-CRED-003': { effort: 'low', action: 'Remove expired secrets and certificates.' },
  'AA-ENT-CRED-004': { effort: 'medium', action: 'Plan the rotation of the credential that expires soon.' },
  'AA-ENT-FIC-001': { effort: 'low', action: 'Narrow the federated credential to one workload subject.' },
  'AA-ENT-PATH-001': {
    effort: 'high',
    action: 'Remove RoleManagement.ReadWrite.Directory and grant a narrower permission.',
  },
  'AA-ENT-PATH-002': {
    effort: 'high',
    action: 'Remove AppRoleAssignment.ReadWrite.All and grant the specific permissions needed.',
  },
  'AA-ENT-PATH-003': {
    effort: 'high',
    action: 'Replace Application.ReadWrite.All with Application.ReadWrite.OwnedBy.',
  },
  'AA-ENT-PATH-004': {
    effort: 'low',
    action: 'Remove owners from privileged apps; manage them through PIM.',
  },
  'AA-ENT-PRIV-001': {
    effort: 'high',
    action: 'Reduce tier-0 application permissions to the least privileged that works.',
  },
  'AA-ENT-PRIV-002': {
    effort: 'high',
    action: 'Replace the privileged directory role with a narrower permission or scoped role.',
  },
  'AA-ENT-CONSENT-001': {
    effort: 'medium',
    action: 'Replace tenant-wide consent for high-risk scopes with per-user consent or remove them.',
  },
  'AA-ENT-3P-001': {
    effort: 'medium',
    action: 'Review the vendor app’s permissions with the vendor and revoke the rest.',
  },
  'AA-LIFE-DORMANT-001': {
    effort: 'medium',
    action: 'Confirm with the owner, then disable and later delete the dormant identity.',
  },
  'AA-LIFE-OWNER-001': { effort: 'low', action: 'Assign an accountable owner or sponsor.' },
  'AA-LIFE-OWNER-002': { effort: 'low', action: 'Add an active owner and remove the disabled one.' },
  'AA-AGT-SHARED-001': { effort: 'high', action: 'Give each agent its own execution role.' },
  'AA-AGT-SHARED-002': {
    effort: 'high',
    action: 'Give each external workload its own app or agent identity.',
  },
  'AA-AGT-MODEL-001': { effort: 'low', action: 'Restrict model invocation to the approved model ARNs.' },
  'AA-AGT-HUMAN-001': { effort: 'low', action: 'Remove people from the agent role’s trust policy.' },
  'AA-AGT-PRIV-001': {
    effort: 'high',
    action: 'Scope the agent’s data permissions to the sites, mailboxes or resources it serves.',
  },
};

/** The rule's plan; undefined for a rule this table does not know yet. */
export function planOf(ruleId: string): RulePlan | undefined {
  return RULE_PLAN[ruleId];
}

export function effortOf(ruleId: string): Effort {
  return RULE_PLAN[ruleId]?.effort ?? 'medium';
}

/** Rules the table knows, so a test can check every registered rule is classified. */
export function classifiedRules(): string[] {
  return Object.keys(RULE_PLAN);
}
