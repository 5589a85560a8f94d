/**
 * Admin-equivalence with evidence: which statements make the identity an administrator, on
 * what basis (`*`, `iam:*`, AdministratorAccess, a NotAction list, the root user), and which
 * denies or conditions touch it. See privilege.ts for the definition.
 */
import { describeCondition } from './conditions';
import type { AwsPrincipal } from './principals';
import type { PrivilegeOracle } from './privilege';
import { displayResources } from './statements';
import type { AdminBasis, AdminEvidence } from './types';

const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

const SUMMARY: Record<AdminBasis, string> = {
  'root-user': 'The account root user is not limited by IAM policies.',
  'administrator-access': 'AdministratorAccess is attached: every action on every resource.',
  'wildcard-all': 'Allows every action (*) on every resource without a condition.',
  'iam-wildcard': 'Allows iam:* on every resource without a condition: it can grant itself anything.',
  'not-action':
    'A NotAction statement on every resource leaves IAM permission management allowed: it can grant itself anything.',
  'iam-permissions-management':
    'Allows every IAM permissions-management action on every resource: it can grant itself anything.',
};

export interface AdminDetection {
  admin: AdminEvidence | null;
  /** Admin only under a condition (e.g. MFA, source IP): reported apart, with the conditions. */
  constrainedAdmin: AdminEvidence | null;
}

export function detectAdmin(p: AwsPrincipal, oracle: PrivilegeOracle): AdminDetection {
  const result = oracle.admin(p.profile);
  if (!result.admin && !result.constrained) return { admin: null, constrainedAdmin: null };
  const matched = result.statements.map((stmt) => ({ stmt, layer: 'identity' as const }));
  const statements = p.permissions.statementEvidence(matched);
  let basis: AdminBasis = 'iam-permissions-management';
  if (p.isRoot) basis = 'root-user';
  else if (statements.some((e) => e.policyArn && ADMINISTRATOR_ACCESS.test(e.policyArn)))
    basis = 'administrator-access';
  else if (result.statements.some((s) => !s.notAction && s.actionPatterns.includes('*')))
    basis = 'wildcard-all';
  else if (result.statements.some((s) => s.notAction)) basis = 'not-action';
  else if (result.statements.some((s) => s.actionPatterns.includes('iam:*'))) basis = 'iam-wildcard';

  const notes: string[] = [];
  for (const deny of result.partialDenies) {
    const grants = [
      ...(p.evidence.identity.get(deny.id) ?? []),
      ...(p.evidence.boundary.get(deny.id) ?? []),
      ...(p.evidence.scp.get(deny.id) ?? []),
    ].map((e) => e.grantId);
    const what = `Deny ${deny.notAction ? 'NotAction ' : ''}${deny.actionPatterns.join(', ')} on ${displayResources(deny).join(', ')}`;
    notes.push(
      `${what}${deny.condition ? ` when ${describeCondition(deny.condition)}` : ''} (${grants.join(', ') || 'unattributed'}) narrows but does not remove it.`,
    );
  }
  if (p.profile.boundary) notes.push('A permissions boundary applies and allows it.');
  if (p.profile.scp) notes.push('Service control policies for the account were applied and allow it.');

  if (result.admin)
    return { admin: { basis, summary: SUMMARY[basis], statements, notes }, constrainedAdmin: null };
  const conditions = result.statements.flatMap((s) => (s.condition ? [s.condition] : []));
  return {
    admin: null,
    constrainedAdmin: {
      basis,
      summary: `Admin-equivalent only when a condition holds (${conditions.map(describeCondition).join(' | ')}); unconditionally it is not.`,
      statements,
      notes,
      conditions,
    },
  };
}
