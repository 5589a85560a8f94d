import { asi, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { isRestricting } from '../../util/aws-policy';
import { trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';
import { claimConditions, GITHUB_ISSUER, oidcIssuer, otherRestrictingClaims } from './oidc';

export const rule: Rule = {
  id: 'AA-AWS-OIDC-002',
  title: 'OIDC federation trust without a subject condition',
  severity: 'critical',
  area: 'aws-trust',
  rationale:
    'Without a `sub` condition every identity the provider issues tokens for can assume the role. For GitHub Actions that is every workflow in every repository on github.com; for an EKS cluster it is every service account in the cluster.',
  remediation:
    'Add a subject condition naming the one workload, e.g. `"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:<org>/<repo>:ref:refs/heads/main"}` (EKS: `"oidc.eks.<region>.amazonaws.com/id/<id>:sub": "system:serviceaccount:<ns>:<sa>"`), then `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
  ],
  frameworks: [nhi(6), nhi(4), asi(3), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      const issuer = oidcIssuer(trust);
      // Cognito identity pools are scoped by aud (the pool id), not sub: AA-AWS-OIDC-003 covers them.
      if (!issuer || issuer === 'cognito-identity.amazonaws.com') continue;
      if (claimConditions(trust, issuer, 'sub').some(isRestricting)) continue;
      const others = otherRestrictingClaims(trust, issuer);
      if (others.length > 0) continue;
      hits.push({
        discriminator: trust.id,
        message:
          issuer === GITHUB_ISSUER
            ? `${identity.name} trusts GitHub Actions with no subject condition: any workflow of any repository on GitHub can assume it`
            : `${identity.name} trusts ${issuer} with no subject condition: any identity of that issuer can assume it`,
        ...(issuer === GITHUB_ISSUER ? {} : { severity: 'high' as const }),
        evidence: [trustEvidence(trust, `Federated trust for ${issuer} without a ${issuer}:sub condition`)],
      });
    }
    return hits;
  },
};
