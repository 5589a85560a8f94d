import { nhi } from '../../frameworks';
import { isBedrockCredential } from '../../classify/aws-signals';
import { rowsOf } from '../../inventory-index';
import { toMs } from '../../util/time';
import { awsUserName, credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-BRK-002',
  title: 'Expired Bedrock API key left in place',
  severity: 'low',
  area: 'aws-credentials',
  rationale:
    'An expired key no longer authenticates, but keeping it hides which keys are really in use and leaves a user that exists only to hold API keys. Clean-up keeps the inventory honest.',
  remediation:
    'Delete the expired key: `aws iam delete-service-specific-credential --user-name <user> --service-specific-credential-id <id>`; delete the user too if it holds nothing else (`aws iam delete-user --user-name <user>` after detaching its policies).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html'],
  frameworks: [nhi(1), nhi(7)],
  appliesTo: { providers: ['aws'], kinds: ['aws-user', 'api-key'] },
  evaluate(ctx, identity) {
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'service-specific' && isBedrockCredential(c.attributes))
      .filter((c) => c.status === 'expired' || (toMs(c.expiresAt) ?? Infinity) < ctx.nowMs)
      .map((c) => ({
        discriminator: c.nativeId,
        message: `Bedrock API key ${c.name ?? c.nativeId} of ${awsUserName(identity)} expired ${c.expiresAt ?? '(date unknown)'} and is still present`,
        evidence: [credentialEvidence(c, `Expired ${c.expiresAt ?? ''}`.trim())],
      }));
  },
};
