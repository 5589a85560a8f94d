/**
 * Validates an EntraRaw map (request path -> concatenated `value` items) against the raw schemas
 * and groups it by endpoint. Pure: the folder reader and the live collector both end here.
 */
import type { z } from 'zod';
import { InputError } from '../../model/errors';
import { describeIssues } from '../import/zod-issues';
import { ENDPOINTS, matchEndpoint, type Endpoint, type EndpointKey } from './endpoints';
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
  type RawAppCredentialSignInActivity,
  type RawAppManagementPolicy,
  type RawConditionalAccessPolicy,
  type RawApplication,
  type RawAppRoleAssignment,
  type RawDirectoryObject,
  type RawFederatedIdentityCredential,
  type RawOAuth2PermissionGrant,
  type RawOrganization,
  type RawRoleAssignment,
  type RawRoleDefinition,
  type RawRoleEligibilitySchedule,
  type RawServicePrincipal,
  type RawServicePrincipalSignInActivity,
} from './raw-schemas';

/**
 * One tenant's Graph data: request path (as in docs/import-formats.md, e.g. `v1.0/servicePrincipals`,
 * `v1.0/applications/{id}/owners` with the real id) -> the `value` items of all its pages, in order.
 */
export type EntraRaw = Record<string, readonly unknown[]>;

export interface ParsedTenant {
  /** Endpoints with at least one path in the input, even an empty one. */
  present: ReadonlySet<EndpointKey>;
  organization: RawOrganization[];
  servicePrincipals: RawServicePrincipal[];
  applications: RawApplication[];
  agentIdentities: RawServicePrincipal[];
  agentIdentityBlueprintPrincipals: RawServicePrincipal[];
  agentIdentityBlueprints: RawApplication[];
  oauth2PermissionGrants: RawOAuth2PermissionGrant[];
  roleDefinitions: RawRoleDefinition[];
  roleDefinitionsBeta: RawRoleDefinition[];
  roleAssignments: RawRoleAssignment[];
  roleEligibilitySchedules: RawRoleEligibilitySchedule[];
  servicePrincipalSignInActivities: RawServicePrincipalSignInActivity[];
  appCredentialSignInActivities: RawAppCredentialSignInActivity[];
  appManagementPolicies: RawAppManagementPolicy[];
  conditionalAccessPolicies: RawConditionalAccessPolicy[];
  /** Per-object endpoints: object id -> items. */
  applicationOwners: Map<string, RawDirectoryObject[]>;
  servicePrincipalOwners: Map<string, RawDirectoryObject[]>;
  federatedIdentityCredentials: Map<string, RawFederatedIdentityCredential[]>;
  appRoleAssignedTo: Map<string, RawAppRoleAssignment[]>;
  appRoleAssignments: Map<string, RawAppRoleAssignment[]>;
  sponsors: Map<string, RawDirectoryObject[]>;
  /** Paths that match no endpoint the import reads. */
  unknownPaths: string[];
}

/** Validate items against a schema; the first failure becomes an InputError naming the JSON path. */
export function parseItems<T>(
  schema: z.ZodType<T>,
  items: readonly unknown[],
  file: string,
  pathPrefix: readonly PropertyKey[] = ['value'],
): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const result = schema.safeParse(items[i]);
    if (result.success) {
      out.push(result.data);
      continue;
    }
    const { where, problem } = describeIssues(result.error.issues, [...pathPrefix, i]);
    throw new InputError(file, where, problem);
  }
  return out;
}

function dedupeById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}

function appendTo<T>(map: Map<string, T[]>, key: string, items: readonly T[]): void {
  const list = map.get(key);
  if (list) list.push(...items);
  else map.set(key, [...items]);
}

