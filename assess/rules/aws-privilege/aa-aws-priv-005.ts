import { asi, nhi, zeroTrust } from '../../frameworks';
import type { Rule } from '../types';
import { capabilityHit } from './shared';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-005',
  title: 'Can expose resources by changing their policies',
  severity: 'high',
  area: 'aws-privilege',
  rationale:
    'Permissions-management actions on resource policies (s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, sns/sqs SetQueueAttributes, ...) let the identity open a resource to another account or to the public, bypassing every identity-based control.',
  remediation:
    'Remove resource-policy write actions from the workload, or scope them to its own resources and guard with `aws:ResourceAccount`/`aws:PrincipalOrgID` conditions; apply with `aws iam put-role-policy ...`. Add an SCP or RCP that blocks public and cross-organisation resource policies.',
  references: ['https://github.com/salesforce/cloudsplaining#resource-exposure'],
  frameworks: [nhi(5), nhi(6), asi(3), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p || p.adminEquivalent) return [];
    return capabilityHit(
      ctx,
      identity,
      p.resourceExposure,
      'resource-exposure',
      'can change resource policies',
    );
  },
};
