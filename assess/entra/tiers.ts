/**
 * Lookups into the shipped tier tables. Grants are matched on permission names as the tenant
 * resolved them (GUIDs differ between clouds) and on the resource's app id or display name.
 */
import type { Grant } from '../../model/inventory';
import {
  DIRECTORY_ROLE_TIERS,
  GRAPH_APP_ROLE_TIERS,
  GRAPH_SCOPE_TIERS,
  type EamTier,
} from './tier-data/azure-privileged-iam';
import {
  RISKY_PERMISSIONS,
  RISKY_RESOURCE_APP_IDS,
  type RiskLevel,
} from './tier-data/scubagear-risky-permissions';

export type { EamTier } from './tier-data/azure-privileged-iam';
export type { RiskLevel } from './tier-data/scubagear-risky-permissions';

export type AppRoleGrant = Extract<Grant, { kind: 'entra-app-role' }>;
export type DelegatedGrant = Extract<Grant, { kind: 'entra-delegated-scope' }>;
export type DirectoryRoleGrant = Extract<Grant, { kind: 'entra-directory-role' }>;

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  partnerTier2Support: 'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
} as const;

/** Roles that are, or can directly make themselves, Global Administrator. */
export const GA_EQUIVALENT_ROLES: ReadonlySet<string> = new Set([
  ROLE.globalAdministrator,
  ROLE.privilegedRoleAdministrator,
  ROLE.privilegedAuthenticationAdministrator,
  ROLE.partnerTier2Support,
]);

export function isGraphGrant(grant: AppRoleGrant | DelegatedGrant): boolean {
  if (grant.kind === 'entra-app-role' && grant.resourceAppId)
    return grant.resourceAppId.toLowerCase() === GRAPH_APP_ID;
  return /^microsoft graph$/i.test(grant.resourceName);
}

export function appPermissionTier(grant: AppRoleGrant): EamTier | undefined {
  return isGraphGrant(grant) ? GRAPH_APP_ROLE_TIERS[grant.permission] : undefined;
}

export function scopeTier(grant: DelegatedGrant): EamTier | undefined {
  return isGraphGrant(grant) ? GRAPH_SCOPE_TIERS[grant.permission] : undefined;
}

function riskyResource(grant: AppRoleGrant | DelegatedGrant) {
  const byAppId =
    grant.kind === 'entra-app-role' && grant.resourceAppId
      ? RISKY_RESOURCE_APP_IDS[grant.resourceAppId.toLowerCase()]
      : undefined;
  return RISKY_PERMISSIONS[byAppId ?? grant.resourceName];
}

export function riskLevel(grant: AppRoleGrant | DelegatedGrant): RiskLevel | undefined {
  const resource = riskyResource(grant);
  if (!resource) return undefined;
  return grant.kind === 'entra-app-role'
    ? resource.Application[grant.permission]
    : resource.Delegated[grant.permission];
}

export interface RoleInfo {
  name: string;
  tier: EamTier | undefined;
  /** Microsoft's isPrivileged: from the tenant's role definition when present, else the shipped table. */
  isPrivileged: boolean;
  gaEquivalent: boolean;
}

export function directoryRoleInfo(grant: DirectoryRoleGrant): RoleInfo {
  const id = grant.roleDefinitionId.toLowerCase();
  const known = DIRECTORY_ROLE_TIERS[id];
  return {
    name: grant.roleName || known?.name || id,
    tier: known?.tier ?? undefined,
    isPrivileged: grant.isPrivileged ?? known?.isPrivileged ?? false,
    gaEquivalent: GA_EQUIVALENT_ROLES.has(id),
  };
}

/**
 * Control plane: tier 0 in the Enterprise Access Model. For permissions the model does not classify
 * (resources other than Microsoft Graph) ScubaGear's Critical stands in. Data permissions such as
 * Mail.ReadWrite are Critical in ScubaGear but tier 1 here: high risk, not control plane.
 */
export function isControlPlanePermission(grant: AppRoleGrant): boolean {
  const tier = appPermissionTier(grant);
  return tier !== undefined ? tier === 0 : riskLevel(grant) === 'Critical';
}

export function isHighRiskPermission(grant: AppRoleGrant | DelegatedGrant): boolean {
  const level = riskLevel(grant);
  if (level === 'Critical' || level === 'High') return true;
  return grant.kind === 'entra-app-role' ? appPermissionTier(grant) === 0 : scopeTier(grant) === 0;
}

export function isPrivilegedRole(grant: DirectoryRoleGrant): boolean {
  const info = directoryRoleInfo(grant);
  return info.isPrivileged || info.tier === 0;
}

/** For evidence: which list said what about a permission. */
export function permissionClassification(grant: AppRoleGrant | DelegatedGrant): Record<string, string> {
  const out: Record<string, string> = {};
  const tier = grant.kind === 'entra-app-role' ? appPermissionTier(grant) : scopeTier(grant);
  if (tier !== undefined)
    out['eamTier'] =
      `${tier} (${['ControlPlane', 'ManagementPlane', 'UserAccess'][tier]}, AzurePrivilegedIAM)`;
  const level = riskLevel(grant);
  if (level) out['riskLevel'] = `${level} (ScubaGear)`;
  return out;
}
