import { asi, nhi, zeroTrust, aiRmf } from '../../frameworks';
import { gaPathMethod } from '../../entra/paths';
import type { Rule } from '../types';
import { appRoleEvidence } from './shared';

export const rule: Rule = {
  id: 'AA-ENT-PRIV-001',
  title: 'Control-plane (tier 0) application permissions',
  severity: 'high',
  area: 'entra-privilege',
  rationale:
    "Tier-0 permissions (Enterprise Access Model control plane, or Critical in CISA ScubaGear's list) let an app change identities, policies or authentication for the whole tenant: reset authentication methods, rewrite Conditional Access, federate domains. An app holding them is as sensitive as a Global Administrator and is rarely protected like one.",
  remediation:
    'Reduce to the least privileged permission that covers the use case and remove the rest: `DELETE /servicePrincipals/{id}/appRoleAssignments/{assignment-id}`. Where the permission is needed, protect the app like a tier-0 asset (no secrets, no owners, Conditional Access for workload identities, monitoring).',
  references: [
    'https://learn.microsoft.com/en-us/security/privileged-access-workstations/privileged-access-access-model',
    'https://github.com/Cloud-Architekt/AzurePrivilegedIAM',
    'https://github.com/cisagov/ScubaGear',
  ],
  frameworks: [nhi(5), asi(3), aiRmf('MEASURE 2.7'), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    // The four escalation permissions have their own rules (AA-ENT-PATH-001..003).
    const grants = (ctx.entra.byIdentity.get(identity.id)?.controlPlanePermissions ?? []).filter(
      (g) => !gaPathMethod(g),
    );
    if (grants.length === 0) return [];
    const names = [...new Set(grants.map((g) => g.permission))].sort();
    return [
      {
        discriminator: 'control-plane',
        message: `${identity.name} holds ${names.length} control-plane permission(s): ${names.join(', ')}`,
        evidence: grants.map((g) => appRoleEvidence(g, `${g.permission} on ${g.resourceName}`)),
      },
    ];
  },
};
