/**
 * What the live collector reads, and how: every Graph request path of the import format
 * (docs/import-formats.md), with the `$select` (only the fields the transform reads, taken from its
 * own schemas so the two cannot drift apart), the page size, the permission that authorizes it and
 * which per-object requests each listed object leads to.
 */
import type { z } from 'zod';
import {
  appCredentialSignInActivitySchema,
  appManagementPolicySchema,
  conditionalAccessPolicySchema,
  applicationSchema,
  appRoleAssignmentSchema,
  directoryObjectSchema,
  federatedIdentityCredentialSchema,
  isMicrosoftTenant,
  oauth2PermissionGrantSchema,
  organizationSchema,
  roleAssignmentSchema,
  roleDefinitionSchema,
  roleEligibilityScheduleSchema,
  servicePrincipalSchema,
  servicePrincipalSignInActivitySchema,
  type EndpointKey,
} from '../index';
import type { GraphPermission } from './permissions';

export type GraphVersion = 'v1.0' | 'beta';

/** Microsoft Graph's maximum page size for directory objects. */
export const DIRECTORY_PAGE_SIZE = 999;

interface RequestSpec {
  key: EndpointKey;
  version: GraphVersion;
  select: readonly string[];
  /** `$top`; undefined: the API takes no page size, follow its own paging. */
  top?: number;
  permission: GraphPermission;
  licence?: string;
}

export interface ListSpec extends RequestSpec {
  /** Path under the version root, e.g. `servicePrincipals/microsoft.graph.agentIdentity`. */
  resource: string;
  /** Without it there is no inventory (tenant id, identities). */
  required: boolean;
  /** Selects keyCredentials: counted against the 150 per minute budget. */
  keyCredentials: boolean;
  /** Documented for the global service only. */
  globalOnly?: boolean;
  /** Graph answers with one object, not a `value` list. */
  singleObject?: boolean;
}

export interface PerObjectSpec extends RequestSpec {
  /** Path under the version root for one object id. */
  resourceOf(id: string): string;
}

/** Fields to `$select`: the schema's own keys, less OData annotations and navigation properties. */
function fieldsOf(schema: z.ZodObject, omit: readonly string[] = []): string[] {
  return Object.keys(schema.shape).filter((k) => !k.startsWith('@') && !omit.includes(k));
}

const SP_FIELDS = fieldsOf(servicePrincipalSchema, ['sponsors']);
const APP_FIELDS = fieldsOf(applicationSchema, ['sponsors']);
const DIRECTORY_OBJECT_FIELDS = fieldsOf(directoryObjectSchema);

function list(
  key: EndpointKey,
  version: GraphVersion,
  resource: string,
  select: readonly string[],
  permission: GraphPermission,
  extra: Partial<ListSpec> = {},
): ListSpec {
  return {
    key,
    version,
    resource,
    select,
    permission,
    required: false,
    keyCredentials: select.includes('keyCredentials'),
    ...extra,
  };
}

