import { cisAws, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { awsUserName, grantEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-USER-002',
  title: 'Workload user with policies attached directly',
  severity: 'low',
  area: 'aws-credentials',
  rationale:
    'Policies attached to the user itself, rather than through a group or better a role, are the ones that escape review: each user grows its own permission set and nobody compares them.',
  remediation:
    'Prefer an IAM role for the workload. Otherwise move the permissions to a group: `aws iam add-user-to-group --user-name <user> --group-name <group>`, then `aws iam detach-user-policy --user-name <user> --policy-arn <arn>` and `aws iam delete-user-policy --user-name <user> --policy-name <name>`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions',
  ],
  frameworks: [nhi(5), ...cisAws('1.14', '2.13')],
  appliesTo: { providers: ['aws'], kinds: ['aws-user'] },
  evaluate(ctx, identity) {
    // Only users that act as workloads: they hold an active access key or service credential.
    const machine = rowsOf(ctx.index.credentials, identity.id).some(
      (c) => (c.kind === 'access-key' || c.kind === 'service-specific') && c.status === 'active',
    );
    if (!machine) return [];
    const direct = new Map<string, ReturnType<typeof grantEvidence>>();
    for (const g of rowsOf(ctx.index.grants, identity.id)) {
      if (g.kind !== 'aws-policy-statement' && g.kind !== 'aws-managed-policy-ref') continue;
      if (g.attachedVia) continue;
      const name = g.policyName;
      if (!direct.has(name)) direct.set(name, grantEvidence(g, `Policy ${name} attached to the user`));
    }
    if (direct.size === 0) return [];
    const names = [...direct.keys()].sort();
    return [
      {
        discriminator: 'direct-policies',
        message: `${awsUserName(identity)} gets permissions from ${names.length} policies attached to it directly: ${names.join(', ')}`,
        evidence: names.map((n) => direct.get(n)).filter((e) => e !== undefined),
      },
    ];
  },
};
