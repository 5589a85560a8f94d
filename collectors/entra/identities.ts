/**
 * Service principals and application registrations -> inventory identities, and the index the
 * other transform steps use to find an identity by object id or appId.
 *
 * Links between objects (attributes, as stable ids):
 * - `linkedApplicationId` on a service principal: the application object with the same appId in
 *   this tenant. Credentials and federated credentials live on that application, and whoever holds
 *   them can act as the service principal here; assess/ follows this link.
 * - `applicationCredentialCount` on a service principal: how many credentials that application has.
 * - `linkedServicePrincipalId` on an application: its service principal in this tenant.
 * - `linkedBlueprintId` / `linkedBlueprintPrincipalId` on an agent identity: its blueprint
 *   (application) and blueprint principal. Agent identities hold no credentials of their own; the
 *   blueprint's credentials obtain tokens for them.
 */
import { stableId, type Identity, type IdentityKind } from '../../model/inventory';
import { toIsoUtc } from '../../model/dates';
import type { ParsedTenant } from './parse-raw';
import type { RawApplication, RawServicePrincipal } from './raw-schemas';
import { isMicrosoftTenant } from './microsoft-tenants';
import { compact, firstText, odataTypeName, sameText, tagMap } from './values';

const MULTI_TENANT_AUDIENCES = new Set(['azureadmultipleorgs', 'azureadandpersonalmicrosoftaccount']);

export interface TenantIndex {
  tenantId: string;
  /** Every identity by its Entra object id. */
  identities: Map<string, Identity>;
  servicePrincipals: Map<string, RawServicePrincipal>;
  applications: Map<string, RawApplication>;
  spByAppId: Map<string, RawServicePrincipal>;
  appByAppId: Map<string, RawApplication>;
}

export interface IdentityCounts {
  servicePrincipals: number;
  applications: number;
  agentIdentities: number;
  blueprintPrincipals: number;
  blueprints: number;
}

function isMultiTenantAudience(audience: string | null | undefined): boolean {
  return typeof audience === 'string' && MULTI_TENANT_AUDIENCES.has(audience.toLowerCase());
}

function isDisabledByMicrosoft(status: string | null | undefined): boolean {
  return typeof status === 'string' && status !== '' && !sameText(status, 'NotDisabled');
}

/** Merge an object from a typed list (agent identities, blueprints) over the plain-list copy. */
function mergeObjects<T extends { id: string }>(base: readonly T[], extra: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of base) out.set(item.id, item);
  for (const item of extra) {
    const prior = out.get(item.id);
    if (!prior) {
      out.set(item.id, item);
      continue;
    }
    // Keep every field either copy knows; the typed list wins where both have a value.
    const merged: Record<string, unknown> = { ...prior };
    for (const [k, v] of Object.entries(item)) if (v !== undefined && v !== null) merged[k] = v;
    out.set(item.id, merged as T);
  }
  return out;
}

function verifiedPublisher(vp: RawServicePrincipal['verifiedPublisher']) {
  if (!vp || (!vp.displayName && !vp.verifiedPublisherId)) return undefined;
  return compact({
    displayName: vp.displayName ?? undefined,
    verifiedPublisherId: vp.verifiedPublisherId ?? undefined,
    addedDateTime: toIsoUtc(vp.addedDateTime),
  });
}

function servicePrincipalKind(
  sp: RawServicePrincipal,
  agentIds: ReadonlySet<string>,
  blueprintPrincipalIds: ReadonlySet<string>,
): IdentityKind {
  const type = odataTypeName(sp['@odata.type']);
  if (
    blueprintPrincipalIds.has(sp.id) ||
    type === 'agentidentityblueprintprincipal' ||
    sameText(sp.servicePrincipalType, 'AgentIdentityBlueprintPrincipal')
  ) {
    return 'entra-agent-blueprint-principal';
  }
  if (
    agentIds.has(sp.id) ||
    type === 'agentidentity' ||
    sameText(sp.servicePrincipalType, 'ServiceIdentity')
  ) {
    return 'entra-agent-identity';
  }
  if (sameText(sp.servicePrincipalType, 'ManagedIdentity')) return 'entra-managed-identity';
  return 'entra-service-principal';
}

