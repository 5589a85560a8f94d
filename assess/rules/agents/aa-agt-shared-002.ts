import { asi, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { isAgent, trustEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AGT-SHARED-002',
  title: 'One Entra agent identity used by several external workloads',
  severity: 'medium',
  area: 'agents',
  rationale:
    'Each federated identity credential lets one external workload act as the app. An agent app trusted by several different workloads (repositories, clusters, clouds) is one identity shared by several agents: their sign-ins are indistinguishable and revoking one means revoking all.',
  remediation:
    'Create one app (or, with Entra Agent ID, one agent identity per agent from a blueprint) per workload, move each federated credential to its own app, and remove the extra ones here: `DELETE /applications/{id}/federatedIdentityCredentials/{fic-id}`.',
  references: [
    'https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations',
    'https://learn.microsoft.com/en-us/entra/agent-id/agent-identities',
  ],
  frameworks: [nhi(9), asi(3)],
  appliesTo: { providers: ['entra'], kinds: ['entra-application', 'entra-agent-blueprint'] },
  evaluate(ctx, identity) {
    if (!isAgent(ctx, identity)) return [];
    const fics = rowsOf(ctx.index.trusts, identity.id).filter((t) => t.kind === 'entra-federated-credential');
    const workloads = new Set(
      fics.map(
        (t) =>
          `${t.principal}|${String(t.conditions['subject'] ?? t.conditions['claimsMatchingExpression'] ?? '')}`,
      ),
    );
    if (workloads.size < 2) return [];
    return [
      {
        discriminator: 'shared-federation',
        message: `${identity.name} acts as an agent for ${workloads.size} different external workloads`,
        evidence: fics.map((t) =>
          trustEvidence(
            t,
            `Trusts ${t.principal} subject ${String(t.conditions['subject'] ?? t.conditions['claimsMatchingExpression'] ?? '?')}`,
          ),
        ),
      },
    ];
  },
};
