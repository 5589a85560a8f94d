/**
 * The Entra transform: one tenant's raw Graph responses -> the normalized inventory.
 * Pure (no I/O, no clock): the offline import and the live collector both call it with what they
 * read, so the same tenant gives the same inventory whichever way it was collected.
 */
import { InputError } from '../../model/errors';
import { toIsoUtc } from '../../model/dates';
import type { Coverage, Inventory, Source } from '../../model/inventory';
import { buildActivities } from './activities';
import type { AreaReport } from './area-report';
import { buildCredentials } from './credentials';
import { buildGrants } from './grants';
import { buildIdentities, type IdentityCounts } from './identities';
import { attachOwners } from './owners';
import { applyPolicies } from './policies';
import { matchEndpoint, notExported, type EndpointKey } from './endpoints';
import { parseEntraRaw, parseItems, type EntraRaw, type ParsedTenant } from './parse-raw';
import { organizationSchema } from './raw-schemas';
import type { ReadNote } from './read-note';

export interface EntraTransformContext {
  /** The source the rows come from; an empty `account` is filled with the tenant id. */
  source: Source;
  /** When the data was collected (ISO-8601); credentials ending before it are expired. */
  collectedAt: string;
  /** Notes from the folder reader or the live collector, recorded as coverage. */
  readNotes?: readonly ReadNote[];
}

/** The tenant id of a raw export (from `v1.0/organization`), e.g. to name the source before transforming. */
export function entraTenantId(raw: EntraRaw): string {
  for (const [path, items] of Object.entries(raw)) {
    if (matchEndpoint(path)?.endpoint.key !== 'organization') continue;
    const org = parseItems(organizationSchema, items, path)[0];
    if (org) return org.id;
  }
  throw new InputError('v1.0/organization', 'value', 'no organization object: the tenant id is unknown');
}

function tenantIdOf(parsed: ParsedTenant): string {
  const org = parsed.organization[0];
  if (!org)
    throw new InputError('v1.0/organization', 'value', 'no organization object: the tenant id is unknown');
  return org.id;
}

function identityReports(parsed: ParsedTenant, counts: IdentityCounts): AreaReport[] {
  const reports: AreaReport[] = [
    { area: 'servicePrincipals', status: 'complete', itemCount: counts.servicePrincipals },
    { area: 'applications', status: 'complete', itemCount: counts.applications },
  ];
  const optional: [keyof IdentityCounts, EndpointKey][] = [
    ['agentIdentities', 'agentIdentities'],
    ['blueprintPrincipals', 'agentIdentityBlueprintPrincipals'],
    ['blueprints', 'agentIdentityBlueprints'],
  ];
  for (const [count, key] of optional) {
    reports.push(
      parsed.present.has(key)
        ? { area: key, status: 'complete', itemCount: counts[count] }
        : { area: key, status: 'skipped', itemCount: 0, message: notExported(key) },
    );
  }
  return reports;
}

function noteReports(parsed: ParsedTenant, notes: readonly ReadNote[]): AreaReport[] {
  const reports: AreaReport[] = notes.map((n) => ({
    area: n.kind === 'ignored' ? `ignored:${n.path}` : `incomplete:${n.path}`,
    status: n.kind === 'ignored' ? 'skipped' : 'partial',
    itemCount: 0,
    message: n.message,
  }));
  for (const path of parsed.unknownPaths) {
    reports.push({
      area: `ignored:${path}`,
      status: 'skipped',
      itemCount: 0,
      message: `${path} is not a Graph request path the Entra import reads; ignored`,
    });
  }
  return reports;
}

/** Transform one tenant. Throws InputError when required data is missing or malformed. */
export function transformEntraTenant(raw: EntraRaw, ctx: EntraTransformContext): Inventory {
  const collectedAt = toIsoUtc(ctx.collectedAt);
  if (!collectedAt)
    throw new InputError('collectedAt', '', `not a timestamp: ${JSON.stringify(ctx.collectedAt)}`);
  const parsed = parseEntraRaw(raw);
  const tenantId = tenantIdOf(parsed);
  const source: Source = { ...ctx.source, account: ctx.source.account || tenantId };

  const { identities, index, counts } = buildIdentities(parsed, tenantId);
  const owners = attachOwners(parsed, index);
  const creds = buildCredentials(parsed, index, collectedAt);
  const grants = buildGrants(parsed, index);
  const activities = buildActivities(parsed, index, creds.credentials);
  const policies = applyPolicies(parsed, index);

  const reports = [
    ...identityReports(parsed, counts),
    ...owners.reports,
    ...creds.reports,
    ...grants.reports,
    ...activities.reports,
    ...policies,
    ...noteReports(parsed, ctx.readNotes ?? []),
  ];
  const coverage: Coverage[] = reports.map((r) => ({
    sourceId: source.id,
    area: `entra:${tenantId}:${r.area}`,
    status: r.status,
    itemCount: r.itemCount,
    ...(r.message ? { message: r.message } : {}),
  }));

  return {
    sources: [source],
    coverage,
    identities,
    credentials: creds.credentials,
    grants: grants.grants,
    trusts: [...owners.trusts, ...creds.trusts],
    activities: activities.activities,
    workloads: [],
  };
}
