import { asi, cisM365, nhi, zeroTrust } from '../../frameworks';
import type { Rule } from '../types';
import { appRoleEvidence } from './shared';

export const rule: Rule = {
  id: 'AA-ENT-PATH-002',
  title: 'Path to Global Administrator: can grant itself any permission (AppRoleAssignment.ReadWrite.All)',
  severity: 'critical',
  area: 'entra-privilege',
  rationale:
    'AppRoleAssignment.ReadWrite.All lets an app create app role assignments without admin consent, including on Microsoft Graph for itself. It can grant itself RoleManagement.ReadWrite.Directory and then assign Global Administrator: a two-step path that needs nobody else.',
  remediation:
    'Remove the permission (`DELETE /servicePrincipals/{id}/appRoleAssignments/{assignment-id}`) and grant the specific application permissions the app needs through admin consent instead.',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/serviceprincipal-post-approleassignedto',
    'https://learn.microsoft.com/en-us/graph/permissions-reference#approleassignmentreadwriteall',
  ],
  frameworks: [nhi(5), asi(3), cisM365('5.1.5.2'), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const paths =
      ctx.entra.byIdentity.get(identity.id)?.gaPaths.filter((p) => p.method === 'grant-app-permission') ?? [];
    return paths.map((p) => ({
      discriminator: p.grant.id,
      message: `${identity.name} holds ${p.grant.permission}: it can grant itself RoleManagement.ReadWrite.Directory and then Global Administrator`,
      evidence: [
        appRoleEvidence(p.grant, `Application permission ${p.grant.permission} on ${p.grant.resourceName}`),
      ],
    }));
  },
};
