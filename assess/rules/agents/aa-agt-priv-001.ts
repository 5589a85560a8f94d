import { aiRmf, asi, euAiAct, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { isControlPlanePermission, isHighRiskPermission, permissionClassification } from '../../entra/tiers';
import { grantEvidence, isAgent } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AGT-PRIV-001',
  title: 'Agent holds high-risk data permissions',
  severity: 'high',
  area: 'agents',
  rationale:
    "An AI agent follows instructions that may come from the data it reads. With tenant-wide application permissions such as Mail.ReadWrite, Files.ReadWrite.All or Sites.FullControl.All, a prompt injection in one email or document can make it read, change or send any mailbox's or site's content (excessive agency).",
  remediation:
    'Scope the agent to what it serves: replace tenant-wide permissions with resource-specific ones (Sites.Selected, Exchange RBAC for Applications scoped to a mailbox group, delegated permissions on behalf of the user), then remove the broad grant: `DELETE /servicePrincipals/{id}/appRoleAssignments/{assignment-id}`.',
  references: [
    'https://learn.microsoft.com/en-us/graph/permissions-selected-overview',
    'https://learn.microsoft.com/en-us/exchange/permissions-exo/application-rbac',
    'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
  ],
  frameworks: [asi(2), asi(3), asi(1), nhi(5), aiRmf('MEASURE 2.7'), euAiAct(15)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    if (!isAgent(ctx, identity)) return [];
    // Control-plane permissions are reported by AA-ENT-PRIV-001 and the path rules.
    const grants = rowsOf(ctx.index.grants, identity.id).filter(
      (g) => g.kind === 'entra-app-role' && isHighRiskPermission(g) && !isControlPlanePermission(g),
    );
    if (grants.length === 0) return [];
    const names = [...new Set(grants.map((g) => ('permission' in g ? g.permission : '')))].sort();
    return [
      {
        discriminator: 'agent-data-permissions',
        message: `AI agent ${identity.name} holds ${names.join(', ')}`,
        evidence: grants.map((g) =>
          grantEvidence(
            g,
            `${'permission' in g ? g.permission : ''}`,
            g.kind === 'entra-app-role' ? permissionClassification(g) : {},
          ),
        ),
      },
    ];
  },
};