/** The ARM resource a managed identity belongs to, from its alternativeNames. */
function managedIdentityDetails(sp: RawServicePrincipal) {
  const resourceId = (sp.alternativeNames ?? []).find((n) => n.toLowerCase().startsWith('/subscriptions/'));
  if (!resourceId) return {};
  const userAssigned = /\/providers\/microsoft\.managedidentity\/userassignedidentities\//i.test(resourceId);
  return {
    managedIdentityResourceId: resourceId,
    managedIdentityType: userAssigned ? 'user-assigned' : 'system-assigned',
  };
}

function credentialCount(app: RawApplication | undefined, parsed: ParsedTenant): number | undefined {
  if (!app) return undefined;
  return (
    (app.passwordCredentials?.length ?? 0) +
    (app.keyCredentials?.length ?? 0) +
    (parsed.federatedIdentityCredentials.get(app.id)?.length ?? 0)
  );
}

function servicePrincipalIdentity(
  sp: RawServicePrincipal,
  kind: IdentityKind,
  index: TenantIndex,
  parsed: ParsedTenant,
): Identity {
  const owner = sp.appOwnerOrganizationId ?? undefined;
  const app = sp.appId ? index.appByAppId.get(sp.appId) : undefined;
  const blueprintAppId = sp.agentIdentityBlueprintId ?? undefined;
  const blueprint = blueprintAppId ? index.appByAppId.get(blueprintAppId) : undefined;
  const blueprintPrincipal = blueprintAppId ? index.spByAppId.get(blueprintAppId) : undefined;
  // A managed identity belongs to a resource in the customer's own subscription whatever
  // appOwnerOrganizationId says, so it is never first-party or foreign.
  const managed = kind === 'entra-managed-identity';
  const multiTenant =
    !managed &&
    (isMultiTenantAudience(sp.signInAudience) ||
      (owner !== undefined && owner.toLowerCase() !== index.tenantId.toLowerCase()));
  return {
    id: stableId('entra', sp.id),
    provider: 'entra',
    kind,
    nativeId: sp.id,
    name: firstText(sp.displayName, sp.appDisplayName, sp.appId) ?? sp.id,
    displayName: sp.displayName ?? undefined,
    description: firstText(sp.description, sp.notes, sp.appDescription),
    account: index.tenantId,
    createdAt: toIsoUtc(sp.createdDateTime),
    enabled: sp.accountEnabled !== false && !isDisabledByMicrosoft(sp.disabledByMicrosoftStatus),
    tags: tagMap(sp.tags),
    owners: [],
    attributes: compact({
      objectType: 'servicePrincipal',
      appId: sp.appId ?? undefined,
      appDisplayName: sp.appDisplayName ?? undefined,
      servicePrincipalType: sp.servicePrincipalType ?? undefined,
      appOwnerOrganizationId: owner,
      firstParty: !managed && isMicrosoftTenant(owner),
      multiTenant,
      signInAudience: sp.signInAudience ?? undefined,
      publisherName: sp.publisherName ?? undefined,
      verifiedPublisher: verifiedPublisher(sp.verifiedPublisher),
      accountEnabled: sp.accountEnabled ?? undefined,
      disabledByMicrosoftStatus: sp.disabledByMicrosoftStatus ?? undefined,
      linkedApplicationId: app ? stableId('entra', app.id) : undefined,
      applicationCredentialCount: credentialCount(app, parsed),
      alternativeNames: managed ? (sp.alternativeNames ?? undefined) : undefined,
      ...(managed ? managedIdentityDetails(sp) : {}),
      agentIdentityBlueprintId: blueprintAppId,
      linkedBlueprintId: blueprint ? stableId('entra', blueprint.id) : undefined,
      linkedBlueprintPrincipalId:
        blueprintPrincipal && blueprintPrincipal.id !== sp.id
          ? stableId('entra', blueprintPrincipal.id)
          : undefined,
      createdByAppId: sp.createdByAppId ?? undefined,
      lifecycleExpiresAt: toIsoUtc(sp.lifecycle?.expirationDateTime),
      appRoleCount: sp.appRoles && sp.appRoles.length > 0 ? sp.appRoles.length : undefined,
    }),
  };
}

