import { nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { isRestricting } from '../../util/aws-policy';
import { trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';
import { claimConditions, oidcIssuer } from './oidc';

export const rule: Rule = {
  id: 'AA-AWS-OIDC-003',
  title: 'OIDC federation trust without an audience condition',
  severity: 'medium',
  area: 'aws-trust',
  rationale:
    'The `aud` claim says which relying party a token was minted for. Without an audience condition, tokens the issuer mints for other audiences are accepted too; for Cognito identity pools the audience is the pool id and its absence admits any pool.',
  remediation:
    'Add the audience condition, e.g. `"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}` (Cognito: `"cognito-identity.amazonaws.com:aud": "<identity-pool-id>"`), then `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html'],
  frameworks: [nhi(6), nhi(4), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      const issuer = oidcIssuer(trust);
      if (!issuer || claimConditions(trust, issuer, 'aud').some(isRestricting)) continue;
      hits.push({
        discriminator: trust.id,
        message: `${identity.name} trusts ${issuer} without an audience (${issuer}:aud) condition`,
        ...(issuer === 'cognito-identity.amazonaws.com' ? { severity: 'critical' as const } : {}),
        evidence: [trustEvidence(trust, `Federated trust for ${issuer} without an aud condition`)],
      });
    }
    return hits;
  },
};
