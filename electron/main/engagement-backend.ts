/**
 * A minimal AgentAnchorApi for the window: reads one engagement file through db/. The use cases
 * proper live in engagement/ (the lead's); this backend only lists what a scan holds.
 * (demo-backend.ts adds the `--demo` engagement on top.)
 *
 * Identity rows need per-identity credential and grant counts, which db/ does not return with
 * `listIdentities`, so a scan's inventory is read once and reduced to compact rows kept in
 * memory; filtering, search and paging then run on those rows.
 */
import { openEngagement } from '../../db';
import {
  DEFAULT_PAGE_SIZE,
  type AgentAnchorApi,
  type IdentityPage,
  type IdentityRow,
  type InventoryCounts,
  type ListIdentitiesArgs,
  type Summary,
} from '../../model/api';
import { apiNames } from '../../model/api-transport';
import { UsageError } from '../../model/errors';
import type { Inventory, Scan } from '../../model/inventory';

/** What this backend reads from an engagement file; db/'s EngagementDb provides it. */
export interface EngagementReader {
  readonly path: string;
  listScans(): Scan[];
  latestScanId(): number | undefined;
  readInventory(scanId: number): Inventory;
  meta(): { clientName: string | undefined };
  close(): void;
}

interface IndexedRow {
  row: IdentityRow;
  /** Lower-cased name, display name, native id, account and id, for substring search. */
  haystack: string;
}

const ZERO_COUNTS: InventoryCounts = {
  identities: 0,
  credentials: 0,
  grants: 0,
  trusts: 0,
  activities: 0,
  workloads: 0,
};

export class EngagementBackend implements AgentAnchorApi {
  private cached: { scanId: number; rows: IndexedRow[] } | undefined;

  constructor(private readonly engagement: EngagementReader) {}

  get file(): string {
    return this.engagement.path;
  }

  async getSummary(): Promise<Summary> {
    const scans = this.engagement.listScans();
    const latestScanId = this.engagement.latestScanId();
    const latest = scans.find((scan) => scan.id === latestScanId);
    const clientName = this.engagement.meta().clientName;
    return {
      file: this.engagement.path,
      ...(clientName !== undefined ? { clientName } : {}),
      scans,
      ...(latestScanId !== undefined ? { latestScanId } : {}),
      counts: latest?.counts ?? ZERO_COUNTS,
    };
  }

  async listIdentities(args: ListIdentitiesArgs = {}): Promise<IdentityPage> {
    const scanId = args.scanId ?? this.engagement.latestScanId();
    if (scanId === undefined) return { total: 0, rows: [] };
    return pageIdentityRows(this.rowsOf(scanId), args);
  }

  close(): void {
    this.cached = undefined;
    this.engagement.close();
  }

  private rowsOf(scanId: number): IndexedRow[] {
    // Scans are immutable once stored, so rows of the last scan asked for stay valid.
    if (this.cached?.scanId !== scanId) {
      this.cached = { scanId, rows: indexIdentityRows(this.engagement.readInventory(scanId)) };
    }
    return this.cached.rows;
  }
}

/** Compact rows of a scan's identities, ordered by name (case-insensitive), then id. */
export function indexIdentityRows(inventory: Inventory): IndexedRow[] {
  const credentials = countBy(inventory.credentials);
  const grants = countBy(inventory.grants);
  const rows = inventory.identities.map((identity): IndexedRow => {
    const row: IdentityRow = {
      id: identity.id,
      provider: identity.provider,
      kind: identity.kind,
      name: identity.name,
      account: identity.account,
      ...(identity.createdAt !== undefined ? { createdAt: identity.createdAt } : {}),
      credentialCount: credentials.get(identity.id) ?? 0,
      grantCount: grants.get(identity.id) ?? 0,
      ownerCount: identity.owners.length,
    };
    const haystack = [
      identity.name,
      identity.displayName ?? '',
      identity.nativeId,
      identity.account,
      identity.id,
    ]
      .join('\n')
      .toLowerCase();
    return { row, haystack };
  });
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  rows.sort(
    (a, b) =>
      collator.compare(a.row.name, b.row.name) || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
  );
  return rows;
}

/** Filter by provider, kind and search text, then cut the requested page. */
export function pageIdentityRows(rows: readonly IndexedRow[], args: ListIdentitiesArgs): IdentityPage {
  const needle = args.search?.trim().toLowerCase() ?? '';
  const matching = rows.filter(
    ({ row, haystack }) =>
      (args.provider === undefined || row.provider === args.provider) &&
      (args.kind === undefined || row.kind === args.kind) &&
      (needle === '' || haystack.includes(needle)),
  );
  const offset = args.offset ?? 0;
  const limit = args.limit ?? DEFAULT_PAGE_SIZE;
  return { total: matching.length, rows: matching.slice(offset, offset + limit).map(({ row }) => row) };
}

function countBy(items: readonly { identityId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.identityId, (counts.get(item.identityId) ?? 0) + 1);
  return counts;
}

export interface BackendOptions {
  /** Electron build of better-sqlite3 (see native-binding.ts); undefined uses the default. */
  nativeBinding?: string;
}

/** Open an existing engagement file. Errors (foreign, newer, corrupt file) propagate as thrown. */
export function openEngagementBackend(file: string, options: BackendOptions = {}): EngagementBackend {
  const engagement = openEngagement(file, {
    ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
  });
  return new EngagementBackend(engagement);
}

/** Stands in while no engagement is open: every call answers with how to open one. */
export function noEngagementApi(): AgentAnchorApi {
  const fail = async (): Promise<never> => {
    throw new UsageError(
      'No engagement file is open. Use File > Open Engagement… or start the app with --demo.',
    );
  };
  return Object.fromEntries(apiNames.map((name) => [name, fail])) as unknown as AgentAnchorApi;
}