function applicationIdentity(app: RawApplication, kind: IdentityKind, index: TenantIndex): Identity {
  const sp = app.appId ? index.spByAppId.get(app.appId) : undefined;
  return {
    id: stableId('entra', app.id),
    provider: 'entra',
    kind,
    nativeId: app.id,
    name: firstText(app.displayName, app.appId) ?? app.id,
    displayName: app.displayName ?? undefined,
    description: firstText(app.description, app.notes),
    account: index.tenantId,
    createdAt: toIsoUtc(app.createdDateTime),
    enabled: !isDisabledByMicrosoft(app.disabledByMicrosoftStatus),
    tags: tagMap(app.tags),
    owners: [],
    attributes: compact({
      objectType: 'application',
      appId: app.appId ?? undefined,
      signInAudience: app.signInAudience ?? undefined,
      multiTenant: isMultiTenantAudience(app.signInAudience),
      publisherDomain: app.publisherDomain ?? undefined,
      verifiedPublisher: verifiedPublisher(app.verifiedPublisher),
      disabledByMicrosoftStatus: app.disabledByMicrosoftStatus ?? undefined,
      linkedServicePrincipalId: sp ? stableId('entra', sp.id) : undefined,
    }),
  };
}

/** Build every identity of the tenant. */
export function buildIdentities(
  parsed: ParsedTenant,
  tenantId: string,
): { identities: Identity[]; index: TenantIndex; counts: IdentityCounts } {
  const servicePrincipals = mergeObjects(parsed.servicePrincipals, [
    ...parsed.agentIdentities,
    ...parsed.agentIdentityBlueprintPrincipals,
  ]);
  const applications = mergeObjects(parsed.applications, parsed.agentIdentityBlueprints);
  const index: TenantIndex = {
    tenantId,
    identities: new Map(),
    servicePrincipals,
    applications,
    spByAppId: new Map(),
    appByAppId: new Map(),
  };
  for (const sp of servicePrincipals.values())
    if (sp.appId && !index.spByAppId.has(sp.appId)) index.spByAppId.set(sp.appId, sp);
  for (const app of applications.values())
    if (app.appId && !index.appByAppId.has(app.appId)) index.appByAppId.set(app.appId, app);

  const agentIds = new Set(parsed.agentIdentities.map((a) => a.id));
  const blueprintPrincipalIds = new Set(parsed.agentIdentityBlueprintPrincipals.map((a) => a.id));
  const blueprintIds = new Set(parsed.agentIdentityBlueprints.map((a) => a.id));
  const counts: IdentityCounts = {
    servicePrincipals: 0,
    applications: 0,
    agentIdentities: 0,
    blueprintPrincipals: 0,
    blueprints: 0,
  };

  const identities: Identity[] = [];
  for (const sp of servicePrincipals.values()) {
    const kind = servicePrincipalKind(sp, agentIds, blueprintPrincipalIds);
    const identity = servicePrincipalIdentity(sp, kind, index, parsed);
    identities.push(identity);
    index.identities.set(sp.id, identity);
    counts.servicePrincipals++;
    if (kind === 'entra-agent-identity') counts.agentIdentities++;
    if (kind === 'entra-agent-blueprint-principal') counts.blueprintPrincipals++;
  }
  for (const app of applications.values()) {
    if (index.identities.has(app.id)) continue; // object ids are unique across types; never expected
    const isBlueprint =
      blueprintIds.has(app.id) || odataTypeName(app['@odata.type']) === 'agentidentityblueprint';
    const identity = applicationIdentity(
      app,
      isBlueprint ? 'entra-agent-blueprint' : 'entra-application',
      index,
    );
    identities.push(identity);
    index.identities.set(app.id, identity);
    counts.applications++;
    if (isBlueprint) counts.blueprints++;
  }
  return { identities, index, counts };
}
