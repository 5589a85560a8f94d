import { asi, cisAws, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { asList } from '../../util/aws-policy';
import { grantEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-POL-001',
  title: 'Policy allowing "*:*" attached',
  severity: 'high',
  area: 'aws-privilege',
  rationale:
    'CIS asks that no attached policy contains `"Effect": "Allow", "Action": "*", "Resource": "*"`. Each such policy is reported by name so it can be detached or rewritten wherever it is attached.',
  remediation:
    'Detach the policy (`aws iam detach-role-policy --role-name <role> --policy-arn <arn>`, `detach-user-policy`, `detach-group-policy`) or delete the inline one (`aws iam delete-role-policy --role-name <role> --policy-name <name>`), after granting the specific permissions needed.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  frameworks: [nhi(5), asi(3), ...cisAws('1.15', '2.14')],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const byPolicy = new Map<string, RuleHit>();
    for (const g of rowsOf(ctx.index.grants, identity.id)) {
      if (g.kind === 'aws-managed-policy-ref' && /:policy\/AdministratorAccess$/.test(g.policyArn)) {
        byPolicy.set(g.policyArn, {
          discriminator: g.policyArn,
          message: `${identity.name} has AWS managed policy AdministratorAccess attached${g.attachedVia ? ` via ${g.attachedVia}` : ''}`,
          evidence: [grantEvidence(g, 'AdministratorAccess attached')],
        });
        continue;
      }
      if (g.kind !== 'aws-policy-statement' || g.statement.Effect !== 'Allow') continue;
      if (!asList(g.statement.Action).includes('*') || !asList(g.statement.Resource).includes('*')) continue;
      const key = g.policyArn ?? `inline:${g.policyName}`;
      if (byPolicy.has(key)) continue;
      byPolicy.set(key, {
        discriminator: key,
        message: `${identity.name} has ${g.policyType} policy ${g.policyName} allowing "*" on "*"${g.attachedVia ? ` via ${g.attachedVia}` : ''}`,
        evidence: [grantEvidence(g, `${g.policyName} statement ${g.statementIndex}: Allow * on *`)],
      });
    }
    return [...byPolicy.values()];
  },
};
