import type { EvidenceItem } from '../../../model/findings';
import type { Identity } from '../../../model/inventory';
import { permissionClassification, type AppRoleGrant } from '../../entra/tiers';
import { grantEvidence } from '../helpers';
import type { AssessContext } from '../types';

export function appRoleEvidence(grant: AppRoleGrant, summary: string): EvidenceItem {
  return grantEvidence(grant, summary, permissionClassification(grant));
}

export function nameOf(ctx: AssessContext, id: string): string {
  const i: Identity | undefined = ctx.index.identityById.get(id);
  return i ? (i.displayName ?? i.name) : id;
}

/** What makes a principal a takeover target, for evidence. */
export function privilegeOf(ctx: AssessContext, id: string): string[] {
  const p = ctx.entra.byIdentity.get(id);
  if (!p) return [];
  return [
    ...p.controlPlanePermissions.map((g) => g.permission),
    ...p.privilegedRoles.map((g) => g.roleName),
  ].sort();
}
