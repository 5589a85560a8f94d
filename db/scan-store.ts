/**
 * Writing one scan: every inventory row, the scan row and the audit row in ONE immediate
 * transaction with prepared statements. Each row is validated with its zod schema and serialised
 * once, on its own, so a 600,000-row inventory never becomes one giant string.

 */
import type { z } from 'zod';
import { UsageError } from '../model/errors';
import {
  activitySchema,
  coverageSchema,
  credentialSchema,
  grantSchema,
  identitySchema,
  isoDateSchema,
  scanSchema,
  sourceSchema,
  trustSchema,
  workloadSchema,
  type Inventory,
  type Scan,
} from '../model/inventory';
import { appendAuditRow } from './queries/audit';
import { sqliteCode } from './sqlite-errors';
import type { StatementCache } from './statement-cache';
import type { StoreScanInput, StoreScanOptions } from './types';

const PROGRESS_EVERY = 5000;

type Bind = string | number | null;

interface TableWriter<T> {
  table: keyof Inventory;
  schema: z.ZodType<T>;
  sql: string;
  /** Column values after scan_id and before data, in `sql` order. */
  columns(row: T, seq: number): Bind[];
  /** Name of the row in error messages. */
  label(row: T, seq: number): string;
}

function writer<T>(w: TableWriter<T>): TableWriter<T> {
  return w;
}

const WRITERS = [
  writer({
    table: 'sources',
    schema: sourceSchema,
    sql: 'INSERT INTO sources (scan_id, seq, id, provider, account, data) VALUES (?, ?, ?, ?, ?, ?)',
    columns: (r, seq) => [seq, r.id, r.provider, r.account],
    label: (r) => `id "${r.id}"`,
  }),
  writer({
    table: 'coverage',
    schema: coverageSchema,
    sql: 'INSERT INTO coverage (scan_id, seq, source_id, area, status, data) VALUES (?, ?, ?, ?, ?, ?)',
    columns: (r, seq) => [seq, r.sourceId, r.area, r.status],
    label: (_r, seq) => `row ${seq}`,
  }),
  writer({
    table: 'identities',
    schema: identitySchema,
    sql: 'INSERT INTO identities (scan_id, id, provider, kind, name, account, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    columns: (r) => [r.id, r.provider, r.kind, r.name, r.account],
    label: (r) => `id "${r.id}"`,
  }),
  writer({
    table: 'credentials',
    schema: credentialSchema,
    sql: 'INSERT INTO credentials (scan_id, id, identity_id, provider, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
    columns: (r) => [r.id, r.identityId, r.provider, r.kind],
    label: (r) => `id "${r.id}"`,
  }),
  writer({
    table: 'grants',
    schema: grantSchema,
    sql: 'INSERT INTO grants (scan_id, id, identity_id, provider, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
    columns: (r) => [r.id, r.identityId, r.provider, r.kind],
    label: (r) => `id "${r.id}"`,
  }),
  writer({
    table: 'trusts',
    schema: trustSchema,
    sql: 'INSERT INTO trusts (scan_id, id, identity_id, provider, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
    columns: (r) => [r.id, r.identityId, r.provider, r.kind],
    label: (r) => `id "${r.id}"`,
  }),
  writer({
    table: 'activities',
    schema: activitySchema,
    sql: 'INSERT INTO activities (scan_id, id, identity_id, provider, data) VALUES (?, ?, ?, ?, ?)',
    columns: (r) => [r.id, r.identityId, r.provider],
    label: (r) => `id "${r.id}"`,
  }),
  writer({
    table: 'workloads',
    schema: workloadSchema,
    sql:
      'INSERT INTO workloads (scan_id, id, identity_id, provider, kind, name, account, data) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    columns: (r) => [r.id, r.identityId ?? null, r.provider, r.kind, r.name, r.account],
    label: (r) => `id "${r.id}"`,
  }),
];

const INSERT_SCAN =
  'INSERT INTO scans (label, method, status, started_at, finished_at, counts) VALUES (?, ?, ?, ?, ?, ?)';

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

