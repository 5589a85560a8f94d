import { asi, cisM365, nhi, zeroTrust } from '../../frameworks';
import type { Rule } from '../types';
import { appRoleEvidence } from './shared';

export const rule: Rule = {
  id: 'AA-ENT-PATH-001',
  title: 'Path to Global Administrator: can assign directory roles (RoleManagement.ReadWrite.Directory)',
  severity: 'critical',
  area: 'entra-privilege',
  rationale:
    'RoleManagement.ReadWrite.Directory as an application permission is what POST /roleManagement/directory/roleAssignments requires. An app holding it can assign Global Administrator to itself or to any user at any moment, without a signed-in user and without PIM approval.',
  remediation:
    'Remove the permission and use a narrower one (or a scoped administrative unit role): find the assignment with `GET /servicePrincipals/{id}/appRoleAssignments` and delete it with `DELETE /servicePrincipals/{id}/appRoleAssignedTo/{assignment-id}` on the Microsoft Graph service principal (or `DELETE /servicePrincipals/{id}/appRoleAssignments/{assignment-id}`).',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/rbacapplication-post-roleassignments',
    'https://learn.microsoft.com/en-us/graph/permissions-reference#rolemanagementreadwritedirectory',
  ],
  frameworks: [nhi(5), asi(3), cisM365('5.3.1'), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const paths =
      ctx.entra.byIdentity.get(identity.id)?.gaPaths.filter((p) => p.method === 'assign-directory-role') ??
      [];
    return paths.map((p) => ({
      discriminator: p.grant.id,
      message: `${identity.name} holds ${p.grant.permission} and can make itself Global Administrator`,
      evidence: [
        appRoleEvidence(p.grant, `Application permission ${p.grant.permission} on ${p.grant.resourceName}`),
      ],
    }));
  },
};
