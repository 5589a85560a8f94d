import { cisAws, nhi } from '../../frameworks';
import { daysSince } from '../../util/time';
import { rowsOf } from '../../inventory-index';
import { awsUserName, credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-KEY-003',
  title: 'Active access key never used',
  severity: 'low',
  area: 'aws-credentials',
  rationale:
    'A key that was created and never used is either not needed or waiting in a configuration somewhere; either way it is a working secret with no owner watching it.',
  remediation:
    'Delete the key unless a deployment that needs it is imminent: `aws iam delete-access-key --user-name <user> --access-key-id <key-id>` (ids from `aws iam list-access-keys --user-name <user>`).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
  frameworks: [nhi(1), nhi(7), ...cisAws('1.11', '2.11')],
  appliesTo: { providers: ['aws'], kinds: ['aws-user'] },
  evaluate(ctx, identity) {
    const grace = ctx.settings.thresholds.neverUsedGraceDays;
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'access-key' && c.status === 'active' && !c.lastUsedAt)
      .flatMap((c) => {
        const age = daysSince(c.createdAt, ctx.nowMs);
        if (age === undefined || age <= grace) return [];
        return [
          {
            discriminator: c.nativeId,
            message: `${c.name ?? c.nativeId} of ${awsUserName(identity)} was created ${age} days ago and has never been used`,
            evidence: [credentialEvidence(c, `Created ${c.createdAt}, no recorded use`)],
          },
        ];
      });
  },
};
