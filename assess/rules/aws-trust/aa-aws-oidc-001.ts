import { asi, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';
import { claimConditions, oidcIssuer, wildcardBreadth, type SubjectBreadth } from './oidc';

const SEVERITY = { any: 'critical', organisation: 'high', pattern: 'high', repository: 'medium' } as const;
const RANK: Record<SubjectBreadth, number> = { any: 3, organisation: 2, pattern: 2, repository: 1 };
const MEANING: Record<SubjectBreadth, string> = {
  any: 'any repository or workload of any owner',
  organisation: 'any repository of the organisation',
  pattern: 'any subject matching the pattern',
  repository: 'any branch, tag, environment or pull request of the repository',
};

export const rule: Rule = {
  id: 'AA-AWS-OIDC-001',
  title: 'OIDC federation trust with a wildcard subject',
  severity: 'high',
  area: 'aws-trust',
  rationale:
    "With web identity federation the `sub` claim is the only thing that says which workload may assume the role. A wildcard there lets other repositories, branches or pull requests (or, with `repo:*`, anyone on GitHub) obtain the role's credentials.",
  remediation:
    'Pin the subject to the exact repository and ref or environment, e.g. `"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:<org>/<repo>:environment:<env>"}`, and apply it: `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
  ],
  frameworks: [nhi(6), nhi(4), asi(3), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      const issuer = oidcIssuer(trust);
      if (!issuer) continue;
      let worst: { breadth: SubjectBreadth; value: string } | undefined;
      for (const c of claimConditions(trust, issuer, 'sub')) {
        for (const value of c.values) {
          const breadth = wildcardBreadth(issuer, c.operator, value);
          if (breadth && (!worst || RANK[breadth] > RANK[worst.breadth])) worst = { breadth, value };
        }
      }
      if (!worst) continue;
      hits.push({
        discriminator: trust.id,
        severity: SEVERITY[worst.breadth],
        message: `${identity.name} trusts ${issuer} for subject "${worst.value}": ${MEANING[worst.breadth]} can assume it`,
        evidence: [trustEvidence(trust, `Federated trust, sub condition "${worst.value}"`)],
      });
    }
    return hits;
  },
};
