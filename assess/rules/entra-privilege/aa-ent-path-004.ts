import { aiRmf, asi, nhi, zeroTrust } from '../../frameworks';
import { directoryRoleInfo } from '../../entra/tiers';
import type { Rule } from '../types';
import { nameOf, privilegeOf } from './shared';

export const rule: Rule = {
  id: 'AA-ENT-PATH-004',
  title: 'Owners can take over a privileged app by adding a credential',
  severity: 'high',
  area: 'entra-privilege',
  rationale:
    'An owner of an application or service principal can add a secret or certificate to it without any admin role, then sign in as it. Every owner of an app holding control-plane permissions or privileged roles therefore holds those privileges too, usually without the protections (PIM, MFA, access reviews) their own account would get for them.',
  remediation:
    'Remove owners from privileged apps and manage them through an admin role with PIM: `DELETE /applications/{id}/owners/{owner-id}/$ref` and `DELETE /servicePrincipals/{id}/owners/{owner-id}/$ref`. Consider app instance property lock for the credentials.',
  references: [
    'https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference#application-administrator',
    'https://learn.microsoft.com/en-us/graph/api/application-delete-owners',
  ],
  frameworks: [nhi(5), nhi(10), asi(3), aiRmf('GOVERN 2.1'), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const p = ctx.entra.byIdentity.get(identity.id);
    if (!p || p.ownerPaths.length === 0) return [];
    const gaLevel =
      p.gaPaths.some((g) => g.method !== 'add-credential-to-any-app') ||
      p.privilegedRoles.some((r) => directoryRoleInfo(r).gaEquivalent);
    const owners = [...new Map(p.ownerPaths.map((o) => [o.owner.nativeId, o.owner])).values()];
    const names = owners.map((o) => o.principalName ?? o.displayName ?? o.nativeId).sort();
    return [
      {
        discriminator: 'owners',
        ...(gaLevel ? { severity: 'critical' as const } : {}),
        message: `${names.length} owner(s) of ${identity.name} can add a credential and gain ${privilegeOf(ctx, identity.id).join(', ')}: ${names.join(', ')}`,
        evidence: p.ownerPaths.map((o) => ({
          type: 'owner',
          summary: `${o.owner.type} ${o.owner.principalName ?? o.owner.displayName ?? o.owner.nativeId} owns ${nameOf(ctx, o.ownedId)}`,
          ref: o.ownedId,
          data: { ...o.owner },
        })),
      },
    ];
  },
};
