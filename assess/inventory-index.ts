/**
 * One pass over the inventory that groups every row by the identity it belongs to, so rules look up
 * an identity's credentials, grants and trusts in O(1) instead of scanning 100,000-row arrays.
 */
import type {
  Activity,
  CoverageStatus,
  Credential,
  Grant,
  Identity,
  Inventory,
  Trust,
  Workload,
} from '../model/inventory';

/** Everything that hangs off one identity, found with one lookup. */
export interface IdentityRows {
  credentials: Credential[];
  grants: Grant[];
  trusts: Trust[];
  activities: Activity[];
  workloads: Workload[];
}

/** Per-identity rows of one kind; all views share one remembered bundle lookup. */
export interface RowLookup<T> {
  get(identityId: string): readonly T[] | undefined;
}

export interface InventoryIndex {
  identities: readonly Identity[];
  identityById: ReadonlyMap<string, Identity>;
  /** AWS ARNs and Entra object ids -> identity (trust principals and owners carry native ids). */
  identityByNativeId: ReadonlyMap<string, Identity>;
  rows: ReadonlyMap<string, IdentityRows>;
  credentials: RowLookup<Credential>;
  grants: RowLookup<Grant>;
  trusts: RowLookup<Trust>;
  activities: RowLookup<Activity>;
  /** Workloads by the identity they run as (by identityId, or by roleArn when only that is known). */
  workloads: RowLookup<Workload>;
  /** Entra application and service principal of the same appId, both ways. */
  entraCounterpart: ReadonlyMap<string, Identity>;
  /** AWS account ids and Entra tenant ids that are the client's own: those present in the inventory. */
  ownAccounts: ReadonlySet<string>;
  /** Provider+account pairs for which any activity data was collected (`aws:123...`). */
  accountsWithActivity: ReadonlySet<string>;
  /** Activity sources seen per account, `provider:account:source` (`aws:123...:role-last-used`). */
  activitySources: ReadonlySet<string>;
  /** Collection status per coverage area (`aws:123...:credential-report`). */
  coverage: ReadonlyMap<string, CoverageStatus>;
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * A read-only map that remembers its last lookup. The engine runs every rule on one identity before
 * moving to the next, so rules ask the same map for the same id again and again; with 100,000+ long
 * string keys a real lookup is a cache miss, the remembered one a compare.
 */
export class LastLookupMap<K, V> implements ReadonlyMap<K, V> {
  private readonly map = new Map<K, V>();
  // Two remembered entries: rules often alternate between an Entra app and its service principal.
  private k1: K | undefined;
  private v1: V | undefined;
  private k2: K | undefined;
  private v2: V | undefined;
  private filled = 0;

  get(key: K): V | undefined {
    if (this.filled > 0 && key === this.k1) return this.v1;
    if (this.filled > 1 && key === this.k2) return this.v2;
    const value = this.map.get(key);
    this.k2 = this.k1;
    this.v2 = this.v1;
    this.k1 = key;
    this.v1 = value;
    this.filled = Math.min(2, this.filled + 1);
    return value;
  }

  set(key: K, value: V): this {
    this.filled = 0;
    this.map.set(key, value);
    return this;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }
  get size(): number {
    return this.map.size;
  }
  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    this.map.forEach((v, k) => fn(v, k, this));
  }
  entries(): MapIterator<[K, V]> {
    return this.map.entries();
  }
  keys(): MapIterator<K> {
    return this.map.keys();
  }
  values(): MapIterator<V> {
    return this.map.values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.map[Symbol.iterator]();
  }
}

function push<T>(
  map: { get(key: string): T[] | undefined; set(key: string, value: T[]): unknown },
  key: string,
  row: T,
): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}

export function indexInventory(inventory: Inventory): InventoryIndex {
  const identityById = new LastLookupMap<string, Identity>();
  const identityByNativeId = new Map<string, Identity>();
  const ownAccounts = new Set<string>();
  const entraByAppId = new Map<string, Identity[]>();
  for (const identity of inventory.identities) {
    identityById.set(identity.id, identity);
    identityByNativeId.set(identity.nativeId, identity);
    ownAccounts.add(identity.account);
    const appId = identity.attributes['appId'];
    if (identity.provider === 'entra' && typeof appId === 'string') push(entraByAppId, appId, identity);
  }
  for (const source of inventory.sources) {
    for (const account of source.account.split(/[\s,]+/)) if (account) ownAccounts.add(account);
  }

  const entraCounterpart = new LastLookupMap<string, Identity>();
  for (const group of entraByAppId.values()) {
    const app = group.find((i) => i.kind === 'entra-application' || i.kind === 'entra-agent-blueprint');
    const sp = group.find(
      (i) => i.kind === 'entra-service-principal' || i.kind === 'entra-agent-blueprint-principal',
    );
    if (app && sp) {
      entraCounterpart.set(app.id, sp);
      entraCounterpart.set(sp.id, app);
    }
  }

  const rows = new LastLookupMap<string, IdentityRows>();
  const bundle = (identityId: string): IdentityRows => {
    let b = rows.get(identityId);
    if (!b) {
      b = { credentials: [], grants: [], trusts: [], activities: [], workloads: [] };
      rows.set(identityId, b);
    }
    return b;
  };
  for (const row of inventory.credentials) bundle(row.identityId).credentials.push(row);
  for (const row of inventory.grants) bundle(row.identityId).grants.push(row);
  for (const row of inventory.trusts) bundle(row.identityId).trusts.push(row);
  const accountsWithActivity = new Set<string>();
  const activitySources = new Set<string>();
  for (const row of inventory.activities) {
    bundle(row.identityId).activities.push(row);
    const identity = identityById.get(row.identityId);
    if (identity) {
      accountsWithActivity.add(`${identity.provider}:${identity.account}`);
      activitySources.add(`${identity.provider}:${identity.account}:${row.source}`);
    }
  }
  const coverage = new Map<string, CoverageStatus>();
  for (const c of inventory.coverage) coverage.set(c.area, c.status);
  for (const row of inventory.workloads) {
    const owner =
      (row.identityId && identityById.get(row.identityId)) ||
      (row.roleArn ? identityByNativeId.get(row.roleArn) : undefined);
    if (owner) bundle(owner.id).workloads.push(row);
  }
  const view = <K extends keyof IdentityRows>(key: K): RowLookup<IdentityRows[K][number]> => ({
    get: (identityId) => rows.get(identityId)?.[key],
  });

  return {
    identities: inventory.identities,
    identityById,
    identityByNativeId,
    rows,
    credentials: view('credentials'),
    grants: view('grants'),
    trusts: view('trusts'),
    activities: view('activities'),
    workloads: view('workloads'),
    entraCounterpart,
    ownAccounts,
    accountsWithActivity,
    activitySources,
    coverage,
  };
}

export function rowsOf<T>(lookup: RowLookup<T>, identityId: string): readonly T[] {
  return lookup.get(identityId) ?? EMPTY;
}
