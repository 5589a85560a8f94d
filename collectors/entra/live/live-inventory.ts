/**
 * A live collection -> the normalized inventory, through the offline import's own pure transform,
 * plus what only the live scan knows: which requests Graph refused or failed and why (a missing
 * permission, licence or beta endpoint), a cancellation, a rejected token.
 */
import { toIsoUtc } from '../../../model/dates';
import type { Coverage, Inventory, Source } from '../../../model/inventory';
import { transformEntraTenant } from '../index';
import type { EndpointOutcome, EntraCollection } from './collect';

export function entraLiveSource(o: {
  tenantId: string;
  graphBaseUrl: string;
  method: 'live' | 'demo';
  signIn: string;
}): Source {
  return {
    id: `entra:${o.tenantId}:${o.method}`,
    provider: 'entra',
    method: o.method,
    account: o.tenantId,
    label:
      o.method === 'demo'
        ? `Entra tenant ${o.tenantId} (demo tenant, live scan of the Graph emulator)`
        : `Entra tenant ${o.tenantId} (live scan, ${o.signIn})`,
    inputs: [o.graphBaseUrl],
  };
}

/** The tenant id the collection found in `v1.0/organization`, if any. */
export function collectedTenantId(collection: EntraCollection): string | undefined {
  const org = collection.raw['v1.0/organization']?.[0] as { id?: unknown } | undefined;
  return typeof org?.id === 'string' && org.id !== '' ? org.id : undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LIST_AREAS = new Set([
  'servicePrincipals',
  'applications',
  'oauth2PermissionGrants',
  'roleAssignments',
  'roleEligibilitySchedules',
  'agentIdentities',
  'agentIdentityBlueprintPrincipals',
  'agentIdentityBlueprints',
  'servicePrincipalSignInActivities',
  'appCredentialSignInActivities',
]);

function liveRows(
  tenantId: string,
  sourceId: string,
  collection: EntraCollection,
  coverage: Coverage[],
): Coverage[] {
  const rows = [...coverage];
  const put = (area: string, outcome: EndpointOutcome) => {
    const full = `entra:${tenantId}:${area}`;
    const existing = rows.find((r) => r.area === full);
    if (existing) {
      // The live outcome is the better account: a 403 is a failure, not data missing from an export.
      existing.status = outcome.status;
      if (outcome.message) existing.message = outcome.message;
      return;
    }
    rows.push({
      sourceId,
      area: full,
      status: outcome.status,
      itemCount: outcome.count,
      ...(outcome.message ? { message: outcome.message } : {}),
    });
  };
  for (const outcome of collection.outcomes) {
    if (outcome.status === 'complete') continue;
    // Per-object endpoints feed shared areas (owners, sponsors): they get rows of their own.
    put(
      LIST_AREAS.has(outcome.key) || outcome.objects === undefined ? outcome.key : `live:${outcome.key}`,
      outcome,
    );
  }
  if (collection.cancelled) {
    rows.push({
      sourceId,
      area: `entra:${tenantId}:scan`,
      status: 'partial',
      itemCount: 0,
      message: 'the scan was cancelled: what was read before is kept, the rest is listed as not read',
    });
  } else if (collection.fatal) {
    rows.push({
      sourceId,
      area: `entra:${tenantId}:scan`,
      status: 'failed',
      itemCount: 0,
      message: collection.fatal,
    });
  }
  return rows;
}

/**
 * Builds the inventory of a collection. `tenantHint` (the --tenant given) names the tenant when
 * `organization` could not be read: a GUID stands in for it so nothing else read is lost; a domain
 * cannot, and the result then holds only the coverage saying why.
 */
export function transformEntraCollection(
  collection: EntraCollection,
  ctx: { source: (tenantId: string) => Source; collectedAt: string; tenantHint: string },
): Inventory {
  let raw = collection.raw;
  let tenantId = collectedTenantId(collection);
  if (!tenantId && GUID.test(ctx.tenantHint)) {
    tenantId = ctx.tenantHint.toLowerCase();
    raw = { ...raw, 'v1.0/organization': [{ id: tenantId }] };
  }
  if (!tenantId) {
    const source = ctx.source(ctx.tenantHint);
    const coverage = liveRows(ctx.tenantHint, source.id, collection, []);
    return {
      sources: [source],
      coverage,
      identities: [],
      credentials: [],
      grants: [],
      trusts: [],
      activities: [],
      workloads: [],
    };
  }
  const source = ctx.source(tenantId);
  const inventory = transformEntraTenant(raw, {
    source,
    collectedAt: toIsoUtc(ctx.collectedAt) ?? ctx.collectedAt,
    readNotes: collection.notes,
  });
  return { ...inventory, coverage: liveRows(tenantId, source.id, collection, inventory.coverage) };
}
