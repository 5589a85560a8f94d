/**
 * The emulated tenant: request path -> items, and the rules Graph follows to answer a path that is
 * not literally stored: beta serves v1.0 data, a relationship of an existing object with nothing in
 * it is an empty collection, a relationship of an unknown object is 404, an unknown segment is 400.
 */
import type { GraphSeed } from './types';

export type Lookup =
  | { kind: 'collection'; items: readonly unknown[]; entityType: string }
  | { kind: 'entity'; item: unknown; entityType: string }
  | { kind: 'error'; status: number; code: string; message: string };

/** Relationships per object collection, with the versions that have them. */
const RELATIONSHIPS: Record<string, Record<string, { beta: boolean; v1: boolean; type: string }>> = {
  applications: {
    owners: { beta: true, v1: true, type: 'directoryObject' },
    federatedIdentityCredentials: { beta: true, v1: true, type: 'federatedIdentityCredential' },
    'microsoft.graph.agentIdentityBlueprint/sponsors': { beta: true, v1: false, type: 'directoryObject' },
  },
  servicePrincipals: {
    owners: { beta: true, v1: true, type: 'directoryObject' },
    appRoleAssignedTo: { beta: true, v1: true, type: 'appRoleAssignment' },
    appRoleAssignments: { beta: true, v1: true, type: 'appRoleAssignment' },
    'microsoft.graph.agentIdentity/sponsors': { beta: true, v1: false, type: 'directoryObject' },
    'microsoft.graph.agentIdentityBlueprintPrincipal/sponsors': {
      beta: true,
      v1: false,
      type: 'directoryObject',
    },
  },
};

/** Tenant-wide collections Graph has even when the tenant holds none of them, with the versions. */
const COLLECTIONS: Record<string, { beta: boolean; v1: boolean; type: string }> = {
  organization: { beta: true, v1: true, type: 'organization' },
  servicePrincipals: { beta: true, v1: true, type: 'servicePrincipal' },
  applications: { beta: true, v1: true, type: 'application' },
  oauth2PermissionGrants: { beta: true, v1: true, type: 'oAuth2PermissionGrant' },
  'roleManagement/directory/roleDefinitions': { beta: true, v1: true, type: 'unifiedRoleDefinition' },
  'roleManagement/directory/roleAssignments': { beta: true, v1: true, type: 'unifiedRoleAssignment' },
  'roleManagement/directory/roleEligibilitySchedules': {
    beta: true,
    v1: true,
    type: 'unifiedRoleEligibilitySchedule',
  },
  'servicePrincipals/microsoft.graph.agentIdentity': { beta: true, v1: false, type: 'agentIdentity' },
  'servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal': {
    beta: true,
    v1: false,
    type: 'agentIdentityBlueprintPrincipal',
  },
  'applications/microsoft.graph.agentIdentityBlueprint': {
    beta: true,
    v1: false,
    type: 'agentIdentityBlueprint',
  },
  'reports/servicePrincipalSignInActivities': {
    beta: true,
    v1: false,
    type: 'servicePrincipalSignInActivity',
  },
  'reports/appCredentialSignInActivities': { beta: true, v1: false, type: 'appCredentialSignInActivity' },
  'identity/conditionalAccess/policies': { beta: true, v1: true, type: 'conditionalAccessPolicy' },
};

/** Singletons: one object, no paging (stored as a one-item list, like the import files). */
const ENTITIES: Record<string, string> = {
  'policies/defaultAppManagementPolicy': 'tenantAppManagementPolicy',
};

function segmentError(segment: string): Lookup {
  return {
    kind: 'error',
    status: 400,
    code: 'BadRequest',
    message: `Resource not found for the segment '${segment}'.`,
  };
}

export class GraphStore {
  private readonly data = new Map<string, readonly unknown[]>();
  private readonly ids: Record<string, Set<string>> = {
    applications: new Set(),
    servicePrincipals: new Set(),
  };

  constructor(seed: GraphSeed) {
    for (const [path, items] of Object.entries(seed)) this.data.set(path, items);
    for (const collection of ['applications', 'servicePrincipals'] as const) {
      for (const item of seed[`v1.0/${collection}`] ?? []) {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string') this.ids[collection]?.add(id);
      }
    }
  }

  /** Count of the objects in a seeded list, e.g. for the bench. */
  count(path: string): number {
    return this.data.get(path)?.length ?? 0;
  }

  lookup(version: 'v1.0' | 'beta', resource: string): Lookup {
    const stored =
      this.data.get(`${version}/${resource}`) ??
      (version === 'beta' ? this.data.get(`v1.0/${resource}`) : undefined);
    const entityType = ENTITIES[resource];
    if (entityType) {
      const item = stored?.[0];
      if (item === undefined)
        return {
          kind: 'error',
          status: 404,
          code: 'Request_ResourceNotFound',
          message: `Resource '${resource}' does not exist.`,
        };
      return { kind: 'entity', item, entityType };
    }
    const known = COLLECTIONS[resource];
    if (known) {
      if (version === 'v1.0' && !known.v1) return segmentError(resource.split('/').pop() ?? resource);
      return { kind: 'collection', items: stored ?? [], entityType: known.type };
    }
    const m = /^(applications|servicePrincipals)\/([^/]+)\/(.+)$/.exec(resource);
    if (m?.[1] && m[2] && m[3]) {
      const rel = RELATIONSHIPS[m[1]]?.[m[3]];
      if (!rel || (version === 'v1.0' && !rel.v1)) return segmentError(m[3].split('/')[0] ?? m[3]);
      if (!this.ids[m[1]]?.has(m[2]) && !stored) {
        return {
          kind: 'error',
          status: 404,
          code: 'Request_ResourceNotFound',
          message: `Resource '${m[2]}' does not exist or one of its queried reference-property objects are not present.`,
        };
      }
      return { kind: 'collection', items: stored ?? [], entityType: rel.type };
    }
    if (stored) return { kind: 'collection', items: stored, entityType: 'entity' };
    return segmentError(resource.split('/')[0] ?? resource);
  }
}
