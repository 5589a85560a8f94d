import { asi, nhi } from '../../frameworks';
import type { Rule } from '../types';
import { capabilityHit } from './shared';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-003',
  title: 'Can read or mint credentials',
  severity: 'high',
  area: 'aws-privilege',
  rationale:
    "Actions such as iam:CreateAccessKey, iam:CreateServiceSpecificCredential, sts:GetFederationToken, ecr:GetAuthorizationToken, redshift:GetClusterCredentials or ec2:GetPasswordData on broad resources mint or hand out credentials (cloudsplaining's credentials-exposure list). From there the identity, or whoever controls it such as a hijacked agent, reaches systems far beyond its own permissions.",
  remediation:
    'Scope credential-returning actions to the specific user, cluster or repository ARNs the workload needs and remove them elsewhere; apply with `aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://policy.json`.',
  references: ['https://github.com/salesforce/cloudsplaining#credentials-exposure'],
  frameworks: [nhi(2), nhi(5), asi(3), asi(2)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p || p.adminEquivalent) return [];
    return capabilityHit(
      ctx,
      identity,
      p.credentialExposure,
      'credential-exposure',
      'can obtain credentials',
    );
  },
};
