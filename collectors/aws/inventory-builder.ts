/**
 * Collects inventory rows while a transform runs. Ids must be unique within an inventory; a row
 * whose id was already added is dropped (hostile or duplicated input, e.g. two inline policies of
 * one name, must not produce two rows with one id).
 */
import type {
  Activity,
  Attributes,
  Coverage,
  Credential,
  Grant,
  Identity,
  Inventory,
  JsonValue,
  Source,
  Trust,
  Workload,
} from '../../model/inventory';

export class InventoryBuilder {
  private readonly inv: Inventory;
  // One set per table: ids are checked as they are, without building a `table + id` key per row.
  private readonly seen = {
    identity: new Set<string>(),
    credential: new Set<string>(),
    grant: new Set<string>(),
    trust: new Set<string>(),
    activity: new Set<string>(),
    workload: new Set<string>(),
  };
  private readonly identityById = new Map<string, Identity>();

  constructor(source: Source) {
    this.inv = {
      sources: [source],
      coverage: [],
      identities: [],
      credentials: [],
      grants: [],
      trusts: [],
      activities: [],
      workloads: [],
    };
  }

  private fresh(table: keyof InventoryBuilder['seen'], id: string): boolean {
    // One hash lookup: `add` leaves the size unchanged when the id is already there.
    const ids = this.seen[table];
    const before = ids.size;
    return ids.add(id).size !== before;
  }

  addIdentity(row: Identity): void {
    if (!this.fresh('identity', row.id)) return;
    this.inv.identities.push(row);
    this.identityById.set(row.id, row);
  }
  identity(id: string): Identity | undefined {
    return this.identityById.get(id);
  }
  addCredential(row: Credential): void {
    if (this.fresh('credential', row.id)) this.inv.credentials.push(row);
  }
  addGrant(row: Grant): void {
    if (this.fresh('grant', row.id)) this.inv.grants.push(row);
  }
  addTrust(row: Trust): void {
    if (this.fresh('trust', row.id)) this.inv.trusts.push(row);
  }
  addActivity(row: Activity): void {
    if (this.fresh('activity', row.id)) this.inv.activities.push(row);
  }
  addWorkload(row: Workload): void {
    if (this.fresh('workload', row.id)) this.inv.workloads.push(row);
  }
  addCoverage(row: Coverage): void {
    this.inv.coverage.push(row);
  }
  build(): Inventory {
    return this.inv;
  }
}

/** Attributes without the undefined entries (JSON has no undefined; zod's record rejects it). */
export function attrs(entries: Record<string, JsonValue | undefined>): Attributes {
  const out: Attributes = {};
  // Keys rather than entries: no [key, value] pair is made per attribute of every row.
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * A value decoded from JSON (a policy statement) seen as attributes. Statements come from
 * JSON.parse or the SDK's strings, so they hold JSON values only; the cast states that fact.
 */
export function jsonObject(value: object): Attributes {
  return value as Attributes;
}
