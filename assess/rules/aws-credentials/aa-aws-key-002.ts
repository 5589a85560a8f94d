import { cisAws, nhi, aiRmf } from '../../frameworks';
import { daysSince } from '../../util/time';
import { rowsOf } from '../../inventory-index';
import { awsUserName, credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-KEY-002',
  title: 'Active access key unused for longer than the threshold',
  severity: 'medium',
  area: 'aws-credentials',
  rationale:
    'A key nobody uses still works for whoever holds a copy. Unused keys are the typical remains of retired scripts, pipelines and agents that were never offboarded.',
  remediation:
    'Confirm the key is not needed (`aws iam get-access-key-last-used --access-key-id <key-id>`), then deactivate it: `aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive`, and delete it after the observation period: `aws iam delete-access-key --user-name <user> --access-key-id <key-id>`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials',
  ],
  frameworks: [nhi(1), nhi(7), ...cisAws('1.11', '2.11'), aiRmf('GOVERN 1.7')],
  appliesTo: { providers: ['aws'], kinds: ['aws-user'] },
  evaluate(ctx, identity) {
    const limit = ctx.settings.thresholds.keyUnusedDays;
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'access-key' && c.status === 'active' && c.lastUsedAt)
      .flatMap((c) => {
        const idle = daysSince(c.lastUsedAt, ctx.nowMs);
        if (idle === undefined || idle <= limit) return [];
        return [
          {
            discriminator: c.nativeId,
            message: `${c.name ?? c.nativeId} of ${awsUserName(identity)} was last used ${idle} days ago (threshold ${limit})`,
            evidence: [credentialEvidence(c, `Last used ${c.lastUsedAt}`)],
          },
        ];
      });
  },
};
