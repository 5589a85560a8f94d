import { asi, nhi, zeroTrust } from '../../frameworks';
import { note } from '../helpers';
import type { Rule } from '../types';
import { appRoleEvidence, nameOf, privilegeOf } from './shared';

export const rule: Rule = {
  id: 'AA-ENT-PATH-003',
  title: 'Can add credentials to any application (Application.ReadWrite.All or Directory.ReadWrite.All)',
  severity: 'high',
  area: 'entra-privilege',
  rationale:
    'Both Application.ReadWrite.All and Directory.ReadWrite.All are accepted by POST /applications/{id}/addPassword and /servicePrincipals/{id}/addPassword. An app holding either can add a secret to any other app and sign in as it, so it effectively holds the privileges of the most privileged app in the tenant. Where such an app holds control-plane permissions or roles, this is a path to Global Administrator.',
  remediation:
    'Replace the permission with Application.ReadWrite.OwnedBy (and make the app owner of only the apps it manages), then remove the broad grant: `DELETE /servicePrincipals/{id}/appRoleAssignments/{assignment-id}`. Protect privileged apps with app instance property lock and an app management policy that blocks password addition.',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/application-addpassword',
    'https://learn.microsoft.com/en-us/graph/permissions-reference#applicationreadwriteall',
    'https://learn.microsoft.com/en-us/entra/identity-platform/howto-configure-app-instance-property-locks',
  ],
  frameworks: [nhi(5), asi(3), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const paths =
      ctx.entra.byIdentity
        .get(identity.id)
        ?.gaPaths.filter((p) => p.method === 'add-credential-to-any-app') ?? [];
    return paths.map((p) => {
      const targets = p.targets.map((id) => `${nameOf(ctx, id)} (${privilegeOf(ctx, id).join(', ')})`);
      return {
        discriminator: p.grant.id,
        ...(p.targets.length > 0 ? { severity: 'critical' as const } : {}),
        message:
          p.targets.length > 0
            ? `${identity.name} holds ${p.grant.permission} and can take over ${p.targetCount} privileged app(s), e.g. ${targets.slice(0, 3).join('; ')}`
            : `${identity.name} holds ${p.grant.permission} and can add credentials to any app in the tenant`,
        evidence: [
          appRoleEvidence(p.grant, `Application permission ${p.grant.permission} on ${p.grant.resourceName}`),
          ...p.targets.map((id) => ({
            type: 'path',
            summary: `addPassword on ${nameOf(ctx, id)} yields ${privilegeOf(ctx, id).join(', ')}`,
            ref: id,
          })),
          ...(p.targetCount > p.targets.length
            ? [
                note(
                  `${p.targetCount - p.targets.length} further privileged apps can be taken over the same way`,
                ),
              ]
            : []),
          ...(p.targets.length === 0
            ? [note('No privileged app found in the inventory to take over today; any future one will be')]
            : []),
        ],
      };
    });
  },
};
