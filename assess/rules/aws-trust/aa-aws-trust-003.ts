import { asi, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { flattenConditions, isRestricting } from '../../util/aws-policy';
import { trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';
import { grantsAssumeRole } from './assume';

const AGENT_SERVICES = new Set(['bedrock.amazonaws.com', 'bedrock-agentcore.amazonaws.com']);
const DEPUTY_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths']);

export const rule: Rule = {
  id: 'AA-AWS-TRUST-003',
  title: 'Agent service role without confused-deputy conditions',
  severity: 'medium',
  area: 'aws-trust',
  rationale:
    "Bedrock and AgentCore assume the execution role on behalf of whichever agent or runtime names it. AWS documents `aws:SourceAccount` and `aws:SourceArn` conditions so that only the client's own agents, not another account's, can make the service act with this role.",
  remediation:
    'Add `"Condition": {"StringEquals": {"aws:SourceAccount": "<account-id>"}, "ArnLike": {"aws:SourceArn": "arn:aws:bedrock:<region>:<account-id>:agent/*"}}` (AgentCore: `arn:aws:bedrock-agentcore:<region>:<account-id>:*`), then `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`.',
  references: [
    'https://docs.aws.amazon.com/bedrock/latest/userguide/agents-permissions.html',
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-permissions.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  frameworks: [asi(3), asi(7), nhi(6), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      if (trust.principalType !== 'Service' || !AGENT_SERVICES.has(trust.principal.toLowerCase())) continue;
      if (!grantsAssumeRole(trust)) continue;
      if (flattenConditions(trust.conditions).some((c) => DEPUTY_KEYS.has(c.key) && isRestricting(c)))
        continue;
      hits.push({
        discriminator: trust.id,
        message: `${identity.name} can be assumed by ${trust.principal} for any source account or resource`,
        evidence: [
          trustEvidence(
            trust,
            `Service trust for ${trust.principal} without aws:SourceAccount/aws:SourceArn`,
          ),
        ],
      });
    }
    return hits;
  },
};