function rowLabel(row: unknown, index: number): string {
  const id = row !== null && typeof row === 'object' && 'id' in row ? row.id : undefined;
  return typeof id === 'string' ? `id "${id}"` : `row ${index}`;
}

function writeTable<T>(
  q: StatementCache,
  w: TableWriter<T>,
  scanId: number,
  rows: readonly unknown[],
  options: StoreScanOptions,
): void {
  const stmt = q.rowStmt(w.sql);
  const total = rows.length;
  options.onProgress?.({ table: w.table, rows: 0, total });
  for (let i = 0; i < total; i += 1) {
    const parsed = w.schema.safeParse(rows[i]);
    if (!parsed.success) {
      throw new UsageError(
        `scan inventory ${w.table} ${rowLabel(rows[i], i)}: ${describeIssue(parsed.error)}`,
      );
    }
    const row = parsed.data;
    try {
      stmt.run(scanId, ...w.columns(row, i), JSON.stringify(row));
    } catch (err) {
      const code = sqliteCode(err);
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new UsageError(`scan inventory ${w.table}: ${w.label(row, i)} appears more than once`);
      }
      throw err;
    }
    if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.({ table: w.table, rows: i + 1, total });
  }
  if (total % PROGRESS_EVERY !== 0) options.onProgress?.({ table: w.table, rows: total, total });
}

function checkInput(input: StoreScanInput): void {
  if (typeof input.label !== 'string' || !input.label.trim())
    throw new UsageError('scan label must not be empty');
  if (!scanSchema.shape.method.safeParse(input.method).success) {
    throw new UsageError(`unknown scan method "${String(input.method)}"`);
  }
  for (const [name, value] of [
    ['startedAt', input.startedAt],
    ['finishedAt', input.finishedAt],
  ] as const) {
    if (!isoDateSchema.safeParse(value).success) {
      throw new UsageError(`scan ${name} must be an ISO-8601 UTC timestamp, got "${String(value)}"`);
    }
  }
  if (typeof input.actor !== 'string' || !input.actor.trim())
    throw new UsageError('scan actor must not be empty');
  for (const w of WRITERS) {
    if (!Array.isArray(input.inventory[w.table]))
      throw new UsageError(`scan inventory has no ${w.table} list`);
  }
}

/** A scan is partial when any source reports an area it could not fully collect. */
export function scanStatus(inventory: Pick<Inventory, 'coverage'>): Scan['status'] {
  return inventory.coverage.some((c) => c.status === 'failed' || c.status === 'partial')
    ? 'partial'
    : 'complete';
}

export function storeScanRows(
  q: StatementCache,
  input: StoreScanInput,
  options: StoreScanOptions = {},
): number {
  checkInput(input);
  const inv = input.inventory;
  const status = scanStatus(inv);
  const counts: Scan['counts'] = {
    identities: inv.identities.length,
    credentials: inv.credentials.length,
    grants: inv.grants.length,
    trusts: inv.trusts.length,
    activities: inv.activities.length,
    workloads: inv.workloads.length,
  };
  const store = q.db.transaction((): number => {
    // AUTOINCREMENT: a scan id is never handed out twice, even if a file was edited behind our back.
    const scanId = Number(
      q
        .rowStmt(INSERT_SCAN)
        .run(input.label, input.method, status, input.startedAt, input.finishedAt, JSON.stringify(counts))
        .lastInsertRowid,
    );
    for (const w of WRITERS) writeTable(q, w as TableWriter<unknown>, scanId, inv[w.table], options);
    appendAuditRow(
      q,
      input.method === 'import' ? 'import' : 'scan.store',
      {
        scanId,
        label: input.label,
        method: input.method,
        status,
        counts,
        sources: inv.sources.map((s) => ({ id: s.id, provider: s.provider, account: s.account })),
      },
      input.actor,
    );
    return scanId;
  });
  return store.immediate();
}
