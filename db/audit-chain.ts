/**
 * The audit log's hash chain. Each row's hash covers the previous row's hash and the row's own
 * content, so editing, deleting or reordering any row breaks the chain from that row on.
 * Pure functions: the SQL lives in queries/audit.ts.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '../model/inventory';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH } from './constants';
import type { AuditVerification } from './types';

export interface AuditRowContent {
  id: number;
  ts: string;
  actor: string;
  action: string;
  detail: Record<string, JsonValue>;
}

/** sha256(prev_hash + canonical JSON of {action, actor, detail, id, ts}), lower-case hex. */
export function auditRowHash(prevHash: string, row: AuditRowContent): string {
  const body = canonicalJson({
    id: row.id,
    ts: row.ts,
    actor: row.actor,
    action: row.action,
    detail: row.detail,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** An audit row as stored: detail is canonical JSON text. */
export interface StoredAuditRow {
  id: number;
  ts: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * Recompute the chain over rows in id order. `sequence` is the highest id ever handed out
 * (sqlite_sequence), which reveals rows deleted from the end of the log.
 */
export function verifyAuditRows(rows: Iterable<StoredAuditRow>, sequence: number): AuditVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  for (const row of rows) {
    const broken = (reason: string): AuditVerification => ({
      ok: false,
      rows: count,
      firstBrokenId: row.id,
      reason,
    });
    if (row.id !== expectedId) {
      return broken(
        row.id > expectedId
          ? `audit row ${row.id} follows row ${expectedId - 1}: rows ${expectedId}..${row.id - 1} are missing`
          : `audit row ${row.id} is out of order`,
      );
    }
    if (row.prev_hash !== expectedPrev) {
      return broken(`audit row ${row.id}: prev_hash does not match the hash of the row before it`);
    }
    let detail: unknown;
    try {
      detail = JSON.parse(row.detail);
    } catch {
      return broken(`audit row ${row.id}: detail is not valid JSON`);
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
      return broken(`audit row ${row.id}: detail is not a JSON object`);
    }
    const hash = auditRowHash(row.prev_hash, {
      id: row.id,
      ts: row.ts,
      actor: row.actor,
      action: row.action,
      detail: detail as Record<string, JsonValue>,
    });
    if (hash !== row.hash) {
      return broken(`audit row ${row.id}: content does not match its hash (the row was changed)`);
    }
    expectedPrev = row.hash;
    expectedId += 1;
    count += 1;
  }
  if (sequence > count) {
    return {
      ok: false,
      rows: count,
      firstBrokenId: count + 1,
      reason: `audit rows ${count + 1}..${sequence} were deleted from the end of the log`,
    };
  }
  return { ok: true, rows: count, head: expectedPrev };
}
