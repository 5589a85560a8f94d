/**
 * posture Attack Success Rate: the share of agents whose compromise (an attacker holding the
 * agent's credentials or session) reaches at least one high-value goal (goals.ts). It measures
 * configuration, not attacks: no attack was run.
 */
import {
  HIGH_VALUE_GOALS,
  type AgentGoals,
  type AttackSuccessKpi,
  type HighValueGoal,
} from '../../model/posture';
import type { Identity } from '../../model/inventory';
import { displayName, type KpiContext } from './context';
import { ordered, reachOf } from './goals';
import { ratioValue } from './ratio';

export function attackSuccessRate(ctx: KpiContext, agents: readonly Identity[]): AttackSuccessKpi {
  const rows: AgentGoals[] = agents.map((agent) => {
    const reach = reachOf(ctx, agent);
    return {
      identityId: agent.id,
      name: displayName(agent),
      goals: ordered(reach.goals),
      evidence: reach.evidence,
      conditionalGoals: ordered(reach.conditional),
    };
  });
  const byGoal = Object.fromEntries(HIGH_VALUE_GOALS.map((g) => [g, 0])) as Record<HighValueGoal, number>;
  for (const r of rows) for (const g of r.goals) byGoal[g]++;
  const reaching = rows.filter((r) => r.goals.length > 0).map((r) => r.identityId);
  return {
    id: 'attack-success-rate',
    name: 'posture Attack Success Rate',
    label: 'posture measure',
    formula:
      'agents whose credentials reach admin, privilege escalation, secret read, data exfiltration or identity creation / agents',
    numerator: reaching.length,
    denominator: rows.length,
    value: ratioValue(reaching.length, rows.length),
    unit: 'ratio',
    numeratorIds: reaching,
    denominatorIds: rows.map((r) => r.identityId),
    notes: [
      'Computed from policies and permissions: no attack was run.',
      'Goals that hold only under a policy condition or after a PIM activation are listed per agent, not counted.',
      'Entra: secret read is not derivable from the directory (Key Vault access is Azure RBAC, not collected).',
    ],
    byGoal,
    agents: rows,
  };
}
