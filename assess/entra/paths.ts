/**
 * Tenant-wide privilege analysis for Entra: who holds control-plane permissions or privileged roles,
 * and how a principal gets from its app permissions, or from owning an app, to Global Administrator.
 * Computed once per assessment; rules read it by identity id.
 *
 * The escalation permissions, checked against the Microsoft Graph permission tables:
 *   - RoleManagement.ReadWrite.Directory: the only application permission for
 *     POST /roleManagement/directory/roleAssignments, so it can assign Global Administrator to itself.
 *   - AppRoleAssignment.ReadWrite.All: POST /servicePrincipals/{id}/appRoleAssignedTo lets it grant
 *     itself any application permission, including RoleManagement.ReadWrite.Directory.
 *   - Application.ReadWrite.All and Directory.ReadWrite.All: both are accepted by
 *     POST /applications/{id}/addPassword (and /servicePrincipals/{id}/addPassword), so either can add a
 *     secret to any app and sign in as it, including an app that holds the permissions above.
 *     Directory.ReadWrite.All cannot create role or app role assignments itself.
 *   - Owners of an application or service principal can add credentials to it (no permission needed),
 *     and Application.ReadWrite.OwnedBy can do the same for the apps its holder owns.
 */
import type { Identity } from '../../model/inventory';
import type { InventoryIndex } from '../inventory-index';
import { rowsOf } from '../inventory-index';
import { providerManaged } from '../util/provider-managed';
import {
  directoryRoleInfo,
  isControlPlanePermission,
  isGraphGrant,
  isPrivilegedRole,
  type AppRoleGrant,
  type DirectoryRoleGrant,
} from './tiers';

export type GaPathMethod = 'assign-directory-role' | 'grant-app-permission' | 'add-credential-to-any-app';

export interface GaPath {
  method: GaPathMethod;
  grant: AppRoleGrant;
  /**
   * For add-credential paths: privileged principals it could take over (ids), the ones with a direct
   * path to Global Administrator first, at most MAX_TARGETS; `targetCount` has the full number.
   */
  targets: string[];
  targetCount: number;
}

export interface OwnerPath {
  /** The owned object: the privileged principal itself or its application. */
  ownedId: string;
  owner: {
    id?: string;
    nativeId: string;
    displayName?: string;
    type: string;
    principalName?: string;
    enabled?: boolean;
    relation: string;
  };
}

export interface EntraPrivilege {
  controlPlanePermissions: AppRoleGrant[];
  privilegedRoles: DirectoryRoleGrant[];
  gaPaths: GaPath[];
  ownerPaths: OwnerPath[];
}

export interface EntraPrivilegeAnalysis {
  byIdentity: ReadonlyMap<string, EntraPrivilege>;
  /** Principals holding control-plane permissions or privileged roles (sorted ids). */
  privilegedIds: readonly string[];
}

/** Listing every target of every holder would be quadratic in large tenants; a few make the point. */
export const MAX_TARGETS = 10;

const PATH_PERMISSIONS: Record<string, GaPathMethod> = {
  'rolemanagement.readwrite.directory': 'assign-directory-role',
  'approleassignment.readwrite.all': 'grant-app-permission',
  'application.readwrite.all': 'add-credential-to-any-app',
  'directory.readwrite.all': 'add-credential-to-any-app',
};

export function gaPathMethod(grant: AppRoleGrant): GaPathMethod | undefined {
  return isGraphGrant(grant) ? PATH_PERMISSIONS[grant.permission.toLowerCase()] : undefined;
}

