/** Shapes the engagement file API hands out and takes in, beyond the inventory model itself. */
import type { IdentityKind, Inventory, JsonValue, Provider } from '../model/inventory';

export type ScanMethod = 'import' | 'live' | 'demo';

export interface OpenEngagementOptions {
  /** Create the file when it does not exist (an existing file is opened as it is). */
  create?: boolean;
  /** Path of a better-sqlite3 addon built for the running runtime (Electron loads its own build). */
  nativeBinding?: string;
  /** Open without writing anything: no migrations, no pragmas that write, no audit rows. */
  readonly?: boolean;
  /** Client the engagement is for; recorded in `meta` when the file is created. */
  clientName?: string;
  /** Who creates or upgrades the file, for the audit log; defaults to `agent-anchor`. */
  actor?: string;
  /** Version of the app writing the file; defaults to the version in package.json. */
  appVersion?: string;
}

export interface StoreScanInput {
  label: string;
  method: ScanMethod;
  startedAt: string;
  finishedAt: string;
  inventory: Inventory;
  actor: string;
}

export interface StoreScanProgress {
  /** Inventory table being written: sources, coverage, identities, credentials, ... */
  table: string;
  /** Rows of that table written so far. */
  rows: number;
  /** Rows of that table in the inventory. */
  total: number;
}

export interface StoreScanOptions {
  /**
   * Called synchronously inside the write transaction at the start of each table and every few
   * thousand rows; lets a caller show progress. Throwing from it rolls the whole scan back.
   */
  onProgress?: (progress: StoreScanProgress) => void;
}

export interface InventoryFilter {
  provider?: Provider;
  kind?: IdentityKind;
}

export interface AuditEntry {
  id: number;
  /** ISO-8601 UTC timestamp of the append. */
  ts: string;
  actor: string;
  action: string;
  detail: Record<string, JsonValue>;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; firstBrokenId: number; reason: string };

export interface EngagementMeta {
  path: string;
  readonly: boolean;
  /** `PRAGMA user_version`: the schema version the file is at. */
  schemaVersion: number;
  createdAt: string | undefined;
  /** Version of Agent Anchor that created the file. */
  appVersion: string | undefined;
  clientName: string | undefined;
}
