import { cisAws, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { awsUserName, credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-KEY-004',
  title: 'Two active access keys on one user',
  severity: 'low',
  area: 'aws-credentials',
  rationale:
    'Two active keys are only needed during a rotation. Left in place, the old key keeps working wherever it was copied, and nobody knows which systems use which key.',
  remediation:
    'Find the key still in use (`aws iam get-access-key-last-used --access-key-id <key-id>` for both), then deactivate the other: `aws iam update-access-key --user-name <user> --access-key-id <unused-key-id> --status Inactive`.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  frameworks: [nhi(7), nhi(9), ...cisAws('1.12', null)],
  appliesTo: { providers: ['aws'], kinds: ['aws-user'] },
  evaluate(ctx, identity) {
    const active = rowsOf(ctx.index.credentials, identity.id).filter(
      (c) => c.kind === 'access-key' && c.status === 'active',
    );
    if (active.length < 2) return [];
    return [
      {
        discriminator: 'two-active-keys',
        message: `${awsUserName(identity)} has ${active.length} active access keys`,
        evidence: active.map((c) => credentialEvidence(c, `${c.name ?? c.nativeId} is active`)),
      },
    ];
  },
};
