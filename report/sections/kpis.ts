/**
 * The article's KPIs as the report shows them: for the identities classified as agents, with a
 * one-line definition, the formula, the numbers behind the ratio, and always the "posture measure"
 * label (computed from configuration, never from an attack or an incident).
 */
import type { KpiBase, KpiId, KpiReport } from '../../model/posture';
import { num } from '../format';
import type { KpiView } from '../types';

const TEXT: Record<KpiId, { name: string; definition: string; better: 'lower' | 'higher' }> = {
  'attack-success-rate': {
    name: 'Attack Success Rate (posture)',
    definition:
      'Share of agents whose credentials, if stolen, reach a high-value goal: admin, privilege escalation, secret read, data exfiltration or identity creation.',
    better: 'lower',
  },
  'containment-ratio': {
    name: 'Containment Ratio',
    definition:
      'Share of agents whose reach is bounded: a boundary or conditions, scoped resources, no standing keys and no privileged role.',
    better: 'higher',
  },
  'delegation-integrity': {
    name: 'Delegation Integrity Score',
    definition:
      'Share of delegation links (trusts, PassRole, owners, federated credentials, grants, blueprints) that are attributable, bounded, time-limited and no wider than their delegator.',
    better: 'higher',
  },
  'revocation-latency': {
    name: 'Revocation latency (proxy)',
    definition:
      'Longest lifetime of a standing credential held by an agent: how long a leaked secret could stay usable if nobody revokes it.',
    better: 'lower',
  },
};

function display(k: KpiBase, unboundedNote: boolean): string {
  if (k.value === null) return k.unit === 'days' ? 'no standing credential' : 'n/a (no agents)';
  if (k.unit === 'ratio') return `${Math.round(k.value * 100)} %`;
  return `${unboundedNote ? '≥ ' : ''}${num(k.value)} days`;
}

export function kpiViews(report: KpiReport): KpiView[] {
  const set = report.agents;
  const latency = set.revocationLatency;
  const list: KpiBase[] = [set.attackSuccessRate, set.containmentRatio, set.delegationIntegrity, latency];
  return list.map((k) => {
    const text = TEXT[k.id];
    return {
      id: k.id,
      name: text.name,
      label: 'Posture measure',
      value: k.value,
      display: display(k, k.id === 'revocation-latency' && latency.credential?.unbounded === true),
      definition: text.definition,
      formula: k.formula,
      numerator: k.numerator,
      denominator: k.denominator,
      better: text.better,
      notes: [...k.notes],
    };
  });
}
