import { cisAws, nhi, asi, zeroTrust } from '../../frameworks';
import { daysSince } from '../../util/time';
import { rowsOf } from '../../inventory-index';
import { awsUserName, credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-KEY-001',
  title: 'Access key not rotated within the maximum age',
  severity: 'medium',
  area: 'aws-credentials',
  rationale:
    'An access key is a long-lived secret: the longer it lives, the more copies exist in CI variables, laptops and logs, and the longer a leaked copy keeps working. CIS asks for rotation every 90 days; for workloads that can use a role, no key at all is better.',
  remediation:
    'Move the workload to an IAM role (instance profile, IRSA, Lambda execution role or OIDC federation) and delete the key. If a key must stay: `aws iam create-access-key --user-name <user>`, deploy the new key, then `aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive` and after a quiet period `aws iam delete-access-key --user-name <user> --access-key-id <old-key-id>` (list key ids with `aws iam list-access-keys --user-name <user>`).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#rotate-credentials',
  ],
  frameworks: [nhi(7), nhi(2), asi(3), ...cisAws('1.13', '2.12'), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-user'] },
  evaluate(ctx, identity) {
    const max = ctx.settings.thresholds.keyMaxAgeDays;
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'access-key' && c.status === 'active')
      .flatMap((c) => {
        const age = daysSince(c.createdAt, ctx.nowMs);
        if (age === undefined || age <= max) return [];
        return [
          {
            discriminator: c.nativeId,
            message: `${c.name ?? c.nativeId} of ${awsUserName(identity)} is ${age} days old (maximum ${max})`,
            evidence: [credentialEvidence(c, `Active access key created or last rotated ${c.createdAt}`)],
          },
        ];
      });
  },
};
