import { asi, euAiAct, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { isAgent, trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';
import { grantsAssumeRole } from '../aws-trust/assume';

/** IAM users and IAM Identity Center permission-set roles are people. */
function humanPrincipal(arn: string): string | undefined {
  if (/:user\//.test(arn)) return 'IAM user';
  if (
    /:role\/aws-reserved\/sso\.amazonaws\.com\/|:assumed-role\/AWSReservedSSO_|:role\/AWSReservedSSO_/.test(
      arn,
    )
  ) {
    return 'IAM Identity Center role';
  }
  return undefined;
}

export const rule: Rule = {
  id: 'AA-AGT-HUMAN-001',
  title: "People can assume an agent's identity",
  severity: 'medium',
  area: 'agents',
  rationale:
    "If people can assume the role an agent runs as, their actions are logged as the agent's. That hides human activity behind the agent, lets people use permissions granted for automation, and makes it impossible to tell afterwards what the agent did on its own.",
  remediation:
    "Remove human principals from the agent role's trust policy and give people their own role for troubleshooting: edit the trust policy and apply `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`.",
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html'],
  frameworks: [nhi(10), asi(9), asi(3), euAiAct(12), euAiAct(14)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    if (!isAgent(ctx, identity)) return [];
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      if (trust.principalType !== 'AWS' || !grantsAssumeRole(trust)) continue;
      const kind = humanPrincipal(trust.principal);
      if (!kind) continue;
      hits.push({
        discriminator: trust.id,
        message: `${kind} ${trust.principal} can assume agent role ${identity.name}`,
        evidence: [trustEvidence(trust, `Trust policy names ${kind} ${trust.principal}`)],
      });
    }
    return hits;
  },
};