export const LIST_SPECS: readonly ListSpec[] = [
  list('organization', 'v1.0', 'organization', fieldsOf(organizationSchema), 'Directory.Read.All', {
    required: true,
  }),
  list('servicePrincipals', 'v1.0', 'servicePrincipals', SP_FIELDS, 'Application.Read.All', {
    required: true,
    top: DIRECTORY_PAGE_SIZE,
  }),
  list('applications', 'v1.0', 'applications', APP_FIELDS, 'Application.Read.All', {
    required: true,
    top: DIRECTORY_PAGE_SIZE,
  }),
  list(
    'oauth2PermissionGrants',
    'v1.0',
    'oauth2PermissionGrants',
    fieldsOf(oauth2PermissionGrantSchema),
    'Directory.Read.All',
    { top: DIRECTORY_PAGE_SIZE },
  ),
  // The role management lists take no `$top`: Graph pages them itself, and they are short.
  list(
    'roleDefinitions',
    'v1.0',
    'roleManagement/directory/roleDefinitions',
    fieldsOf(roleDefinitionSchema),
    'RoleManagement.Read.Directory',
  ),
  list(
    'roleDefinitionsBeta',
    'beta',
    'roleManagement/directory/roleDefinitions',
    fieldsOf(roleDefinitionSchema),
    'RoleManagement.Read.Directory',
  ),
  list(
    'roleAssignments',
    'v1.0',
    'roleManagement/directory/roleAssignments',
    fieldsOf(roleAssignmentSchema),
    'RoleManagement.Read.Directory',
  ),
  list(
    'roleEligibilitySchedules',
    'v1.0',
    'roleManagement/directory/roleEligibilitySchedules',
    fieldsOf(roleEligibilityScheduleSchema),
    'RoleManagement.Read.Directory',
    { licence: 'Microsoft Entra ID P2' },
  ),
  list(
    'agentIdentities',
    'beta',
    'servicePrincipals/microsoft.graph.agentIdentity',
    SP_FIELDS,
    'Application.Read.All',
    { top: DIRECTORY_PAGE_SIZE },
  ),
  list(
    'agentIdentityBlueprintPrincipals',
    'beta',
    'servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal',
    SP_FIELDS,
    'Application.Read.All',
    { top: DIRECTORY_PAGE_SIZE },
  ),
  list(
    'agentIdentityBlueprints',
    'beta',
    'applications/microsoft.graph.agentIdentityBlueprint',
    APP_FIELDS,
    'Application.Read.All',
    { top: DIRECTORY_PAGE_SIZE },
  ),
  list(
    'servicePrincipalSignInActivities',
    'beta',
    'reports/servicePrincipalSignInActivities',
    fieldsOf(servicePrincipalSignInActivitySchema),
    'AuditLog.Read.All',
    { top: DIRECTORY_PAGE_SIZE, globalOnly: true, licence: 'Microsoft Entra ID P1' },
  ),
  list(
    'appCredentialSignInActivities',
    'beta',
    'reports/appCredentialSignInActivities',
    fieldsOf(appCredentialSignInActivitySchema),
    'AuditLog.Read.All',
    { top: DIRECTORY_PAGE_SIZE, globalOnly: true, licence: 'Microsoft Entra ID P1' },
  ),
  list(
    'defaultAppManagementPolicy',
    'v1.0',
    'policies/defaultAppManagementPolicy',
    fieldsOf(appManagementPolicySchema),
    'Policy.Read.All',
    { singleObject: true },
  ),
  // beta: only beta has the agent identity conditions. Graph allows one request a second per tenant
  // here; the policies fit one page.
  list(
    'conditionalAccessPolicies',
    'beta',
    'identity/conditionalAccess/policies',
    fieldsOf(conditionalAccessPolicySchema),
    'Policy.Read.All',
    { licence: 'Microsoft Entra ID P1' },
  ),
];

function perObject(
  key: EndpointKey,
  version: GraphVersion,
  resourceOf: (id: string) => string,
  select: readonly string[],
  permission: GraphPermission,
  top?: number,
): PerObjectSpec {
  return { key, version, resourceOf, select, permission, ...(top ? { top } : {}) };
}