export function analyzeEntraPrivilege(index: InventoryIndex): EntraPrivilegeAnalysis {
  const byIdentity = new Map<string, EntraPrivilege>();
  const entry = (id: string): EntraPrivilege => {
    let e = byIdentity.get(id);
    if (!e) {
      e = { controlPlanePermissions: [], privilegedRoles: [], gaPaths: [], ownerPaths: [] };
      byIdentity.set(id, e);
    }
    return e;
  };

  const privileged = new Set<string>();
  const pathHolders: { identity: Identity; grant: AppRoleGrant; method: GaPathMethod }[] = [];
  for (const identity of index.identities) {
    if (identity.provider !== 'entra') continue;
    for (const grant of rowsOf(index.grants, identity.id)) {
      if (grant.kind === 'entra-app-role') {
        if (isControlPlanePermission(grant)) {
          entry(identity.id).controlPlanePermissions.push(grant);
          privileged.add(identity.id);
        }
        const method = gaPathMethod(grant);
        if (method) pathHolders.push({ identity, grant, method });
      } else if (grant.kind === 'entra-directory-role' && isPrivilegedRole(grant)) {
        entry(identity.id).privilegedRoles.push(grant);
        if (grant.assignment === 'active' || directoryRoleInfo(grant).gaEquivalent)
          privileged.add(identity.id);
      }
    }
  }
  const privilegedIds = [...privileged].sort();

  // Targets most worth naming first: principals that are Global Administrator or one step from it.
  const direct = new Set<string>();
  for (const { identity, method } of pathHolders)
    if (method !== 'add-credential-to-any-app') direct.add(identity.id);
  for (const [id, e] of byIdentity)
    if (e.privilegedRoles.some((r) => directoryRoleInfo(r).gaEquivalent)) direct.add(id);
  const candidates = [
    ...privilegedIds.filter((id) => direct.has(id)),
    ...privilegedIds.filter((id) => !direct.has(id)),
  ];

  for (const { identity, grant, method } of pathHolders) {
    if (method !== 'add-credential-to-any-app') {
      entry(identity.id).gaPaths.push({ method, grant, targets: [], targetCount: 0 });
      continue;
    }
    const self = new Set([identity.id, index.entraCounterpart.get(identity.id)?.id]);
    const targets: string[] = [];
    for (const id of candidates) {
      if (targets.length >= MAX_TARGETS) break;
      if (!self.has(id)) targets.push(id);
    }
    const targetCount =
      candidates.length - [...self].filter((id) => id !== undefined && privileged.has(id)).length;
    entry(identity.id).gaPaths.push({ method, grant, targets, targetCount });
  }

  // Owners of a privileged principal or of its application can add a credential and become it.
  for (const id of privilegedIds) {
    const principal = index.identityById.get(id);
    if (!principal || providerManaged(principal)) continue;
    const owned = [principal, index.entraCounterpart.get(id)].filter((i): i is Identity => !!i);
    for (const object of owned) {
      for (const owner of ownersOf(object, index)) {
        if (owner.relation !== 'owner') continue;
        entry(id).ownerPaths.push({ ownedId: object.id, owner });
      }
    }
  }
  return { byIdentity, privilegedIds };
}

/** Owners and sponsors from the identity record, plus owner/sponsor trust rows not already listed. */
export function ownersOf(identity: Identity, index: InventoryIndex): OwnerPath['owner'][] {
  const out: OwnerPath['owner'][] = identity.owners.map((o) => ({
    ...(o.id ? { id: o.id } : {}),
    nativeId: o.nativeId,
    ...(o.displayName ? { displayName: o.displayName } : {}),
    type: o.type,
    ...(o.principalName ? { principalName: o.principalName } : {}),
    ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
    relation: o.relation,
  }));
  const seen = new Set(out.map((o) => `${o.relation}|${o.nativeId}`));
  for (const trust of rowsOf(index.trusts, identity.id)) {
    if (trust.kind !== 'owner' && trust.kind !== 'sponsor') continue;
    const key = `${trust.kind}|${trust.principal}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ...(trust.principalId ? { id: trust.principalId } : {}),
      nativeId: trust.principal,
      type: trust.principalType,
      relation: trust.kind,
    });
  }
  return out;
}
