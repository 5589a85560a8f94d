/**
 * Delegation Integrity Score (posture measure): the share of the agents' delegation links that pass
 * every applicable test: attributable, bounded, time-limited and no wider than their delegator.
 * The links and tests are defined in delegation-links.ts and docs/kpis.md.
 */
import type { Identity } from '../../model/inventory';
import {
  DELEGATION_LINK_KINDS,
  DELEGATION_TESTS,
  type DelegationIntegrityKpi,
  type DelegationLink,
} from '../../model/posture';
import type { KpiContext } from './context';
import { delegationLinks } from './delegation-links';
import { ratioValue } from './ratio';

/**
 * The links of every agent (`yes` and `likely`), collected once per assessment: each population's
 * links are those touching one of its agents, with only its agents listed. A link exists because it
 * touches an agent and its tests do not depend on which agents it touches, so this equals collecting
 * per population, at half the cost.
 */
const allAgentLinks = new WeakMap<KpiContext, DelegationLink[]>();

function linksOf(ctx: KpiContext, agents: readonly Identity[]): DelegationLink[] {
  let all = allAgentLinks.get(ctx);
  if (!all) {
    const everyAgent = ctx.index.identities.filter((i) => {
      const agent = ctx.classifications[i.id]?.agent;
      return agent === 'yes' || agent === 'likely';
    });
    all = delegationLinks(ctx, everyAgent);
    allAgentLinks.set(ctx, all);
  }
  const population = new Set(agents.map((a) => a.id));
  const out: DelegationLink[] = [];
  for (const link of all) {
    const agentIds = link.agentIds.filter((id) => population.has(id));
    if (agentIds.length > 0)
      out.push(agentIds.length === link.agentIds.length ? link : { ...link, agentIds });
  }
  return out;
}

export function delegationIntegrity(ctx: KpiContext, agents: readonly Identity[]): DelegationIntegrityKpi {
  const links = linksOf(ctx, agents);
  const byKind = Object.fromEntries(
    DELEGATION_LINK_KINDS.map((k) => {
      const of = links.filter((l) => l.kind === k);
      return [k, { links: of.length, intact: of.filter((l) => l.intact).length }];
    }),
  ) as DelegationIntegrityKpi['byKind'];
  const byTest = Object.fromEntries(
    DELEGATION_TESTS.map((t) => [
      t,
      {
        pass: links.filter((l) => l.tests[t].result === 'pass').length,
        fail: links.filter((l) => l.tests[t].result === 'fail').length,
        notApplicable: links.filter((l) => l.tests[t].result === 'n/a').length,
      },
    ]),
  ) as DelegationIntegrityKpi['byTest'];
  const intact = links.filter((l) => l.intact).map((l) => l.id);
  return {
    id: 'delegation-integrity',
    name: 'Delegation Integrity Score',
    label: 'posture measure',
    formula:
      'delegation links (trusts, PassRole, owners, federated credentials, delegated grants, blueprints) that are attributable, bounded, time-limited and no wider than their delegator, each where applicable / delegation links touching agents',
    numerator: intact.length,
    denominator: links.length,
    value: ratioValue(intact.length, links.length),
    unit: 'ratio',
    numeratorIds: intact,
    denominatorIds: links.map((l) => l.id),
    notes: [
      'A test that has no equivalent on the platform (e.g. an expiry on Entra ownership) is n/a, not a pass or a fail; each link lists why.',
      'Application permissions are direct authority, not delegation: they are measured by the Attack Success Rate and Containment Ratio.',
    ],
    byKind,
    byTest,
    links,
  };
}
