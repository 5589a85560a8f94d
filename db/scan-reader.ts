/**
 * Indexed reads of one stored scan for the app: the few columns an identity list needs, and the
 * rows of one identity, without parsing the whole inventory. `EngagementDb.readInventory` parses
 * every row of every table (seconds at 100,000 identities); the app needs either a compact list or
 * one identity's rows, both served by the (scan_id, identity_id) indexes of the schema.
 *
 * A second, read-only connection to a file `openEngagement` has already checked and upgraded:
 * a long read here never holds the writer's lock, and nothing here can write.
 */
import Database from 'better-sqlite3';
import type {
  Activity,
  Credential,
  CredentialKind,
  Grant,
  Identity,
  IdentityKind,
  Provider,
  Trust,
  Workload,
} from '../model/inventory';

/** One identity as the list index needs it. */
export interface IdentityListRow {
  id: string;
  provider: Provider;
  kind: IdentityKind;
  name: string;
  account: string;
  nativeId: string;
  displayName: string | null;
  createdAt: string | null;
  ownerCount: number;
  /** First owner's display name or sign-in name. */
  owner: string | null;
}

export interface CredentialListRow {
  identityId: string;
  kind: CredentialKind;
  status: Credential['status'];
  createdAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface IdentityRows {
  identity: Identity;
  credentials: Credential[];
  grants: Grant[];
  trusts: Trust[];
  activities: Activity[];
  workloads: Workload[];
}

const SQL = {
  identities: `SELECT id, provider, kind, name, account,
      json_extract(data, '$.nativeId') AS nativeId,
      json_extract(data, '$.displayName') AS displayName,
      json_extract(data, '$.createdAt') AS createdAt,
      json_array_length(data, '$.owners') AS ownerCount,
      coalesce(json_extract(data, '$.owners[0].displayName'), json_extract(data, '$.owners[0].principalName'),
        json_extract(data, '$.owners[0].nativeId')) AS owner
    FROM identities WHERE scan_id = ?`,
  credentials: `SELECT identity_id AS identityId, kind,
      json_extract(data, '$.status') AS status,
      json_extract(data, '$.createdAt') AS createdAt,
      json_extract(data, '$.expiresAt') AS expiresAt,
      json_extract(data, '$.lastUsedAt') AS lastUsedAt
    FROM credentials WHERE scan_id = ?`,
  grantCounts: 'SELECT identity_id, count(*) FROM grants WHERE scan_id = ? GROUP BY identity_id',
  lastActivity: `SELECT identity_id, max(json_extract(data, '$.lastUsedAt')) FROM activities
    WHERE scan_id = ? GROUP BY identity_id`,
  identity: 'SELECT data FROM identities WHERE scan_id = ? AND id = ?',
  identityExists: 'SELECT 1 FROM identities WHERE scan_id = ? AND id = ?',
  credentialsOf: 'SELECT data FROM credentials WHERE scan_id = ? AND identity_id = ? ORDER BY id',
  grantsOf: 'SELECT data FROM grants WHERE scan_id = ? AND identity_id = ? ORDER BY id',
  trustsOf: 'SELECT data FROM trusts WHERE scan_id = ? AND identity_id = ? ORDER BY id',
  activitiesOf: 'SELECT data FROM activities WHERE scan_id = ? AND identity_id = ? ORDER BY id',
  workloadsOf: 'SELECT data FROM workloads WHERE scan_id = ? AND identity_id = ? ORDER BY id',
  countCredentialsOf: 'SELECT count(*) FROM credentials WHERE scan_id = ? AND identity_id = ?',
  countGrantsOf: 'SELECT count(*) FROM grants WHERE scan_id = ? AND identity_id = ?',
  namesOf: 'SELECT id, name, kind FROM identities WHERE scan_id = ? AND id = ?',
  grantKeys: 'SELECT identity_id, id FROM grants WHERE scan_id = ?',
  credentialKeys: 'SELECT identity_id, id FROM credentials WHERE scan_id = ?',
  hasTable: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
  findingsBySeverity: `SELECT identity_id, severity, count(*) FROM findings
    WHERE scan_id = ? AND json_extract(data, '$.suppressedBy') IS NULL GROUP BY identity_id, severity`,
  scores: 'SELECT identity_id, score, agent FROM identity_scores WHERE scan_id = ?',
  counterpart: `SELECT data FROM identities WHERE scan_id = ? AND provider = 'entra' AND id != ?
    AND json_extract(data, '$.attributes.appId') = ? LIMIT 1`,
  workloadsByRole: "SELECT data FROM workloads WHERE scan_id = ? AND json_extract(data, '$.roleArn') = ?",
} as const;

export class ScanReader {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string, nativeBinding?: string) {
    const options: Database.Options = { readonly: true, fileMustExist: true, timeout: 5000 };
    if (nativeBinding !== undefined) options.nativeBinding = nativeBinding;
    this.db = new Database(file, options);
  }

