/**
 * The article's KPIs as posture measures, computed for the identities classified as agents (`yes`)
 * and, separately, for those classified `likely` (docs/kpis.md).
 */
import type { Identity } from '../../model/inventory';
import type { KpiReport, KpiSet } from '../../model/posture';
import { attackSuccessRate } from './attack-success';
import { containmentRatio } from './containment';
import type { KpiContext } from './context';
import { delegationIntegrity } from './delegation-integrity';
import { revocationLatency } from './revocation-latency';

export function kpiSet(ctx: KpiContext, population: 'yes' | 'likely'): KpiSet {
  const agents: Identity[] = ctx.index.identities.filter(
    (i) => ctx.classifications[i.id]?.agent === population,
  );
  return {
    population,
    agentCount: agents.length,
    attackSuccessRate: attackSuccessRate(ctx, agents),
    containmentRatio: containmentRatio(ctx, agents),
    delegationIntegrity: delegationIntegrity(ctx, agents),
    revocationLatency: revocationLatency(ctx, agents),
  };
}

export function computeKpis(ctx: KpiContext): KpiReport {
  return {
    assessedAt: new Date(ctx.nowMs).toISOString(),
    agents: kpiSet(ctx, 'yes'),
    likelyAgents: kpiSet(ctx, 'likely'),
  };
}

export type { KpiContext } from './context';
export { privilegeStatus, reachOf, type IdentityReach } from './goals';
export { delegationLinks } from './delegation-links';
export { containmentOf } from './containment';
