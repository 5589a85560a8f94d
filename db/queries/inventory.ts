/**
 * Reading a stored scan's inventory back. Rows come out ordered by stable id (sources and coverage
 * in the order the collector produced them), so the same scan always reads back the same way.
 */
import {
  identityKindSchema,
  providerSchema,
  type Activity,
  type Coverage,
  type Credential,
  type Grant,
  type Identity,
  type Inventory,
  type Source,
  type Trust,
  type Workload,
} from '../../model/inventory';
import { UsageError } from '../../model/errors';
import type { StatementCache } from '../statement-cache';
import type { InventoryFilter } from '../types';
import { assertScanExists } from './scans';

interface FilterParams {
  scan: number;
  provider: string | null;
  kind: string | null;
}

const IDENTITY_MATCH = `SELECT id FROM identities
  WHERE scan_id = @scan AND (@provider IS NULL OR provider = @provider) AND (@kind IS NULL OR kind = @kind)`;

const SQL = {
  identities: `SELECT data FROM identities
    WHERE scan_id = @scan AND (@provider IS NULL OR provider = @provider) AND (@kind IS NULL OR kind = @kind)
    ORDER BY id`,
  sources: 'SELECT data FROM sources WHERE scan_id = @scan ORDER BY seq',
  sourcesOfProvider: 'SELECT data FROM sources WHERE scan_id = @scan AND provider = @provider ORDER BY seq',
  coverage: 'SELECT data FROM coverage WHERE scan_id = @scan ORDER BY seq',
  coverageOfProvider: `SELECT data FROM coverage WHERE scan_id = @scan
    AND source_id IN (SELECT id FROM sources WHERE scan_id = @scan AND provider = @provider) ORDER BY seq`,
  workloadsOfProvider:
    'SELECT data FROM workloads WHERE scan_id = @scan AND provider = @provider ORDER BY id',
  workloadsOfIdentities: `SELECT data FROM workloads WHERE scan_id = @scan
    AND identity_id IN (${IDENTITY_MATCH}) ORDER BY id`,
};

type IdentityChildTable = 'credentials' | 'grants' | 'trusts' | 'activities';

function childSql(table: IdentityChildTable | 'workloads', filtered: boolean): string {
  return filtered
    ? `SELECT data FROM ${table} WHERE scan_id = @scan AND identity_id IN (${IDENTITY_MATCH}) ORDER BY id`
    : `SELECT data FROM ${table} WHERE scan_id = @scan ORDER BY id`;
}

function parseAll<T>(q: StatementCache, sql: string, params: FilterParams): T[] {
  const out: T[] = [];
  // Iterate rather than .all(): each JSON string is parsed and dropped before the next is read,
  // so a large scan never holds every row's text and every parsed row at the same time.
  for (const data of q.pluckStmt<string>(sql).iterate(params)) out.push(JSON.parse(data) as T);
  return out;
}

function toParams(scanId: number, filter: InventoryFilter | undefined): FilterParams {
  const provider = filter?.provider;
  const kind = filter?.kind;
  if (provider !== undefined && !providerSchema.safeParse(provider).success) {
    throw new UsageError(`unknown provider filter "${String(provider)}"`);
  }
  if (kind !== undefined && !identityKindSchema.safeParse(kind).success) {
    throw new UsageError(`unknown identity kind filter "${String(kind)}"`);
  }
  return { scan: scanId, provider: provider ?? null, kind: kind ?? null };
}

export function listIdentities(q: StatementCache, scanId: number, filter?: InventoryFilter): Identity[] {
  const params = toParams(scanId, filter);
  const read = q.db.transaction(() => {
    assertScanExists(q, scanId);
    return parseAll<Identity>(q, SQL.identities, params);
  });
  return read.deferred();
}

/**
 * A scan's inventory. With a filter, identities are those matching it, and credentials, grants,
 * trusts and activities those of the matching identities. Workloads: with a kind filter those
 * running as a matching identity, with only a provider filter all of that provider's. Sources and
 * coverage are narrowed by provider only (coverage through its source).
 */
export function readInventory(q: StatementCache, scanId: number, filter?: InventoryFilter): Inventory {
  const params = toParams(scanId, filter);
  const filtered = params.provider !== null || params.kind !== null;
  const read = q.db.transaction((): Inventory => {
    assertScanExists(q, scanId);
    const byProvider = params.provider !== null;
    let workloadSql = childSql('workloads', false);
    if (params.kind !== null) workloadSql = SQL.workloadsOfIdentities;
    else if (byProvider) workloadSql = SQL.workloadsOfProvider;
    return {
      sources: parseAll<Source>(q, byProvider ? SQL.sourcesOfProvider : SQL.sources, params),
      coverage: parseAll<Coverage>(q, byProvider ? SQL.coverageOfProvider : SQL.coverage, params),
      identities: parseAll<Identity>(q, SQL.identities, params),
      credentials: parseAll<Credential>(q, childSql('credentials', filtered), params),
      grants: parseAll<Grant>(q, childSql('grants', filtered), params),
      trusts: parseAll<Trust>(q, childSql('trusts', filtered), params),
      activities: parseAll<Activity>(q, childSql('activities', filtered), params),
      workloads: parseAll<Workload>(q, workloadSql, params),
    };
  });
  // One read transaction: every table comes from the same snapshot.
  return read.deferred();
}
