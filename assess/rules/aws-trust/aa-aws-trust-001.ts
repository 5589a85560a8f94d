import { asi, nhi, zeroTrust, iso42001 } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { flattenConditions, isRestricting, principalAccount } from '../../util/aws-policy';
import { trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';
import { grantsAssumeRole } from './assume';

/** Keys that tie a cross-account caller to a shared secret or to the client's organisation. */
const PINNING_KEYS = new Set(['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths']);

export const rule: Rule = {
  id: 'AA-AWS-TRUST-001',
  title: 'Cross-account trust without an external id',
  severity: 'high',
  area: 'aws-trust',
  rationale:
    "A role trusted by another company's account is how SaaS vendors and partners get in. Without `sts:ExternalId` the vendor can be tricked into using its access against this account for another customer (confused deputy), and nothing ties the access to this one relationship.",
  remediation:
    'Agree an external id with the vendor and require it: `"Condition": {"StringEquals": {"sts:ExternalId": "<id>"}}`, then `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`. If the account is the client\'s own, add it to the engagement\'s trusted accounts.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  frameworks: [nhi(3), nhi(8), asi(3), zeroTrust(6), iso42001('A.10.3')],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      if (trust.principalType !== 'AWS' || !grantsAssumeRole(trust)) continue;
      const account = principalAccount(trust.principal);
      if (!account || ctx.clientAccounts.has(account)) continue;
      const pinned = flattenConditions(trust.conditions).some(
        (c) => PINNING_KEYS.has(c.key) && isRestricting(c),
      );
      if (pinned) continue;
      hits.push({
        discriminator: trust.id,
        message: `${identity.name} can be assumed from account ${account}, which is not one of the assessed accounts, without an external id`,
        evidence: [trustEvidence(trust, `Trusts ${trust.principal} with no sts:ExternalId condition`)],
      });
    }
    return hits;
  },
};
