import { aiRmf, asi, euAiAct, iso42001, nhi } from '../../frameworks';
import { ownersOf } from '../../entra/paths';
import { attrBool, attrString } from '../../util/json';
import { isAgent, note, withCounterpart } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-LIFE-OWNER-001',
  title: 'No owner or sponsor',
  severity: 'low',
  area: 'lifecycle',
  rationale:
    'Someone has to answer for each non-human identity: approve its permissions, rotate its credentials and retire it. Without an owner (or, for agent identities, a sponsor) findings have nobody to go to and offboarding never happens.',
  remediation:
    'Assign an accountable owner. App registration: `POST /applications/{id}/owners/$ref` with `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{user-id}"}`; service principal: `POST /servicePrincipals/{id}/owners/$ref`; agent identity: `POST /servicePrincipals/{id}/microsoft.graph.agentIdentity/sponsors/$ref`.',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/application-post-owners',
    'https://learn.microsoft.com/en-us/graph/api/agentidentity-post-sponsors',
    'https://learn.microsoft.com/en-us/entra/agent-id/agent-identities',
  ],
  frameworks: [nhi(1), asi(10), aiRmf('GOVERN 2.1'), euAiAct(26), iso42001('A.3.2')],
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
    // Report an app registration and its service principal once, on the application.
    if (
      pair.length === 2 &&
      (identity.kind === 'entra-service-principal' || identity.kind === 'entra-agent-blueprint-principal')
    ) {
      return [];
    }
    // A vendor's multi-tenant app is owned in the vendor's tenant; AA-ENT-3P-001 looks at those.
    const ownerOrg = attrString(identity.attributes, 'appOwnerOrganizationId');
    if (
      ownerOrg &&
      ownerOrg.toLowerCase() !== identity.account.toLowerCase() &&
      attrBool(identity.attributes, 'multiTenant')
    ) {
      return [];
    }
    const owners = pair.flatMap((i) => ownersOf(i, ctx.index));
    if (owners.length > 0) return [];
    const agent = isAgent(ctx, identity);
    return [
      {
        discriminator: 'no-owner',
        ...(agent ? { severity: 'medium' as const } : {}),
        message: agent
          ? `${identity.name} is an AI agent with no owner or sponsor`
          : `${identity.name} has no owner`,
        evidence: [
          note(`No owners or sponsors on ${pair.map((i) => `${i.kind} ${i.nativeId}`).join(' or ')}`),
        ],
      },
    ];
  },
};
