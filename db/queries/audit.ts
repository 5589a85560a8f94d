/** Audit log reads and the one write: appending a chained row. */
import type { JsonValue } from '../../model/inventory';
import { UsageError } from '../../model/errors';
import { auditRowHash, verifyAuditRows, type StoredAuditRow } from '../audit-chain';
import { canonicalJson } from '../canonical-json';
import { GENESIS_HASH } from '../constants';
import type { StatementCache } from '../statement-cache';
import type { AuditEntry, AuditVerification } from '../types';

const LAST_ROW = 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1';
const SEQUENCE = "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'";
const INSERT =
  'INSERT INTO audit_log (id, ts, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)';
const ALL_ROWS = 'SELECT id, ts, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY id';

function toEntry(row: StoredAuditRow): AuditEntry {
  return {
    id: row.id,
    ts: row.ts,
    actor: row.actor,
    action: row.action,
    detail: JSON.parse(row.detail) as Record<string, JsonValue>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Append one row chained to the current head. Runs in its own IMMEDIATE transaction (or as a
 * savepoint inside the caller's), so two processes can never chain to the same head.
 */
export function appendAuditRow(
  q: StatementCache,
  action: string,
  detail: Record<string, JsonValue>,
  actor: string,
): AuditEntry {
  if (!action.trim()) throw new UsageError('audit action must not be empty');
  if (!actor.trim()) throw new UsageError('audit actor must not be empty');
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    throw new UsageError('audit detail must be a JSON object');
  }
  const append = q.db.transaction((): AuditEntry => {
    const last = q.rowStmt<{ id: number; hash: string }>(LAST_ROW).get();
    const sequence = q.pluckStmt<number>(SEQUENCE).get() ?? 0;
    // Ids continue after the highest ever handed out, so rows deleted from the end leave a gap
    // that verifyAudit reports instead of being silently reused.
    const id = Math.max(last?.id ?? 0, sequence) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const ts = new Date().toISOString();
    const detailText = canonicalJson(detail);
    // Hash what will be read back, so values JSON cannot hold (undefined) never split the two.
    const stored = JSON.parse(detailText) as Record<string, JsonValue>;
    const hash = auditRowHash(prevHash, { id, ts, actor, action, detail: stored });
    q.rowStmt(INSERT).run(id, ts, actor, action, detailText, prevHash, hash);
    return { id, ts, actor, action, detail: stored, prevHash, hash };
  });
  return append.immediate();
}

export function listAuditEntries(q: StatementCache): AuditEntry[] {
  return q.rowStmt<StoredAuditRow>(ALL_ROWS).all().map(toEntry);
}

export function auditHeadHash(q: StatementCache): string {
  return q.rowStmt<{ id: number; hash: string }>(LAST_ROW).get()?.hash ?? GENESIS_HASH;
}

export function verifyAuditChain(q: StatementCache): AuditVerification {
  const read = q.db.transaction(() =>
    verifyAuditRows(q.rowStmt<StoredAuditRow>(ALL_ROWS).iterate(), q.pluckStmt<number>(SEQUENCE).get() ?? 0),
  );
  // One read transaction: rows and sequence come from the same snapshot.
  return read.deferred();
}
