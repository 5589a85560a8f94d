/**
 * The Graph request paths the Entra import reads (docs/import-formats.md), with the schema of the
 * items each returns and what is lost when an optional one is missing. The folder reader, the pure
 * transform, the export script and the live collector all name data by these paths.
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
  oauth2PermissionGrantSchema,
  organizationSchema,
  roleAssignmentSchema,
  roleDefinitionSchema,
  roleEligibilityScheduleSchema,
  servicePrincipalSchema,
  servicePrincipalSignInActivitySchema,
} from './raw-schemas';

export type EndpointKey =
  | 'organization'
  | 'servicePrincipals'
  | 'applications'
  | 'applicationOwners'
  | 'servicePrincipalOwners'
  | 'federatedIdentityCredentials'
  | 'appRoleAssignedTo'
  | 'appRoleAssignments'
  | 'oauth2PermissionGrants'
  | 'roleDefinitions'
  | 'roleDefinitionsBeta'
  | 'roleAssignments'
  | 'roleEligibilitySchedules'
  | 'agentIdentities'
  | 'agentIdentityBlueprintPrincipals'
  | 'agentIdentityBlueprints'
  | 'agentIdentitySponsors'
  | 'agentIdentityBlueprintSponsors'
  | 'agentIdentityBlueprintPrincipalSponsors'
  | 'servicePrincipalSignInActivities'
  | 'appCredentialSignInActivities'
  | 'defaultAppManagementPolicy'
  | 'conditionalAccessPolicies';

export interface Endpoint {
  key: EndpointKey;
  /** The documented path; `{id}` stands for one object id. */
  path: string;
  /**
   * Matches a request path. Version roots are accepted as listed: Microsoft moves the agent
   * and report endpoints from beta to v1.0 over time, and both answer the same shape.
   */
  pattern: RegExp;
  itemSchema: z.ZodType;
  required: boolean;
  /** One file per object (`{id}` in the path) rather than one list for the tenant. */
  perObject: boolean;
  /** Graph answers with one object rather than a `value` list (the file may hold either). */
  singleObject?: boolean;
  /** What the assessment cannot know when the endpoint is not in the export. */
  missingReason: string;
}

const ID = '([^/]+)';
const ANY_VERSION = '(?:v1\\.0|beta)';

function endpoint(
  key: EndpointKey,
  path: string,
  source: string,
  itemSchema: z.ZodType,
  missingReason: string,
  required = false,
): Endpoint {
  return {
    key,
    path,
    pattern: new RegExp(`^${source}$`, 'i'),
    itemSchema,
    required,
    perObject: path.includes('{id}'),
    missingReason,
  };
}

