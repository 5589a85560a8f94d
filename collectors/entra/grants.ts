/**
 * What service principals are allowed to do: application permissions (app role assignments),
 * delegated permissions (OAuth2 permission grants) and directory roles (active and PIM-eligible).
 * Only grants to service principals in the inventory are kept: assignments to users and groups
 * are not non-human identity grants.
 */
import { stableId, type Grant } from '../../model/inventory';
import { toIsoUtc } from '../../model/dates';
import type { AreaReport } from './area-report';
import { notExported } from './endpoints';
import type { TenantIndex } from './identities';
import type { ParsedTenant } from './parse-raw';
import type { RawAppRoleAssignment, RawRoleDefinition, RawServicePrincipal } from './raw-schemas';
import { sameText } from './values';

/** The app role id Graph uses for "assigned to the app, no specific role". */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

export interface GrantResult {
  grants: Grant[];
  reports: AreaReport[];
}

function isServicePrincipal(index: TenantIndex, objectId: string): boolean {
  return index.servicePrincipals.has(objectId);
}

function resourceName(
  resource: RawServicePrincipal | undefined,
  fallback: string | null | undefined,
  id: string,
): string {
  return resource?.displayName || resource?.appDisplayName || fallback || id;
}

function appRoleGrants(parsed: ParsedTenant, index: TenantIndex): { grants: Grant[]; report: AreaReport } {
  const assignments = new Map<string, RawAppRoleAssignment>();
  for (const list of [...parsed.appRoleAssignedTo.values(), ...parsed.appRoleAssignments.values()]) {
    for (const a of list) if (!assignments.has(a.id)) assignments.set(a.id, a);
  }
  const grants: Grant[] = [];
  let notServicePrincipal = 0;
  let notInExport = 0;
  const unresolved = new Set<string>();
  // Permission values per resource, by lower-cased app role id (Microsoft Graph alone has hundreds).
  const roleValues = new Map<string, Map<string, string>>();
  const roleValue = (resource: RawServicePrincipal | undefined, appRoleId: string): string | undefined => {
    if (!resource) return undefined;
    let values = roleValues.get(resource.id);
    if (!values) {
      values = new Map(
        (resource.appRoles ?? []).filter((r) => r.value).map((r) => [r.id.toLowerCase(), r.value ?? '']),
      );
      roleValues.set(resource.id, values);
    }
    return values.get(appRoleId.toLowerCase());
  };
  for (const a of assignments.values()) {
    const typed = a.principalType
      ? sameText(a.principalType, 'ServicePrincipal')
      : isServicePrincipal(index, a.principalId);
    if (!typed) {
      notServicePrincipal++;
      continue;
    }
    const identity = index.identities.get(a.principalId);
    if (!identity) {
      notInExport++;
      continue;
    }
    const resource = index.servicePrincipals.get(a.resourceId);
    const value = roleValue(resource, a.appRoleId);
    let permission: string;
    if (a.appRoleId === DEFAULT_ACCESS_ROLE_ID) permission = 'default access';
    else if (value) permission = value;
    else {
      permission = a.appRoleId;
      unresolved.add(`${a.resourceId}/${a.appRoleId}`);
    }
    const name = resourceName(resource, a.resourceDisplayName, a.resourceId);
    const createdAt = toIsoUtc(a.createdDateTime);
    grants.push({
      id: `entra:appRoleAssignment:${a.id}`,
      identityId: identity.id,
      provider: 'entra',
      kind: 'entra-app-role',
      resourceId: stableId('entra', a.resourceId),
      resourceName: name,
      ...(resource?.appId ? { resourceAppId: resource.appId } : {}),
      permissionId: a.appRoleId,
      permission,
      ...(createdAt ? { createdAt } : {}),
      resource: name,
    });
  }
  return {
    grants,
    report: appRoleReport(parsed, index, grants.length, notServicePrincipal, notInExport, unresolved.size),
  };
}

