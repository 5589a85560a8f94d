import { aiRmf, asi, nhi } from '../../frameworks';
import type { Rule } from '../types';
import { capabilityHit } from './shared';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-004',
  title: 'Can exfiltrate data on broad resources',
  severity: 'medium',
  area: 'aws-privilege',
  rationale:
    'Read actions such as s3:GetObject, secretsmanager:GetSecretValue, ssm:GetParameter or dynamodb:Scan on `*` let the identity read every bucket, secret, parameter or table in the account. An agent with this reach can be talked into leaking data it was never meant to see.',
  remediation:
    'Limit data-reading actions to the buckets, tables and keys the workload owns (resource ARNs, `aws:ResourceTag` conditions) and apply with `aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://policy.json`.',
  references: ['https://github.com/salesforce/cloudsplaining#data-exfiltration'],
  frameworks: [nhi(5), asi(2), asi(3), aiRmf('MEASURE 2.7')],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p || p.adminEquivalent) return [];
    return capabilityHit(
      ctx,
      identity,
      p.dataExfiltration,
      'data-exfiltration',
      'can read data account-wide',
    );
  },
};
