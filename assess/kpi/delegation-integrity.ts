/**
 * Delegation Integrity Score (posture measure): the share of the agents' delegation links that pass
 * every applicable test: attributable, bounded, time-limited and no wider than their delegator.
 * The links and tests are defined in delegation-links.ts and docs/kpis.md.
 */
import type { Identity } from '../../model/inventory';
import { DELEGATION_LINK_KINDS, DELEGATION_TESTS, type DelegationIntegrityKpi } from '../../model/posture';
import type { KpiContext } from './context';
import { delegationLinks } from './delegation-links';
import { ratioValue } from './ratio';

export function delegationIntegrity(ctx: KpiContext, agents: readonly Identity[]): DelegationIntegrityKpi {
  const links = delegationLinks(ctx, agents);
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
