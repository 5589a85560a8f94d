import { asi, cisAws, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { flattenConditions, isRestricting } from '../../util/aws-policy';
import { trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';
import { grantsAssumeRole } from './assume';

/** Conditions that narrow `*` to the client's organisation, an account or a known caller. */
const NARROWING_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:userid',
]);

export const rule: Rule = {
  id: 'AA-AWS-TRUST-002',
  title: 'Role trusts any AWS principal',
  severity: 'critical',
  area: 'aws-trust',
  rationale:
    'A trust policy with `"Principal": "*"` (or `{"AWS": "*"}`) lets any AWS account in the world call sts:AssumeRole on the role. Unless a condition pins the caller to the client\'s organisation or accounts, the role\'s permissions are public.',
  remediation:
    'Name the trusted principals explicitly, or add `"Condition": {"StringEquals": {"aws:PrincipalOrgID": "<o-id>"}}`, then `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
  ],
  // A trust policy is the role's resource policy: CIS v7 2.21 (no v5 equivalent) covers `Principal: *`.
  frameworks: [nhi(6), nhi(5), asi(3), ...cisAws(null, '2.21'), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      const anyone =
        trust.principalType === '*' || (trust.principalType === 'AWS' && trust.principal === '*');
      if (!anyone || !grantsAssumeRole(trust)) continue;
      const conditions = flattenConditions(trust.conditions).filter(isRestricting);
      if (conditions.some((c) => NARROWING_KEYS.has(c.key))) continue;
      const externalIdOnly = conditions.some((c) => c.key === 'sts:externalid');
      hits.push({
        discriminator: trust.id,
        ...(externalIdOnly ? { severity: 'high' as const } : {}),
        message: externalIdOnly
          ? `${identity.name} trusts every AWS principal, guarded only by an external id (which is not a secret)`
          : `${identity.name} trusts every AWS principal with no condition that narrows who can assume it`,
        evidence: [trustEvidence(trust, 'Trust statement with Principal "*"')],
      });
    }
    return hits;
  },
};
