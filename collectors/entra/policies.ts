/**
 * Tenant policies that change what an identity's credentials and sign-ins are worth:
 * - the default app management policy (restrictions on adding secrets and on their lifetime),
 *   attached to the applications and service principals it applies to as `appManagementPolicy`;
 * - conditional access policies for workload identities (`clientApplications`) and, in beta, agent
 *   identities, attached to each identity they target as `conditionalAccessPolicies`.
 * User-only conditional access policies are not about non-human identities and are left out.
 */
import type { Identity, JsonValue } from '../../model/inventory';
import { toIsoUtc } from '../../model/dates';
import type { AreaReport } from './area-report';
import { notExported } from './endpoints';
import type { TenantIndex } from './identities';
import type { ParsedTenant } from './parse-raw';
import type { RawConditionalAccessPolicy, RawCredentialRestriction } from './raw-schemas';
import { compact, sameText } from './values';

const APP_KINDS = new Set(['entra-application', 'entra-agent-blueprint']);
const SP_KINDS = new Set(['entra-service-principal', 'entra-agent-blueprint-principal']);

function restrictionsFor(
  identity: Identity,
  list: readonly RawCredentialRestriction[],
  origin: string,
): JsonValue[] {
  const out: JsonValue[] = [];
  for (const r of list) {
    if (!r.restrictionType || (r.state && !sameText(r.state, 'enabled'))) continue;
    const after = toIsoUtc(r.restrictForAppsCreatedAfterDateTime);
    // A restriction binds objects created after its date; older ones keep what they have.
    if (after && identity.createdAt && identity.createdAt < after) continue;
    out.push(
      compact({
        restrictionType: r.restrictionType,
        credentials: origin,
        maxLifetime: r.maxLifetime ?? undefined,
        restrictForAppsCreatedAfterDateTime: after,
      }),
    );
  }
  return out;
}

function appManagementReport(parsed: ParsedTenant, index: TenantIndex): AreaReport {
  if (!parsed.present.has('defaultAppManagementPolicy')) {
    return {
      area: 'defaultAppManagementPolicy',
      status: 'skipped',
      itemCount: 0,
      message: notExported('defaultAppManagementPolicy'),
    };
  }
  const policy = parsed.appManagementPolicies[0];
  if (!policy)
    return {
      area: 'defaultAppManagementPolicy',
      status: 'complete',
      itemCount: 0,
      message: 'no policy object',
    };
  if (policy.isEnabled !== true) {
    return {
      area: 'defaultAppManagementPolicy',
      status: 'complete',
      itemCount: 1,
      message: 'disabled: secrets and certificates are not restricted tenant-wide',
    };
  }
  let bound = 0;
  for (const identity of index.identities.values()) {
    const restrictions = APP_KINDS.has(identity.kind)
      ? [
          ...restrictionsFor(
            identity,
            policy.applicationRestrictions?.passwordCredentials ?? [],
            'passwordCredentials',
          ),
          ...restrictionsFor(
            identity,
            policy.applicationRestrictions?.keyCredentials ?? [],
            'keyCredentials',
          ),
        ]
      : SP_KINDS.has(identity.kind) && identity.attributes.firstParty !== true
        ? [
            ...restrictionsFor(
              identity,
              policy.servicePrincipalRestrictions?.passwordCredentials ?? [],
              'passwordCredentials',
            ),
            ...restrictionsFor(
              identity,
              policy.servicePrincipalRestrictions?.keyCredentials ?? [],
              'keyCredentials',
            ),
          ]
        : [];
    if (restrictions.length === 0) continue;
    identity.attributes.appManagementPolicy = { policy: 'tenant default', restrictions };
    bound++;
  }
  const kinds = [
    ...(policy.applicationRestrictions?.passwordCredentials ?? []),
    ...(policy.applicationRestrictions?.keyCredentials ?? []),
    ...(policy.servicePrincipalRestrictions?.passwordCredentials ?? []),
    ...(policy.servicePrincipalRestrictions?.keyCredentials ?? []),
  ]
    .filter((r) => r.restrictionType && (!r.state || sameText(r.state, 'enabled')))
    .map((r) => `${r.restrictionType}${r.maxLifetime ? ` ${r.maxLifetime}` : ''}`);
  return {
    area: 'defaultAppManagementPolicy',
    status: 'complete',
    itemCount: 1,
    message: `enabled: ${[...new Set(kinds)].join(', ') || 'no restriction'}; binds ${bound} applications and service principals`,
  };
}