function appRoleReport(
  parsed: ParsedTenant,
  index: TenantIndex,
  count: number,
  notServicePrincipal: number,
  notInExport: number,
  unresolved: number,
): AreaReport {
  const byResource = parsed.present.has('appRoleAssignedTo');
  if (!byResource && !parsed.present.has('appRoleAssignments')) {
    return {
      area: 'appRoleAssignments',
      status: 'skipped',
      itemCount: 0,
      message: notExported('appRoleAssignedTo'),
    };
  }
  const notes: string[] = [];
  let missing = 0;
  if (byResource) {
    // Only service principals that publish app roles can be granted one.
    const resources = [...index.servicePrincipals.values()].filter((sp) => (sp.appRoles?.length ?? 0) > 0);
    missing = resources.filter(
      (sp) => !parsed.appRoleAssignedTo.has(sp.id) && !parsed.appRoleAssignments.has(sp.id),
    ).length;
    if (missing > 0) {
      notes.push(
        `appRoleAssignedTo not in the export for ${missing} of ${resources.length} service principals that publish app roles`,
      );
    }
  } else {
    const principals = [...index.servicePrincipals.values()].filter(
      (sp) => index.identities.get(sp.id)?.attributes.firstParty !== true,
    );
    missing = principals.filter((sp) => !parsed.appRoleAssignments.has(sp.id)).length;
    if (missing > 0)
      notes.push(
        `appRoleAssignments not in the export for ${missing} of ${principals.length} service principals`,
      );
  }
  if (unresolved > 0) {
    notes.push(
      `${unresolved} app role ids not found in the resource service principal's appRoles: the permission is shown as the id`,
    );
  }
  if (notInExport > 0)
    notes.push(`${notInExport} assignments to service principals not in the export were skipped`);
  if (notServicePrincipal > 0)
    notes.push(`${notServicePrincipal} assignments to users and groups are not NHI grants; not listed`);
  return {
    area: 'appRoleAssignments',
    status: missing > 0 || unresolved > 0 ? 'partial' : 'complete',
    itemCount: count,
    ...(notes.length ? { message: notes.join('; ') } : {}),
  };
}

function delegatedGrants(parsed: ParsedTenant, index: TenantIndex): { grants: Grant[]; report: AreaReport } {
  if (!parsed.present.has('oauth2PermissionGrants')) {
    return {
      grants: [],
      report: {
        area: 'oauth2PermissionGrants',
        status: 'skipped',
        itemCount: 0,
        message: notExported('oauth2PermissionGrants'),
      },
    };
  }
  const grants: Grant[] = [];
  let notInExport = 0;
  let oddConsent = 0;
  for (const g of parsed.oauth2PermissionGrants) {
    const identity = index.identities.get(g.clientId);
    if (!identity) {
      notInExport++;
      continue;
    }
    let consentType: 'AllPrincipals' | 'Principal';
    if (sameText(g.consentType, 'AllPrincipals')) consentType = 'AllPrincipals';
    else if (sameText(g.consentType, 'Principal')) consentType = 'Principal';
    else {
      oddConsent++;
      consentType = g.principalId ? 'Principal' : 'AllPrincipals';
    }
    const resource = index.servicePrincipals.get(g.resourceId);
    const name = resourceName(resource, undefined, g.resourceId);
    const scopes = [...new Set((g.scope ?? '').split(/\s+/).filter((s) => s !== ''))];
    for (const scope of scopes) {
      grants.push({
        id: `entra:oauth2PermissionGrant:${g.id}#${scope}`,
        identityId: identity.id,
        provider: 'entra',
        kind: 'entra-delegated-scope',
        resourceId: stableId('entra', g.resourceId),
        resourceName: name,
        permission: scope,
        consentType,
        ...(g.principalId ? { principalId: g.principalId } : {}),
        resource: name,
      });
    }
  }
  const notes: string[] = [];
  if (notInExport > 0) notes.push(`${notInExport} grants to clients not in the export were skipped`);
  if (oddConsent > 0)
    notes.push(`${oddConsent} grants with an unknown consentType were read by whether a user is named`);
  return {
    grants,
    report: {
      area: 'oauth2PermissionGrants',
      status: 'complete',
      itemCount: grants.length,
      ...(notes.length ? { message: notes.join('; ') } : {}),
    },
  };
}

