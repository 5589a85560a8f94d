import { cisAws, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-KEY-005',
  title: 'Root user access key exists',
  severity: 'critical',
  area: 'aws-credentials',
  rationale:
    'A root access key can do anything in the account, cannot be limited by IAM policies or permission boundaries, and is a non-human credential on the most powerful identity there is.',
  remediation:
    'Sign in as the root user, open Security credentials and delete the access keys. With centralized root access in AWS Organizations, from the management account: `aws sts assume-root --target-principal <account-id> --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials`, then with those credentials `aws iam delete-access-key --access-key-id <key-id>`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
  ],
  frameworks: [nhi(5), nhi(7), nhi(10), ...cisAws('1.3', '2.4'), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-root'] },
  evaluate(ctx, identity) {
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'access-key')
      .map((c) => ({
        discriminator: c.nativeId,
        message: `Root user of account ${identity.account} has ${c.status} ${c.name ?? c.nativeId}`,
        // An inactive root key can be re-activated by anyone with root access: still high.
        ...(c.status === 'active' ? {} : { severity: 'high' as const }),
        evidence: [credentialEvidence(c, `Root ${c.name ?? c.nativeId} (${c.status})`)],
      }));
  },
};
