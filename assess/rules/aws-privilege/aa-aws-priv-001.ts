import { asi, cisAws, nhi, zeroTrust } from '../../frameworks';
import type { Rule } from '../types';
import { capabilityHit } from './shared';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-001',
  title: 'Administrator-equivalent identity',
  severity: 'critical',
  area: 'aws-privilege',
  rationale:
    'The identity can do everything in the account, either directly (`*:*`, AdministratorAccess) or because it can rewrite its own permissions. For a workload or agent that means any bug, leaked credential or prompt injection is an account takeover.',
  remediation:
    'Replace the broad grant with a policy listing only the actions and resources the workload uses (IAM Access Analyzer can generate one from CloudTrail: `aws accessanalyzer start-policy-generation ...`), then detach the admin policy: `aws iam detach-role-policy --role-name <role> --policy-arn <arn>` (users: `detach-user-policy`; inline: `delete-role-policy`). Add a permissions boundary to contain future changes.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html',
  ],
  frameworks: [nhi(5), asi(3), ...cisAws('1.15', '2.14'), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const admin = ctx.aws.byIdentity.get(identity.id)?.adminEquivalent;
    const what = admin?.conditional
      ? 'is administrator-equivalent when its policy conditions hold'
      : 'is administrator-equivalent';
    const hits = capabilityHit(ctx, identity, admin, 'admin', what);
    // Admin only under a condition (source IP, MFA, tags) is serious but one step removed.
    return admin?.conditional ? hits.map((h) => ({ ...h, severity: 'high' as const })) : hits;
  },
};