interface Targeting {
  ids: Set<string>;
  filtered: boolean;
}

function targetsOf(policy: RawConditionalAccessPolicy, index: TenantIndex): Targeting | undefined {
  const apps = policy.conditions?.clientApplications;
  if (!apps) return undefined;
  const include = apps.includeServicePrincipals ?? [];
  const includeAgents = apps.includeAgentIdServicePrincipals ?? [];
  if (
    include.length === 0 &&
    includeAgents.length === 0 &&
    !apps.servicePrincipalFilter &&
    !apps.agentIdServicePrincipalFilter
  )
    return undefined;
  const ids = new Set<string>();
  for (const id of include) {
    if (sameText(id, 'ServicePrincipalsInMyTenant')) {
      // Single-tenant service principals of apps registered here; managed identities are not covered.
      for (const sp of index.servicePrincipals.values()) {
        const identity = index.identities.get(sp.id);
        if (identity && SP_KINDS.has(identity.kind) && sp.appOwnerOrganizationId === index.tenantId)
          ids.add(sp.id);
      }
    } else if (index.identities.has(id)) ids.add(id);
  }
  for (const id of includeAgents) {
    if (sameText(id, 'All') || sameText(id, 'AllAgentIdServicePrincipals')) {
      for (const identity of index.identities.values())
        if (identity.kind === 'entra-agent-identity') ids.add(identity.nativeId);
    } else if (index.identities.has(id)) ids.add(id);
  }
  for (const id of [
    ...(apps.excludeServicePrincipals ?? []),
    ...(apps.excludeAgentIdServicePrincipals ?? []),
  ])
    ids.delete(id);
  return {
    ids,
    filtered: Boolean(apps.servicePrincipalFilter?.rule || apps.agentIdServicePrincipalFilter?.rule),
  };
}

function conditionalAccessReport(parsed: ParsedTenant, index: TenantIndex): AreaReport {
  if (!parsed.present.has('conditionalAccessPolicies')) {
    return {
      area: 'conditionalAccessPolicies',
      status: 'skipped',
      itemCount: 0,
      message: notExported('conditionalAccessPolicies'),
    };
  }
  let workload = 0;
  let filtered = 0;
  let reportOnly = 0;
  for (const policy of parsed.conditionalAccessPolicies) {
    const targets = targetsOf(policy, index);
    if (!targets) continue;
    workload++;
    if (targets.filtered) filtered++;
    if (sameText(policy.state, 'enabledForReportingButNotEnforced')) reportOnly++;
    const summary = compact({
      id: policy.id,
      displayName: policy.displayName ?? undefined,
      state: policy.state ?? undefined,
      grantOperator: policy.grantControls?.operator ?? undefined,
      builtInControls: policy.grantControls?.builtInControls ?? undefined,
      servicePrincipalRiskLevels: policy.conditions?.servicePrincipalRiskLevels ?? undefined,
      locations: policy.conditions?.locations
        ? compact({
            include: policy.conditions.locations.includeLocations ?? undefined,
            exclude: policy.conditions.locations.excludeLocations ?? undefined,
          })
        : undefined,
      filtered: targets.filtered || undefined,
    });
    for (const id of targets.ids) {
      const identity = index.identities.get(id);
      if (!identity) continue;
      const prior = identity.attributes.conditionalAccessPolicies;
      identity.attributes.conditionalAccessPolicies = [...(Array.isArray(prior) ? prior : []), summary];
    }
  }
  const notes = [
    `${workload} of ${parsed.conditionalAccessPolicies.length} policies apply to workload or agent identities`,
  ];
  if (reportOnly > 0) notes.push(`${reportOnly} only report`);
  if (filtered > 0)
    notes.push(
      `${filtered} select identities by a filter on custom security attributes, which is not evaluated: only the identities they name are marked`,
    );
  return {
    area: 'conditionalAccessPolicies',
    status: 'complete',
    itemCount: workload,
    message: notes.join('; '),
  };
}

/** Attaches the tenant's policies to the identities they bind; returns the coverage reports. */
export function applyPolicies(parsed: ParsedTenant, index: TenantIndex): AreaReport[] {
  return [appManagementReport(parsed, index), conditionalAccessReport(parsed, index)];
}
