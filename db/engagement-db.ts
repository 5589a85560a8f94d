/**
 * One open engagement file. Made by `openEngagement` (open.ts), which has already checked the
 * file, configured the connection and brought the schema up to date.
 *
 * better-sqlite3 is synchronous: every method runs to completion on the calling thread.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { TriageStatus } from '../model/findings';
import type { Identity, Inventory, JsonValue, Scan } from '../model/inventory';
import type { IdentityScore, StoredAssessment, SuppressionRecord } from '../model/posture';
import { UsageError } from '../model/errors';
import { schemaVersion } from './migrations';
import { appendAuditRow, auditHeadHash, listAuditEntries, verifyAuditChain } from './queries/audit';
import {
  addSuppression,
  assessedScanIds,
  listFindingRows,
  listScores,
  listSuppressions,
  listTriage,
  readAssessment,
  removeSuppression,
  scoreOf,
  setTriage,
  storeAssessment,
  type FindingFilter,
  type NewSuppression,
  type StoreAssessmentInput,
  type StoredFindingRow,
  type TriageRow,
} from './queries/findings';
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

  /**
   * Store a scan's assessment: its findings, identity scores, KPIs and summary replace any earlier
   * assessment of that scan (one transaction, audited as `assess`).
   */
  storeAssessment(input: StoreAssessmentInput, actor: string): void {
    this.assertWritable('store an assessment');
    storeAssessment(this.q, input, actor);
  }

  /** The stored assessment of a scan (summary, settings, KPIs), or undefined if it was never assessed. */
  getAssessment(scanId: number): StoredAssessment | undefined {
    return readAssessment(this.q, scanId);
  }

  /** Ids of the scans that have a stored assessment, oldest first. */
  assessedScanIds(): number[] {
    return assessedScanIds(this.q);
  }

  /** A scan's findings with the agent verdict and triage of each, most severe first, then by key. */
  listFindings(scanId: number, filter?: FindingFilter): StoredFindingRow[] {
    return listFindingRows(this.q, scanId, filter);
  }

  /** Identity scores of a scan, highest first; `limit` rows when given. */
  listScores(scanId: number, limit?: number): IdentityScore[] {
    return listScores(this.q, scanId, limit);
  }

  scoreOf(scanId: number, identityId: string): IdentityScore | undefined {
    return scoreOf(this.q, scanId, identityId);
  }

  /** Triage finding keys (bulk, one transaction, audited as `triage`); unknown keys are refused. */
  setTriage(
    keys: readonly string[],
    change: { status: TriageStatus; note: string; author: string; at?: string },
    actor: string,
  ): TriageRow[] {
    this.assertWritable('triage findings');
    return setTriage(this.q, keys, { ...change, at: change.at ?? new Date().toISOString() }, actor);
  }

  /** Every triage decision of the engagement, by finding key. */
  listTriage(): TriageRow[] {
    return listTriage(this.q);
  }

  /** Add a suppression (audited as `suppression.add`). */
  addSuppression(
    input: NewSuppression,
    actor: string,
    at: string = new Date().toISOString(),
  ): SuppressionRecord {
    this.assertWritable('add a suppression');
    return addSuppression(this.q, input, at, actor);
  }

  /** Remove a suppression (audited as `suppression.remove`, with what it was). */
  removeSuppression(id: number, actor: string, at: string = new Date().toISOString()): SuppressionRecord {
    this.assertWritable('remove a suppression');
    return removeSuppression(this.q, id, at, actor);
  }

  /** Every suppression, active and expired as of `at`; none is hidden. */
  listSuppressions(at: string = new Date().toISOString()): SuppressionRecord[] {
    return listSuppressions(this.q, at);
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
