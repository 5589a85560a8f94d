/**
 * One open engagement file. Made by `openEngagement` (open.ts), which has already checked the
 * file, configured the connection and brought the schema up to date.
 *
 * better-sqlite3 is synchronous: every method runs to completion on the calling thread.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { Identity, Inventory, JsonValue, Scan } from '../model/inventory';
import { UsageError } from '../model/errors';
import { schemaVersion } from './migrations';
import { appendAuditRow, auditHeadHash, listAuditEntries, verifyAuditChain } from './queries/audit';
import { listIdentities, readInventory } from './queries/inventory';
import { getScan, latestScanId, listScans } from './queries/scans';
import { readMeta, readSetting, writeSetting } from './queries/settings';
import { storeScanRows } from './scan-store';
import { StatementCache } from './statement-cache';
import type {
  AuditEntry,
  AuditVerification,
  EngagementMeta,
  InventoryFilter,
  StoreScanInput,
  StoreScanOptions,
} from './types';

export class EngagementDb {
  private readonly q: StatementCache;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.q = new StatementCache(db);
  }

  get readonly(): boolean {
    return this.db.readonly;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Store a scan; returns its id. Status is `partial` when any coverage row is failed or partial. */
  storeScan(input: StoreScanInput, options?: StoreScanOptions): number {
    this.assertWritable('store a scan');
    return storeScanRows(this.q, input, options);
  }

  /** Every stored scan, oldest first. */
  listScans(): Scan[] {
    return listScans(this.q);
  }

  /** Throws UsageError when no scan has this id. */
  getScan(id: number): Scan {
    return getScan(this.q, id);
  }

  latestScanId(): number | undefined {
    return latestScanId(this.q);
  }

  readInventory(scanId: number, filter?: InventoryFilter): Inventory {
    return readInventory(this.q, scanId, filter);
  }

  listIdentities(scanId: number, filter?: InventoryFilter): Identity[] {
    return listIdentities(this.q, scanId, filter);
  }

  appendAudit(action: string, detail: Record<string, JsonValue>, actor: string): AuditEntry {
    this.assertWritable('append to the audit log');
    return appendAuditRow(this.q, action, detail, actor);
  }

  /** The whole audit log, oldest first. */
  listAudit(): AuditEntry[] {
    return listAuditEntries(this.q);
  }

  /** Recompute the hash chain; names the first row that was changed, removed or inserted. */
  verifyAudit(): AuditVerification {
    return verifyAuditChain(this.q);
  }

  /**
   * Hash of the newest audit row (64 zeros for an empty log). Quoted outside the file (e.g. in a
   * report), it pins the log: rows cut from the end and re-appended would change it.
   */
  auditHead(): string {
    return auditHeadHash(this.q);
  }

  /** A setting's value, or undefined. With a schema, the stored value is validated against it. */
  getSetting<T extends JsonValue = JsonValue>(key: string, schema?: z.ZodType<T>): T | undefined {
    const value = readSetting(this.q, key);
    if (value === undefined || !schema) return value as T | undefined;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new UsageError(`setting "${key}" holds an invalid value`);
    return parsed.data;
  }

  /** Store a setting; the change (with the previous value) goes to the audit log. */
  setSetting(key: string, value: JsonValue, actor: string): void {
    this.assertWritable('change settings');
    if (!key.trim()) throw new UsageError('setting key must not be empty');
    writeSetting(this.q, key, value, actor);
  }

  meta(): EngagementMeta {
    return {
      path: this.path,
      readonly: this.db.readonly,
      schemaVersion: schemaVersion(this.db),
      createdAt: readMeta(this.q, 'created_at'),
      appVersion: readMeta(this.q, 'app_version'),
      clientName: readMeta(this.q, 'client_name'),
    };
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.db.readonly) {
      try {
        // Lets SQLite refresh query planner statistics it found missing; cheap when nothing is due.
        // No waiting: if another process holds the write lock, statistics can wait for next time.
        this.db.pragma('busy_timeout = 0');
        this.db.pragma('optimize');
      } catch {
        // SQLITE_BUSY: see above.
      }
    }
    this.db.close();
  }

  private assertWritable(what: string): void {
    if (this.db.readonly) throw new UsageError(`cannot ${what}: ${this.path} is open read-only`);
  }
}