function roleDefinitionIndex(parsed: ParsedTenant): Map<string, RawRoleDefinition> {
  const out = new Map<string, RawRoleDefinition>();
  const put = (def: RawRoleDefinition) => {
    for (const key of [def.id, def.templateId]) {
      if (!key) continue;
      const prior = out.get(key);
      // v1.0 is read first; beta only fills what v1.0 lacks (notably isPrivileged).
      out.set(
        key,
        prior ? { ...def, ...Object.fromEntries(Object.entries(prior).filter(([, v]) => v != null)) } : def,
      );
    }
  };
  for (const def of parsed.roleDefinitions) put(def);
  for (const def of parsed.roleDefinitionsBeta) put(def);
  return out;
}

function directoryRoleGrants(
  parsed: ParsedTenant,
  index: TenantIndex,
): { grants: Grant[]; reports: AreaReport[] } {
  const defs = roleDefinitionIndex(parsed);
  const grants: Grant[] = [];
  let unresolved = 0;
  const add = (
    kind: 'active' | 'eligible',
    id: string,
    principalId: string,
    roleDefinitionId: string,
    scope: string | null | undefined,
  ) => {
    if (!isServicePrincipal(index, principalId)) return;
    const identity = index.identities.get(principalId);
    if (!identity) return;
    const def = defs.get(roleDefinitionId);
    if (!def?.displayName) unresolved++;
    const directoryScopeId = scope || '/';
    grants.push({
      id: `entra:${kind === 'active' ? 'roleAssignment' : 'roleEligibilitySchedule'}:${id}`,
      identityId: identity.id,
      provider: 'entra',
      kind: 'entra-directory-role',
      roleDefinitionId,
      roleName: def?.displayName || roleDefinitionId,
      ...(typeof def?.isPrivileged === 'boolean' ? { isPrivileged: def.isPrivileged } : {}),
      ...(typeof def?.isBuiltIn === 'boolean' ? { isBuiltIn: def.isBuiltIn } : {}),
      directoryScopeId,
      assignment: kind,
      resource: directoryScopeId,
    });
  };
  for (const a of parsed.roleAssignments)
    add('active', a.id, a.principalId, a.roleDefinitionId, a.directoryScopeId);
  const activeCount = grants.length;
  for (const e of parsed.roleEligibilitySchedules)
    add('eligible', e.id, e.principalId, e.roleDefinitionId, e.directoryScopeId);

  const reports: AreaReport[] = [];
  if (!parsed.present.has('roleAssignments')) {
    reports.push({
      area: 'roleAssignments',
      status: 'skipped',
      itemCount: 0,
      message: notExported('roleAssignments'),
    });
  } else {
    const notes: string[] = [];
    if (!parsed.present.has('roleDefinitions'))
      notes.push('role definitions not in the export: roles are shown by id');
    else if (unresolved > 0)
      notes.push(`${unresolved} role assignments name a role definition not in the export`);
    const flagged = [...defs.values()].some((d) => typeof d.isPrivileged === 'boolean');
    if (parsed.present.has('roleDefinitions') && !flagged) {
      notes.push(
        'role definitions carry no isPrivileged flag (beta/roleManagement/directory/roleDefinitions adds it)',
      );
    }
    reports.push({
      area: 'roleAssignments',
      status: !parsed.present.has('roleDefinitions') || unresolved > 0 ? 'partial' : 'complete',
      itemCount: activeCount,
      ...(notes.length ? { message: notes.join('; ') } : {}),
    });
  }
  reports.push(
    parsed.present.has('roleEligibilitySchedules')
      ? { area: 'roleEligibilitySchedules', status: 'complete', itemCount: grants.length - activeCount }
      : {
          area: 'roleEligibilitySchedules',
          status: 'skipped',
          itemCount: 0,
          message: notExported('roleEligibilitySchedules'),
        },
  );
  return { grants, reports };
}

export function buildGrants(parsed: ParsedTenant, index: TenantIndex): GrantResult {
  const appRoles = appRoleGrants(parsed, index);
  const delegated = delegatedGrants(parsed, index);
  const roles = directoryRoleGrants(parsed, index);
  return {
    grants: [...appRoles.grants, ...delegated.grants, ...roles.grants],
    reports: [appRoles.report, delegated.report, ...roles.reports],
  };
}