export const ENDPOINTS: readonly Endpoint[] = [
  endpoint(
    'organization',
    'v1.0/organization',
    'v1\\.0/organization',
    organizationSchema,
    'the tenant id is unknown',
    true,
  ),
  endpoint(
    'servicePrincipals',
    'v1.0/servicePrincipals',
    'v1\\.0/servicePrincipals',
    servicePrincipalSchema,
    'no service principals',
    true,
  ),
  endpoint(
    'applications',
    'v1.0/applications',
    'v1\\.0/applications',
    applicationSchema,
    'no application registrations',
    true,
  ),
  endpoint(
    'applicationOwners',
    'v1.0/applications/{id}/owners',
    `v1\\.0/applications/${ID}/owners`,
    directoryObjectSchema,
    'owners unknown, so who can add credentials to an identity is not assessed (needs Application.Read.All)',
  ),
  endpoint(
    'servicePrincipalOwners',
    'v1.0/servicePrincipals/{id}/owners',
    `v1\\.0/servicePrincipals/${ID}/owners`,
    directoryObjectSchema,
    'owners of service principals unknown: who can add credentials to them is not assessed (needs Application.Read.All)',
  ),
  endpoint(
    'federatedIdentityCredentials',
    'v1.0/applications/{id}/federatedIdentityCredentials',
    `v1\\.0/applications/${ID}/federatedIdentityCredentials`,
    federatedIdentityCredentialSchema,
    'external workloads trusted to act as applications are unknown (needs Application.Read.All)',
  ),
  endpoint(
    'appRoleAssignedTo',
    'v1.0/servicePrincipals/{id}/appRoleAssignedTo',
    `v1\\.0/servicePrincipals/${ID}/appRoleAssignedTo`,
    appRoleAssignmentSchema,
    'application permissions (app role assignments) unknown (needs Application.Read.All)',
  ),
  endpoint(
    'appRoleAssignments',
    'v1.0/servicePrincipals/{id}/appRoleAssignments',
    `v1\\.0/servicePrincipals/${ID}/appRoleAssignments`,
    appRoleAssignmentSchema,
    'application permissions (app role assignments) unknown (needs Application.Read.All)',
  ),
  endpoint(
    'oauth2PermissionGrants',
    'v1.0/oauth2PermissionGrants',
    'v1\\.0/oauth2PermissionGrants',
    oauth2PermissionGrantSchema,
    'delegated permission grants unknown (needs Directory.Read.All)',
  ),
  endpoint(
    'roleDefinitions',
    'v1.0/roleManagement/directory/roleDefinitions',
    'v1\\.0/roleManagement/directory/roleDefinitions',
    roleDefinitionSchema,
    'directory role names and privilege flags unknown (needs RoleManagement.Read.Directory)',
  ),
  endpoint(
    'roleDefinitionsBeta',
    'beta/roleManagement/directory/roleDefinitions',
    'beta/roleManagement/directory/roleDefinitions',
    roleDefinitionSchema,
    "Microsoft's isPrivileged flag is taken from v1.0 role definitions only",
  ),
  endpoint(
    'roleAssignments',
    'v1.0/roleManagement/directory/roleAssignments',
    'v1\\.0/roleManagement/directory/roleAssignments',
    roleAssignmentSchema,
    'directory roles held by service principals unknown (needs RoleManagement.Read.Directory)',
  ),
  endpoint(
    'roleEligibilitySchedules',
    'v1.0/roleManagement/directory/roleEligibilitySchedules',
    'v1\\.0/roleManagement/directory/roleEligibilitySchedules',
    roleEligibilityScheduleSchema,
    'PIM-eligible directory roles unknown (needs Entra ID P2 and RoleManagement.Read.Directory)',
  ),
  endpoint(
    'agentIdentities',
    'beta/servicePrincipals/microsoft.graph.agentIdentity',
    `${ANY_VERSION}/servicePrincipals/microsoft\\.graph\\.agentIdentity`,
    servicePrincipalSchema,
    'agent identities are recognised by servicePrincipalType ServiceIdentity only (needs Application.Read.All)',
  ),
  endpoint(
    'agentIdentityBlueprintPrincipals',
    'beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal',
    `${ANY_VERSION}/servicePrincipals/microsoft\\.graph\\.agentIdentityBlueprintPrincipal`,
    servicePrincipalSchema,
    'blueprint principals may be listed as ordinary service principals (needs Application.Read.All)',
  ),
  endpoint(
    'agentIdentityBlueprints',
    'beta/applications/microsoft.graph.agentIdentityBlueprint',
    `${ANY_VERSION}/applications/microsoft\\.graph\\.agentIdentityBlueprint`,
    applicationSchema,
    'agent identity blueprints may be listed as ordinary applications (needs Application.Read.All)',
  ),
  endpoint(
    'agentIdentitySponsors',
    'beta/servicePrincipals/{id}/microsoft.graph.agentIdentity/sponsors',
    `${ANY_VERSION}/servicePrincipals/${ID}/microsoft\\.graph\\.agentIdentity/sponsors`,
    directoryObjectSchema,
    'sponsors of agent identities unknown: nobody is shown as accountable for them',
  ),
  endpoint(
    'agentIdentityBlueprintSponsors',
    'beta/applications/{id}/microsoft.graph.agentIdentityBlueprint/sponsors',
    `${ANY_VERSION}/applications/${ID}/microsoft\\.graph\\.agentIdentityBlueprint/sponsors`,
    directoryObjectSchema,
    'sponsors of agent identity blueprints unknown',
  ),
  endpoint(
    'agentIdentityBlueprintPrincipalSponsors',
    'beta/servicePrincipals/{id}/microsoft.graph.agentIdentityBlueprintPrincipal/sponsors',
    `${ANY_VERSION}/servicePrincipals/${ID}/microsoft\\.graph\\.agentIdentityBlueprintPrincipal/sponsors`,
    directoryObjectSchema,
    'sponsors of agent identity blueprint principals unknown',
  ),
  endpoint(
    'servicePrincipalSignInActivities',
    'beta/reports/servicePrincipalSignInActivities',
    `${ANY_VERSION}/reports/servicePrincipalSignInActivities`,
    servicePrincipalSignInActivitySchema,
    'sign-in activity unknown (needs Entra ID P1 and AuditLog.Read.All)',
  ),
  endpoint(
    'appCredentialSignInActivities',
    'beta/reports/appCredentialSignInActivities',
    `${ANY_VERSION}/reports/appCredentialSignInActivities`,
    appCredentialSignInActivitySchema,
    'last use of each credential unknown (needs Entra ID P1 and AuditLog.Read.All)',
  ),
  {
    ...endpoint(
      'defaultAppManagementPolicy',
      'v1.0/policies/defaultAppManagementPolicy',
      `${ANY_VERSION}/policies/defaultAppManagementPolicy`,
      appManagementPolicySchema,
      'tenant-wide restrictions on secrets and certificates unknown (needs Policy.Read.All)',
    ),
    singleObject: true,
  },
  endpoint(
    'conditionalAccessPolicies',
    'beta/identity/conditionalAccess/policies',
    `${ANY_VERSION}/identity/conditionalAccess/policies`,
    conditionalAccessPolicySchema,
    'conditional access policies for workload and agent identities unknown (needs Policy.Read.All; beta has the agent identity conditions)',
  ),
];

export interface PathMatch {
  endpoint: Endpoint;
  /** The object id for per-object endpoints. */
  objectId?: string;
}

/** Which endpoint a request path (without `.json`) belongs to, if any. */
export function matchEndpoint(path: string): PathMatch | undefined {
  for (const ep of ENDPOINTS) {
    const m = ep.pattern.exec(path);
    if (!m) continue;
    return m[1] === undefined ? { endpoint: ep } : { endpoint: ep, objectId: m[1] };
  }
  return undefined;
}

export function endpointByKey(key: EndpointKey): Endpoint {
  const found = ENDPOINTS.find((e) => e.key === key);
  if (!found) throw new Error(`unknown endpoint ${key}`);
  return found;
}

/** The coverage message for an optional endpoint missing from the input. */
export function notExported(key: EndpointKey): string {
  const ep = endpointByKey(key);
  return `${ep.path} not in the export: ${ep.missingReason}`;
}

export const REQUIRED_ENDPOINTS: readonly Endpoint[] = ENDPOINTS.filter((e) => e.required);
