import { aiRmf, asi, cisM365, iso42001, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { isHighRiskPermission, isPrivilegedRole, permissionClassification } from '../../entra/tiers';
import { attrBool, attrString } from '../../util/json';
import { grantEvidence, note } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-3P-001',
  title: 'High-privilege third-party multi-tenant app',
  severity: 'high',
  area: 'entra-privilege',
  rationale:
    'A multi-tenant app published by another organisation runs code and holds credentials the client does not control. With high-risk permissions, a compromise of the vendor (or of its app registration) is a compromise of this tenant, as the 2024 Midnight Blizzard and several SaaS supply-chain incidents showed.',
  remediation:
    'Review with the vendor which permissions are needed, revoke the rest (`DELETE /servicePrincipals/{id}/appRoleAssignments/{assignment-id}`, `DELETE /oauth2PermissionGrants/{id}`), and if the app is no longer used disable it: `PATCH /servicePrincipals/{id}` with `{"accountEnabled": false}`. Require publisher verification and admin consent for new apps.',
  references: [
    'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions',
    'https://learn.microsoft.com/en-us/entra/identity-platform/publisher-verification-overview',
  ],
  frameworks: [
    nhi(3),
    asi(4),
    cisM365('5.1.2.2'),
    aiRmf('GOVERN 6.1'),
    aiRmf('MANAGE 3.1'),
    iso42001('A.10.3'),
  ],
  appliesTo: {
    providers: ['entra'],
    kinds: ['entra-service-principal', 'entra-agent-blueprint-principal', 'entra-agent-identity'],
  },
  evaluate(ctx, identity) {
    const ownerOrg = attrString(identity.attributes, 'appOwnerOrganizationId');
    if (!ownerOrg || ownerOrg.toLowerCase() === identity.account.toLowerCase()) return [];
    if (attrBool(identity.attributes, 'multiTenant') === false) return [];
    const risky = rowsOf(ctx.index.grants, identity.id).filter((g) => {
      if (g.kind === 'entra-app-role') return isHighRiskPermission(g);
      if (g.kind === 'entra-delegated-scope')
        return g.consentType === 'AllPrincipals' && isHighRiskPermission(g);
      if (g.kind === 'entra-directory-role') return isPrivilegedRole(g);
      return false;
    });
    if (risky.length === 0) return [];
    const names = [
      ...new Set(
        risky.map((g) =>
          g.kind === 'entra-directory-role' ? g.roleName : 'permission' in g ? g.permission : g.kind,
        ),
      ),
    ].sort();
    const control = (ctx.entra.byIdentity.get(identity.id)?.controlPlanePermissions.length ?? 0) > 0;
    const verified = identity.attributes['verifiedPublisher'];
    return [
      {
        discriminator: 'third-party',
        ...(control ? { severity: 'critical' as const } : {}),
        message: `${identity.name}, published by tenant ${ownerOrg}, holds ${names.join(', ')}`,
        evidence: [
          note(
            `Publisher tenant ${ownerOrg}; verified publisher: ${verified ? JSON.stringify(verified) : 'none'}`,
          ),
          ...risky.map((g) =>
            grantEvidence(
              g,
              g.kind === 'entra-directory-role'
                ? `Directory role ${g.roleName}`
                : `${'permission' in g ? g.permission : ''} on ${'resourceName' in g ? g.resourceName : ''}`,
              g.kind === 'entra-app-role' || g.kind === 'entra-delegated-scope'
                ? permissionClassification(g)
                : {},
            ),
          ),
        ],
      },
    ];
  },
};
