import { aiRmf, iso42001, nhi } from '../../frameworks';
import { ownersOf } from '../../entra/paths';
import { note, withCounterpart } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-LIFE-OWNER-002',
  title: 'Owner or sponsor is disabled',
  severity: 'medium',
  area: 'lifecycle',
  rationale:
    'A disabled owner is usually a person who left. Their apps and agents live on with nobody accountable, and if every owner is gone the identity is effectively orphaned.',
  remediation:
    'Add an active owner and remove the departed one: `POST /applications/{id}/owners/$ref` (new owner), then `DELETE /applications/{id}/owners/{owner-id}/$ref` (service principals: `/servicePrincipals/{id}/owners/...`; agent identity sponsors: `/servicePrincipals/{id}/microsoft.graph.agentIdentity/sponsors/...`).',
  references: ['https://learn.microsoft.com/en-us/graph/api/application-delete-owners'],
  frameworks: [nhi(1), aiRmf('GOVERN 2.1'), iso42001('A.3.2')],
  appliesTo: {
    providers: ['entra'],
    kinds: [
      'entra-application',
      'entra-service-principal',
      'entra-agent-identity',
      'entra-agent-blueprint',
      'entra-agent-blueprint-principal',
    ],
  },
  evaluate(ctx, identity) {
    const pair = withCounterpart(ctx, identity);
    if (
      pair.length === 2 &&
      (identity.kind === 'entra-service-principal' || identity.kind === 'entra-agent-blueprint-principal')
    ) {
      return [];
    }
    const owners = pair.flatMap((i) => ownersOf(i, ctx.index));
    const disabled = owners.filter((o) => o.enabled === false);
    if (disabled.length === 0) return [];
    const all = disabled.length === owners.length;
    const names = disabled.map((o) => o.principalName ?? o.displayName ?? o.nativeId).sort();
    return [
      {
        discriminator: 'owner-disabled',
        ...(all ? {} : { severity: 'low' as const }),
        message: all
          ? `Every owner or sponsor of ${identity.name} is disabled: ${names.join(', ')}`
          : `${disabled.length} of ${owners.length} owners or sponsors of ${identity.name} are disabled: ${names.join(', ')}`,
        evidence: disabled.map((o) =>
          note(`${o.relation} ${o.principalName ?? o.displayName ?? o.nativeId} is disabled`, { ...o }),
        ),
      },
    ];
  },
};