  identityList(scanId: number): IdentityListRow[] {
    return this.stmt(SQL.identities).all(scanId) as IdentityListRow[];
  }

  credentialList(scanId: number): CredentialListRow[] {
    return this.stmt(SQL.credentials).all(scanId) as CredentialListRow[];
  }

  grantCounts(scanId: number): Map<string, number> {
    return new Map(this.stmt(SQL.grantCounts).raw().all(scanId) as [string, number][]);
  }

  lastActivity(scanId: number): Map<string, string> {
    const rows = this.stmt(SQL.lastActivity).raw().all(scanId) as [string, string | null][];
    const out = new Map<string, string>();
    for (const [id, at] of rows) if (at !== null) out.set(id, at);
    return out;
  }

  /** Grant (or credential) ids per identity, for the privilege and credential parts of a diff. */
  childKeys(scanId: number, table: 'grants' | 'credentials'): Map<string, Set<string>> {
    const rows = this.stmt(table === 'grants' ? SQL.grantKeys : SQL.credentialKeys)
      .raw()
      .iterate(scanId) as IterableIterator<[string, string]>;
    const out = new Map<string, Set<string>>();
    for (const [identityId, id] of rows) {
      let set = out.get(identityId);
      if (!set) out.set(identityId, (set = new Set()));
      set.add(id);
    }
    return out;
  }

  /** The identity and its own rows, or undefined when the scan does not hold it. */
  identityRows(scanId: number, id: string): IdentityRows | undefined {
    const data = this.stmt(SQL.identity).pluck().get(scanId, id) as string | undefined;
    if (data === undefined) return undefined;
    const list = <T>(sql: string): T[] =>
      (this.stmt(sql).pluck().all(scanId, id) as string[]).map((row) => JSON.parse(row) as T);
    return {
      identity: JSON.parse(data) as Identity,
      credentials: list<Credential>(SQL.credentialsOf),
      grants: list<Grant>(SQL.grantsOf),
      trusts: list<Trust>(SQL.trustsOf),
      activities: list<Activity>(SQL.activitiesOf),
      workloads: list<Workload>(SQL.workloadsOf),
    };
  }

  /** Whether the scan holds the identity, with its credential and grant counts. */
  presence(scanId: number, id: string): { present: boolean; credentials: number; grants: number } {
    const present = this.stmt(SQL.identityExists).pluck().get(scanId, id) !== undefined;
    if (!present) return { present, credentials: 0, grants: 0 };
    return {
      present,
      credentials: this.stmt(SQL.countCredentialsOf).pluck().get(scanId, id) as number,
      grants: this.stmt(SQL.countGrantsOf).pluck().get(scanId, id) as number,
    };
  }

  /** Name and kind of an identity of the scan, for links. */
  nameOf(scanId: number, id: string): { id: string; name: string; kind: IdentityKind } | undefined {
    return this.stmt(SQL.namesOf).get(scanId, id) as
      { id: string; name: string; kind: IdentityKind } | undefined;
  }

  /** Per identity and severity, its unsuppressed findings: [identityId, severity, count]. */
  findingCounts(scanId: number): [string, string, number][] {
    if (!this.hasTable('findings')) return [];
    return this.stmt(SQL.findingsBySeverity).raw().all(scanId) as [string, string, number][];
  }

  /** Per identity: [identityId, score, agent verdict] of the stored scores. */
  scores(scanId: number): [string, number, string][] {
    if (!this.hasTable('identity_scores')) return [];
    return this.stmt(SQL.scores).raw().all(scanId) as [string, number, string][];
  }

  /** The Entra application of a service principal (same appId), or the other way round. */
  entraCounterpart(scanId: number, identity: Identity): Identity | undefined {
    const appId = identity.attributes['appId'];
    if (identity.provider !== 'entra' || typeof appId !== 'string') return undefined;
    const data = this.stmt(SQL.counterpart).pluck().get(scanId, identity.id, appId) as string | undefined;
    return data === undefined ? undefined : (JSON.parse(data) as Identity);
  }

  /** Workloads that name a role by ARN only (no identity id). */
  workloadsByRole(scanId: number, roleArn: string): Workload[] {
    return (this.stmt(SQL.workloadsByRole).pluck().all(scanId, roleArn) as string[]).map(
      (row) => JSON.parse(row) as Workload,
    );
  }

  private hasTable(name: string): boolean {
    return this.stmt(SQL.hasTable).pluck().get(name) !== undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private stmt(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
