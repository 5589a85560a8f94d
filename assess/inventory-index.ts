/**
 * One pass over the inventory that groups every row by the identity it belongs to, so rules look up
 * an identity's credentials, grants and trusts in O(1) instead of scanning 100,000-row arrays.
 */
import type { Activity, Credential, Grant, Identity, Inventory, Trust, Workload } from '../model/inventory';

export interface InventoryIndex {
  identities: readonly Identity[];
  identityById: ReadonlyMap<string, Identity>;
  /** AWS ARNs and Entra object ids -> identity (trust principals and owners carry native ids). */
  identityByNativeId: ReadonlyMap<string, Identity>;
  credentials: ReadonlyMap<string, readonly Credential[]>;
  grants: ReadonlyMap<string, readonly Grant[]>;
  trusts: ReadonlyMap<string, readonly Trust[]>;
  activities: ReadonlyMap<string, readonly Activity[]>;
  /** Workloads by the identity they run as (by identityId, or by roleArn when only that is known). */
  workloads: ReadonlyMap<string, readonly Workload[]>;
  /** Entra application and service principal of the same appId, both ways. */
  entraCounterpart: ReadonlyMap<string, Identity>;
  /** AWS account ids and Entra tenant ids that are the client's own: those present in the inventory. */
  ownAccounts: ReadonlySet<string>;
  /** Provider+account pairs for which any activity data was collected (`aws:123...`). */
  accountsWithActivity: ReadonlySet<string>;
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * A Map that remembers its last lookup. The engine runs every rule on one identity before moving
 * to the next, so rules ask the same map for the same id again and again; with 100,000+ long
 * string keys each real lookup is a cache miss, the remembered one a pointer compare.
 */
export class LastLookupMap<K, V> extends Map<K, V> {
  private lastKey: K | undefined;
  private lastValue: V | undefined;
  private remembered = false;

  override get(key: K): V | undefined {
    if (this.remembered && key === this.lastKey) return this.lastValue;
    const value = super.get(key);
    this.lastKey = key;
    this.lastValue = value;
    this.remembered = true;
    return value;
  }

  override set(key: K, value: V): this {
    this.remembered = false;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.remembered = false;
    return super.delete(key);
  }

  override clear(): void {
    this.remembered = false;
    super.clear();
  }
}

function push<T>(map: Map<string, T[]>, key: string, row: T): void {
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

  const credentials = new LastLookupMap<string, Credential[]>();
  for (const row of inventory.credentials) push(credentials, row.identityId, row);
  const grants = new LastLookupMap<string, Grant[]>();
  for (const row of inventory.grants) push(grants, row.identityId, row);
  const trusts = new LastLookupMap<string, Trust[]>();
  for (const row of inventory.trusts) push(trusts, row.identityId, row);
  const activities = new LastLookupMap<string, Activity[]>();
  const accountsWithActivity = new Set<string>();
  for (const row of inventory.activities) {
    push(activities, row.identityId, row);
    const identity = identityById.get(row.identityId);
    if (identity) accountsWithActivity.add(`${identity.provider}:${identity.account}`);
  }
  const workloads = new LastLookupMap<string, Workload[]>();
  for (const row of inventory.workloads) {
    const owner =
      (row.identityId && identityById.get(row.identityId)) ||
      (row.roleArn ? identityByNativeId.get(row.roleArn) : undefined);
    if (owner) push(workloads, owner.id, row);
  }

  return {
    identities: inventory.identities,
    identityById,
    identityByNativeId,
    credentials,
    grants,
    trusts,
    activities,
    workloads,
    entraCounterpart,
    ownAccounts,
    accountsWithActivity,
  };
}

export function rowsOf<T>(map: ReadonlyMap<string, readonly T[]>, identityId: string): readonly T[] {
  return map.get(identityId) ?? EMPTY;
}
