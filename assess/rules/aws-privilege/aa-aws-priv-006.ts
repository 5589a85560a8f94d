import { asi, nhi, zeroTrust } from '../../frameworks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-006',
  title: 'Can become an administrator role',
  severity: 'critical',
  area: 'aws-privilege',
  rationale:
    'Through sts:AssumeRole, or iam:PassRole to compute it can create, the identity can act as an administrator-equivalent role. Its own policy looks harmless; the chain is what makes it an admin.',
  remediation:
    "Break the chain at the cheapest hop: remove the admin role's trust of this principal (`aws iam update-assume-role-policy --role-name <admin-role> --policy-document file://trust.json`), or restrict `sts:AssumeRole`/`iam:PassRole` in this identity's policy to non-admin role ARNs.",
  references: [
    'https://github.com/nccgroup/PMapper',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  ],
  frameworks: [nhi(5), asi(3), asi(8), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p || p.adminEquivalent || p.adminReach.length === 0) return [];
    // An escalation method that itself reaches an admin (e.g. PassRole of the admin role to a new
    // Lambda) is AA-AWS-PRIV-002's critical finding, which carries this path too: one finding, not two.
    if (p.escalations.some((m) => m.reachesAdmin)) return [];
    const reach = [...p.adminReach].sort((a, b) =>
      a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0,
    );
    const chain = (r: (typeof reach)[number]) => r.hops.map((h) => h.via).join(' -> ');
    return [
      {
        discriminator: 'admin-reach',
        message: `${identity.name} can become administrator-equivalent ${reach.map((r) => `${r.targetName} (${chain(r)})`).join('; ')}`,
        evidence: reach.flatMap((r) => [
          {
            type: 'path',
            summary: `${identity.name} -> ${r.targetName} via ${chain(r)}`,
            ref: r.targetId,
            data: { hops: r.hops },
          },
          ...r.evidence,
        ]),
      },
    ];
  },
};
