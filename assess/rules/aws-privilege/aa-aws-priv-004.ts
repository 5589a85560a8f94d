import { aiRmf, asi, nhi } from '../../frameworks';
import type { Rule } from '../types';
import { isAgent } from '../helpers';
import { evidenceFor, isSecretRead } from './credential-actions';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-004',
  title: 'Can exfiltrate data on broad resources',
  severity: 'medium',
  area: 'aws-privilege',
  rationale:
    'Read actions such as s3:GetObject, kms:Decrypt or dynamodb:Scan on `*` let the identity read every bucket, key-protected blob or table in the account. An agent with this reach can be talked into leaking data it was never meant to see. Secret reads (secretsmanager:GetSecretValue, ssm:GetParameter*) are reported by AA-AWS-PRIV-003, once.',
  remediation:
    'Limit data-reading actions to the buckets, tables and keys the workload owns (resource ARNs, `aws:ResourceTag` conditions) and apply with `aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://policy.json`.',
  references: ['https://github.com/salesforce/cloudsplaining#data-exfiltration'],
  frameworks: [nhi(5), asi(2), asi(3), aiRmf('MEASURE 2.7')],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p || p.adminEquivalent || !p.dataExfiltration) return [];
    const actions = p.dataExfiltration.actions.filter((a) => !isSecretRead(a));
    if (actions.length === 0) return [];
    const who = isAgent(ctx, identity) ? `AI agent ${identity.name}` : identity.name;
    const shown = actions.slice(0, 8).join(', ');
    const more = actions.length > 8 ? ` and ${actions.length - 8} more` : '';
    return [
      {
        discriminator: 'data-exfiltration',
        message: `${who} can read data account-wide: ${shown}${more} granted broadly`,
        evidence: evidenceFor(p.dataExfiltration.evidence, actions),
      },
    ];
  },
};
