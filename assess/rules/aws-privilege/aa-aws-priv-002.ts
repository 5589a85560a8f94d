import { asi, nhi, zeroTrust } from '../../frameworks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-002',
  title: 'Privilege escalation path',
  severity: 'high',
  area: 'aws-privilege',
  rationale:
    'The identity is not an administrator but holds a combination of IAM or service permissions (create access keys for others, attach policies, pass a role to new compute, update a trust policy, ...) that lets it give itself more privileges. One finding lists every method found, so a role with twenty methods is one item to fix, not twenty.',
  remediation:
    'Remove the permissions that make up each listed method, or scope them to resources that cannot lead to more privilege (e.g. `iam:PassRole` only on specific role ARNs with an `iam:PassedToService` condition). Apply with `aws iam put-role-policy` / `aws iam create-policy-version --set-as-default`, and add a permissions boundary that denies IAM writes.',
  references: [
    'https://pathfinding.cloud/',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  ],
  frameworks: [nhi(5), asi(3), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    // An admin gains nothing by escalating; AA-AWS-PRIV-001 already covers it.
    if (!p || p.adminEquivalent || p.escalations.length === 0) return [];
    const methods = [...p.escalations].sort((a, b) =>
      a.method < b.method ? -1 : a.method > b.method ? 1 : 0,
    );
    const reachesAdmin = methods.some((m) => m.reachesAdmin);
    // AA-AWS-PRIV-006 stays silent then: the path to the admin role is shown here.
    const paths = reachesAdmin
      ? p.adminReach.map((r) => ({
          type: 'path' as const,
          summary: `${identity.name} -> ${r.targetName} via ${r.hops.map((h) => h.via).join(' -> ')}`,
          ref: r.targetId,
          data: { hops: r.hops },
        }))
      : [];
    return [
      {
        discriminator: 'escalation',
        ...(reachesAdmin ? { severity: 'critical' as const } : {}),
        message: `${identity.name} can escalate its privileges by ${methods.length} method(s): ${methods.map((m) => m.method).join(', ')}`,
        evidence: [
          ...methods.flatMap((m) => [
            {
              type: 'path' as const,
              summary: `${m.method}: ${m.summary}`,
              ...(m.reference ? { data: { reference: m.reference } } : {}),
            },
            ...m.evidence,
          ]),
          ...paths,
        ],
      },
    ];
  },
};
