import { aiRmf, asi, euAiAct, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { toAttributes } from '../../util/json';
import type { Rule } from '../types';

const AGENT_WORKLOADS = new Set(['bedrock-agent', 'agentcore-runtime']);

export const rule: Rule = {
  id: 'AA-AGT-SHARED-001',
  title: 'Several agents run as one identity',
  severity: 'medium',
  area: 'agents',
  rationale:
    "When several agents (or an agent and other workloads) share an execution role, each gets the union of everything any of them needs, CloudTrail cannot tell them apart, and one compromised agent acts with the others' access. Per-agent identities are what make least privilege, attribution and kill switches possible.",
  remediation:
    'Give each agent its own execution role with only its permissions (`aws iam create-role --role-name <agent>-exec --assume-role-policy-document file://trust.json`), then point the agent at it: `aws bedrock-agent update-agent --agent-id <id> --agent-resource-role-arn <arn> ...` or `aws bedrock-agentcore-control update-agent-runtime --agent-runtime-id <id> --role-arn <arn> ...`.',
  references: [
    'https://docs.aws.amazon.com/bedrock/latest/userguide/agents-permissions.html',
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-permissions.html',
  ],
  frameworks: [nhi(9), asi(3), asi(8), aiRmf('MANAGE 2.4'), euAiAct(12)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role'] },
  evaluate(ctx, identity) {
    const workloads = rowsOf(ctx.index.workloads, identity.id);
    const agents = workloads.filter((w) => AGENT_WORKLOADS.has(w.kind));
    if (agents.length === 0 || workloads.length < 2) return [];
    const names = workloads.map((w) => `${w.kind} ${w.name}`).sort();
    return [
      {
        discriminator: 'shared-role',
        ...(agents.length >= 2 ? {} : { severity: 'low' as const }),
        message: `${workloads.length} workloads (${agents.length} agents) run as ${identity.name}: ${names.join(', ')}`,
        evidence: [...workloads]
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((w) => ({
            type: 'workload',
            summary: `${w.kind} "${w.name}" runs as this role`,
            ref: w.id,
            data: toAttributes({
              kind: w.kind,
              nativeId: w.nativeId,
              name: w.name,
              region: w.region ?? null,
            }),
          })),
      },
    ];
  },
};