/** Parse and group a tenant's raw data. Throws InputError for a missing required endpoint or a bad item. */
export function parseEntraRaw(raw: EntraRaw): ParsedTenant {
  const present = new Set<EndpointKey>();
  const lists = new Map<EndpointKey, unknown[]>();
  const perObject = new Map<EndpointKey, { objectId: string; path: string; items: readonly unknown[] }[]>();
  const unknownPaths: string[] = [];

  for (const [path, items] of Object.entries(raw)) {
    const match = matchEndpoint(path);
    if (!match) {
      unknownPaths.push(path);
      continue;
    }
    const key = match.endpoint.key;
    present.add(key);
    // Validate here so an error names the request path it came from.
    const parsed = parseItems(match.endpoint.itemSchema, items, path);
    if (match.objectId === undefined) {
      const list = lists.get(key);
      if (list) list.push(...parsed);
      else lists.set(key, [...parsed]);
    } else {
      const entries = perObject.get(key) ?? [];
      entries.push({ objectId: match.objectId, path, items: parsed });
      perObject.set(key, entries);
    }
  }

  const missing = ENDPOINTS.filter((e: Endpoint) => e.required && !present.has(e.key));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((e) => e.path).join(', '),
      '',
      `required Graph response${missing.length > 1 ? 's' : ''} missing from the export`,
    );
  }

  // Items were parsed above by the endpoint's own schema, so they are that schema's output type;
  // the schema argument only carries the type.
  const list = <T>(key: EndpointKey, _schema: z.ZodType<T>): T[] => (lists.get(key) ?? []) as T[];
  const byObject = <T>(
    key: EndpointKey,
    _schema: z.ZodType<T>,
    into = new Map<string, T[]>(),
  ): Map<string, T[]> => {
    for (const entry of perObject.get(key) ?? []) appendTo(into, entry.objectId, entry.items as readonly T[]);
    return into;
  };

  const sponsors = new Map<string, RawDirectoryObject[]>();
  byObject('agentIdentitySponsors', directoryObjectSchema, sponsors);
  byObject('agentIdentityBlueprintSponsors', directoryObjectSchema, sponsors);
  byObject('agentIdentityBlueprintPrincipalSponsors', directoryObjectSchema, sponsors);

  return {
    present,
    organization: list('organization', organizationSchema),
    servicePrincipals: dedupeById(list('servicePrincipals', servicePrincipalSchema)),
    applications: dedupeById(list('applications', applicationSchema)),
    agentIdentities: dedupeById(list('agentIdentities', servicePrincipalSchema)),
    agentIdentityBlueprintPrincipals: dedupeById(
      list('agentIdentityBlueprintPrincipals', servicePrincipalSchema),
    ),
    agentIdentityBlueprints: dedupeById(list('agentIdentityBlueprints', applicationSchema)),
    oauth2PermissionGrants: dedupeById(list('oauth2PermissionGrants', oauth2PermissionGrantSchema)),
    roleDefinitions: dedupeById(list('roleDefinitions', roleDefinitionSchema)),
    roleDefinitionsBeta: dedupeById(list('roleDefinitionsBeta', roleDefinitionSchema)),
    roleAssignments: dedupeById(list('roleAssignments', roleAssignmentSchema)),
    roleEligibilitySchedules: dedupeById(list('roleEligibilitySchedules', roleEligibilityScheduleSchema)),
    servicePrincipalSignInActivities: list(
      'servicePrincipalSignInActivities',
      servicePrincipalSignInActivitySchema,
    ),
    appCredentialSignInActivities: list('appCredentialSignInActivities', appCredentialSignInActivitySchema),
    appManagementPolicies: dedupeById(list('defaultAppManagementPolicy', appManagementPolicySchema)),
    conditionalAccessPolicies: dedupeById(list('conditionalAccessPolicies', conditionalAccessPolicySchema)),
    applicationOwners: byObject('applicationOwners', directoryObjectSchema),
    servicePrincipalOwners: byObject('servicePrincipalOwners', directoryObjectSchema),
    federatedIdentityCredentials: byObject('federatedIdentityCredentials', federatedIdentityCredentialSchema),
    appRoleAssignedTo: byObject('appRoleAssignedTo', appRoleAssignmentSchema),
    appRoleAssignments: byObject('appRoleAssignments', appRoleAssignmentSchema),
    sponsors,
    unknownPaths,
  };
}
