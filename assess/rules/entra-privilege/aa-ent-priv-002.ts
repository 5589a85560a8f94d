import { asi, cisM365, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { directoryRoleInfo } from '../../entra/tiers';
import { credentialEvidence, grantEvidence, withCounterpart } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-PRIV-002',
  title: 'Privileged directory role held by an application',
  severity: 'high',
  area: 'entra-privilege',
  rationale:
    'Directory roles given to a service principal are exercised without a person, without MFA and usually without PIM. Global Administrator, Privileged Role Administrator, Privileged Authentication Administrator and Partner Tier2 Support are Global Administrator or one step from it; an app holding them with a client secret turns that secret into a tenant-admin password.',
  remediation:
    'Replace the role with the narrowest Graph application permission or a role scoped to an administrative unit, and remove the assignment: `DELETE /roleManagement/directory/roleAssignments/{assignment-id}`. If a role is unavoidable, use certificate or federated credentials only and monitor its sign-ins.',
  references: [
    'https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions',
    'https://learn.microsoft.com/en-us/graph/api/unifiedroleassignment-delete',
  ],
  frameworks: [nhi(5), asi(3), cisM365('5.3.1'), cisM365('5.3.3'), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const roles = ctx.entra.byIdentity.get(identity.id)?.privilegedRoles ?? [];
    if (roles.length === 0) return [];
    const secrets = withCounterpart(ctx, identity).flatMap((i) =>
      rowsOf(ctx.index.credentials, i.id).filter((c) => c.kind === 'client-secret' && c.status === 'active'),
    );
    return roles.map((r) => {
      const info = directoryRoleInfo(r);
      const critical = info.gaEquivalent || secrets.length > 0;
      return {
        discriminator: r.id,
        ...(critical ? { severity: 'critical' as const } : {}),
        message:
          `${identity.name} holds ${info.name}` +
          (r.assignment === 'eligible' ? ' (eligible)' : '') +
          (info.gaEquivalent ? ', which is or leads directly to Global Administrator' : '') +
          (secrets.length > 0 ? `, and signs in with ${secrets.length} client secret(s)` : ''),
        evidence: [
          grantEvidence(r, `Directory role ${info.name} (${r.assignment}, scope ${r.directoryScopeId})`, {
            isPrivileged: String(info.isPrivileged),
            eamTier: info.tier === undefined ? 'unclassified' : String(info.tier),
          }),
          ...secrets.map((c) => credentialEvidence(c, `Client secret ${c.name ?? c.nativeId}`)),
        ],
      };
    });
  },
};
