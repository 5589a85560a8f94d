import { asi, nhi, euAiAct } from '../../frameworks';
import { isBedrockCredential } from '../../classify/aws-signals';
import { rowsOf } from '../../inventory-index';
import { daysBetween, daysUntil } from '../../util/time';
import { awsUserName, credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AWS-BRK-001',
  title: 'Long-lived Bedrock API key',
  severity: 'high',
  area: 'aws-credentials',
  rationale:
    "A long-term Bedrock API key is a bearer token: whoever has the string can call models on the account's bill and with the user's permissions, from anywhere. AWS positions long-term keys for exploration and recommends short-term keys (valid up to 12 hours) or IAM roles for anything that runs.",
  remediation:
    'Switch the caller to short-term Bedrock API keys or SigV4 with a role, then delete the key: `aws iam delete-service-specific-credential --user-name <user> --service-specific-credential-id <id>`. If one must stay, recreate it with an expiry: `aws iam create-service-specific-credential --user-name <user> --service-name bedrock.amazonaws.com --credential-age-days 30`.',
  references: [
    'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html',
  ],
  frameworks: [nhi(7), nhi(2), asi(3), euAiAct(15)],
  appliesTo: { providers: ['aws'], kinds: ['aws-user', 'api-key'] },
  evaluate(ctx, identity) {
    const max = ctx.settings.thresholds.bedrockKeyMaxLifetimeDays;
    return rowsOf(ctx.index.credentials, identity.id)
      .filter(
        (c) => c.kind === 'service-specific' && c.status === 'active' && isBedrockCredential(c.attributes),
      )
      .flatMap((c) => {
        if (!c.expiresAt) {
          return [
            {
              discriminator: c.nativeId,
              message: `Bedrock API key ${c.name ?? c.nativeId} of ${awsUserName(identity)} never expires`,
              evidence: [
                credentialEvidence(c, 'Service-specific credential for Bedrock without expiration date'),
              ],
            },
          ];
        }
        const lifetime = daysBetween(c.createdAt, c.expiresAt);
        if (lifetime === undefined || lifetime <= max) return [];
        const left = daysUntil(c.expiresAt, ctx.nowMs);
        return [
          {
            discriminator: c.nativeId,
            severity: 'medium' as const,
            message: `Bedrock API key ${c.name ?? c.nativeId} of ${awsUserName(identity)} lives ${lifetime} days (maximum ${max}; ${left ?? '?'} days left)`,
            evidence: [credentialEvidence(c, `Created ${c.createdAt}, expires ${c.expiresAt}`)],
          },
        ];
      });
  },
};