export const PER_OBJECT_SPECS: Readonly<Record<string, PerObjectSpec>> = {
  applicationOwners: perObject(
    'applicationOwners',
    'v1.0',
    (id) => `applications/${id}/owners`,
    DIRECTORY_OBJECT_FIELDS,
    'Application.Read.All',
  ),
  federatedIdentityCredentials: perObject(
    'federatedIdentityCredentials',
    'v1.0',
    (id) => `applications/${id}/federatedIdentityCredentials`,
    fieldsOf(federatedIdentityCredentialSchema),
    'Application.Read.All',
  ),
  servicePrincipalOwners: perObject(
    'servicePrincipalOwners',
    'v1.0',
    (id) => `servicePrincipals/${id}/owners`,
    DIRECTORY_OBJECT_FIELDS,
    'Application.Read.All',
  ),
  appRoleAssignedTo: perObject(
    'appRoleAssignedTo',
    'v1.0',
    (id) => `servicePrincipals/${id}/appRoleAssignedTo`,
    fieldsOf(appRoleAssignmentSchema),
    'Application.Read.All',
    DIRECTORY_PAGE_SIZE,
  ),
  agentIdentitySponsors: perObject(
    'agentIdentitySponsors',
    'beta',
    (id) => `servicePrincipals/${id}/microsoft.graph.agentIdentity/sponsors`,
    DIRECTORY_OBJECT_FIELDS,
    'AgentIdentity.Read.All',
  ),
  agentIdentityBlueprintPrincipalSponsors: perObject(
    'agentIdentityBlueprintPrincipalSponsors',
    'beta',
    (id) => `servicePrincipals/${id}/microsoft.graph.agentIdentityBlueprintPrincipal/sponsors`,
    DIRECTORY_OBJECT_FIELDS,
    'Application.Read.All',
  ),
  agentIdentityBlueprintSponsors: perObject(
    'agentIdentityBlueprintSponsors',
    'beta',
    (id) => `applications/${id}/microsoft.graph.agentIdentityBlueprint/sponsors`,
    DIRECTORY_OBJECT_FIELDS,
    'Application.Read.All',
  ),
};

/** A directory object id is safe to put into a path: a GUID-like token, nothing that adds segments. */
export const OBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

interface ListedObject {
  id?: unknown;
  appOwnerOrganizationId?: unknown;
  appRoles?: unknown;
}

/** The per-object requests one listed object leads to, as in scripts/export/entra-export.ps1. */
export function followUps(list: EndpointKey, item: unknown): { spec: PerObjectSpec; id: string }[] {
  const obj = (item ?? {}) as ListedObject;
  if (typeof obj.id !== 'string' || !OBJECT_ID.test(obj.id)) return [];
  const id = obj.id;
  const specs: PerObjectSpec[] = [];
  const add = (key: string) => {
    const spec = PER_OBJECT_SPECS[key];
    if (spec) specs.push(spec);
  };
  switch (list) {
    case 'applications':
      add('applicationOwners');
      add('federatedIdentityCredentials');
      break;
    case 'servicePrincipals':
      // Microsoft's own service principals have no owners in a customer tenant; there are hundreds.
      if (
        !isMicrosoftTenant(typeof obj.appOwnerOrganizationId === 'string' ? obj.appOwnerOrganizationId : null)
      )
        add('servicePrincipalOwners');
      // Only service principals that publish app roles can be granted one: read grants from them.
      if (Array.isArray(obj.appRoles) && obj.appRoles.length > 0) add('appRoleAssignedTo');
      break;
    case 'agentIdentities':
      add('agentIdentitySponsors');
      break;
    case 'agentIdentityBlueprintPrincipals':
      add('agentIdentityBlueprintPrincipalSponsors');
      break;
    case 'agentIdentityBlueprints':
      add('agentIdentityBlueprintSponsors');
      break;
    default:
      break;
  }
  return specs.map((spec) => ({ spec, id }));
}

/** The import-format path of a list or per-object request: `v1.0/servicePrincipals`, `v1.0/applications/<id>/owners`. */
export function rawPath(version: GraphVersion, resource: string): string {
  return `${version}/${resource}`;
}

/** The request URL path with query, relative to the Graph root. */
export function requestPath(
  version: GraphVersion,
  resource: string,
  q: { select?: readonly string[]; top?: number },
): string {
  const params: string[] = [];
  if (q.top) params.push(`$top=${q.top}`);
  if (q.select && q.select.length > 0) params.push(`$select=${q.select.join(',')}`);
  return `${version}/${resource}${params.length ? `?${params.join('&')}` : ''}`;
}
