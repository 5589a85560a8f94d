/**
 * The report and export use case: read a scan's stored data from the engagement file (inventory,
 * findings, scores, KPIs, triage, suppressions, the diff with the previous scan), build the report
 * model, render the asked format, write it, and record the export in the audit log (format,
 * variant, output hash). Used by `agent-anchor report` and by the app's exporter.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { READ_OPERATIONS } from '../collectors/aws/live';
import { GRAPH_PERMISSIONS } from '../collectors/entra/live';
import { classifyAll } from '../assess/classify';
import { diffScans, type ScanSnapshot } from '../assess/diff';
import { indexInventory } from '../assess/inventory-index';
import { APP_VERSION } from '../db/app-version';
import { openEngagement, type EngagementDb } from '../db';
import { UsageError } from '../model/errors';
import type { Classification } from '../model/assess';
import type { Inventory } from '../model/inventory';
import { buildReportModel } from '../report/model';
import { renderReportHtml } from '../report/html/document';
import { renderPdf } from '../report/pdf';
import { sha256Hex } from '../report/hash';
import { toCsv } from '../report/export/csv';
import { buildJsonExport, renderJson } from '../report/export/json';
import { credentialTable, exportContext, findingTable, identityTable } from '../report/export/tables';
import { renderXlsx } from '../report/export/xlsx';
import type {
  PaperSize,
  PermissionUsed,
  ReportBranding,
  ReportInput,
  ReportLimits,
  ReportModel,
  ReportVariant,
} from '../report/types';
import { findBrowser } from '../report/browser';
import { currentActor } from './actor';
import type { ExportRequest, Exporter } from './api-export';
import { toSuppression } from './assess';
import { resolveScanId } from './inventory';
import { noProgress, type ProgressListener } from './progress';

export type ExportFormatName = 'pdf' | 'html' | 'csv' | 'json' | 'xlsx';
export type CsvTableName = 'identities' | 'credentials' | 'findings';
export const CSV_TABLES: readonly CsvTableName[] = ['identities', 'credentials', 'findings'];

/** Prints report HTML to PDF: playwright-core with an installed Chromium by default, Electron in the app. */
export type PdfPrinter = (html: string, paper: PaperSize) => Promise<Uint8Array>;

export interface WriteReportOptions {
  format: ExportFormatName;
  out: string;
  scanId?: number;
  variant?: ReportVariant;
  paper?: PaperSize;
  /** Printed on the cover and in the running header; default: setting `report.consultancy`, else "Agent Anchor". */
  consultancy?: string;
  /** PNG, JPEG or SVG file shown on the cover. */
  logoFile?: string;
  /** Default: setting `report.clientName`, else the client name recorded in the engagement file. */
  clientName?: string;
  /** CSV only: write this one table to `out` instead of all three. */
  table?: CsvTableName;
  /** The report date; fixed in tests so output is reproducible. Default: now. */
  generatedAt?: Date | string;
  actor?: string;
  nativeBinding?: string;
  printPdf?: PdfPrinter;
  limits?: Partial<ReportLimits>;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface WriteReportResult {
  format: ExportFormatName;
  scanId: number;
  variant?: ReportVariant;
  files: WrittenFile[];
  /** Integrity hash of the report model (pdf, html) or of the JSON document (json). */
  dataHash?: string;
  /** Id of the `export` row in the audit log. */
  auditId: number;
  timings: Record<string, number>;
}

const SETTING_CONSULTANCY = 'report.consultancy';
const SETTING_CLIENT = 'report.clientName';
const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** A logo file as a data URL; only PNG, JPEG and SVG, recognised by content, not by name. */
export async function readLogo(file: string): Promise<{ dataUrl: string }> {
  let data: Buffer;
  try {
    const info = await stat(file);
    if (info.size > MAX_LOGO_BYTES) throw new UsageError(`logo ${file} is larger than 2 MB`);
    data = await readFile(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot read logo ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let mime: string;
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    mime = 'image/png';
  else if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) mime = 'image/jpeg';
  else if (
    /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(
      data.toString('utf8', 0, 4096),
    )
  )
    mime = 'image/svg+xml';
  else throw new UsageError(`logo ${file} is not a PNG, JPEG or SVG image`);
  // Shown through <img>, where an SVG cannot run scripts or load anything.
  return { dataUrl: `data:${mime};base64,${data.toString('base64')}` };
}

/** The read-only access a live scan uses, from the collectors' own lists (what `permissions` prints). */
export function collectorPermissions(): ReportInput['permissions'] {
  const seen = new Set<string>();
  const aws: PermissionUsed[] = [];
  for (const op of READ_OPERATIONS) {
    if (op.scope !== 'account' || !op.iamAction || seen.has(op.iamAction)) continue;
    seen.add(op.iamAction);
    aws.push({ name: op.iamAction, detail: op.purpose, required: op.optional === undefined });
  }
  const entra: PermissionUsed[] = GRAPH_PERMISSIONS.map((p) => ({
    name: p.permission,
    detail: `${p.reads}${p.licence ? ` (needs ${p.licence})` : ''}`,
    required: p.required,
  }));
  return { aws, entra };
}

function stringSetting(db: EngagementDb, key: string): string | undefined {
  const value = db.getSetting(key);
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function classificationsOf(inventory: Inventory): Record<string, Classification> {
  const map = classifyAll(indexInventory(inventory));
  const out: Record<string, Classification> = {};
  for (const id of [...map.keys()].sort()) {
    const c = map.get(id);
    if (c) out[id] = c;
  }
  return out;
}

function snapshot(
  db: EngagementDb,
  scanId: number,
  inventory?: Inventory,
  findings?: ScanSnapshot['findings'],
) {
  const scan = db.getScan(scanId);
  const reach = new Map(db.listScores(scanId).map((s) => [s.identityId, s.reach]));
  return {
    scan: { id: scan.id, label: scan.label, finishedAt: scan.finishedAt },
    inventory: inventory ?? db.readInventory(scanId),
    findings: findings ?? db.listFindings(scanId).map((r) => r.finding),
    reach,
  };
}

/** Everything a report of one scan is built from, read from an open engagement. */
export function loadReportInput(db: EngagementDb, scanId: number): ReportInput {
  const scan = db.getScan(scanId);
  const stored = db.getAssessment(scanId);
  if (!stored)
    throw new UsageError(
      `scan ${scanId} has not been assessed yet: run agent-anchor assess ${db.path} --scan ${scanId}`,
    );
  const inventory = db.readInventory(scanId);
  const findings = db
    .listFindings(scanId)
    .map((r) => r.finding)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const suppressions = db.listSuppressions(stored.summary.assessedAt).map(toSuppression);
  const expired = new Set(stored.summary.suppressions.expired);

  // The scan before this one, if any: the report's "change since the previous scan".
  const earlier = db
    .listScans()
    .map((s) => s.id)
    .filter((id) => id < scanId);
  const previous = earlier[earlier.length - 1];
  let change: ReportInput['change'];
  if (previous === undefined) change = { status: 'first-scan' };
  else if (!db.getAssessment(previous))
    change = {
      status: 'not-available',
      reason: `the previous scan (#${previous}) has not been assessed: run agent-anchor assess ${db.path} --scan ${previous}`,
    };
  else
    change = {
      status: 'compared',
      diff: diffScans(snapshot(db, previous), snapshot(db, scanId, inventory, findings)),
    };

  return {
    scan,
    inventory,
    assessment: {
      findings,
      // Classifications are not stored: recomputed from the inventory (deterministic, same as stored verdicts).
      classifications: classificationsOf(inventory),
      suppressions: {
        applied: [...stored.summary.suppressions.applied],
        expired: suppressions.filter((s) => expired.has(s.id)),
      },
      ruleErrors: stored.summary.ruleErrors,
      settings: stored.settings,
      assessedAt: stored.summary.assessedAt,
    },
    scores: db.listScores(scanId),
    kpis: stored.kpis,
    change,
    triage: db.listTriage().map((t) => ({
      findingKey: t.key,
      status: t.status,
      note: t.note,
      author: t.author,
      updatedAt: t.updatedAt,
    })),
    suppressions,
    auditHead: db.auditHead(),
    permissions: collectorPermissions(),
    appVersion: APP_VERSION,
  };
}

async function brandingOf(db: EngagementDb, opts: WriteReportOptions): Promise<ReportBranding> {
  const logo = opts.logoFile ? await readLogo(opts.logoFile) : undefined;
  return {
    consultancy: opts.consultancy ?? stringSetting(db, SETTING_CONSULTANCY) ?? 'Agent Anchor',
    clientName:
      opts.clientName ??
      stringSetting(db, SETTING_CLIENT) ??
      db.meta().clientName ??
      basename(db.path, extname(db.path)),
    ...(logo ? { logo } : {}),
  };
}

/** Writes through a temporary sibling and a rename, so a failed export never leaves half a file. */
async function writeAtomic(path: string, data: string | Uint8Array): Promise<WrittenFile> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  return { path, bytes, sha256: sha256Hex(data) };
}

/** Where CSV tables go: one file (`--table`), three siblings of a `.csv` path, or three files in a folder. */
export function csvTargets(
  out: string,
  table: CsvTableName | undefined,
): { table: CsvTableName; path: string }[] {
  if (table) return [{ table, path: out }];
  if (extname(out).toLowerCase() === '.csv') {
    const stem = out.slice(0, -4);
    return CSV_TABLES.map((t) => ({ table: t, path: `${stem}-${t}.csv` }));
  }
  return CSV_TABLES.map((t) => ({ table: t, path: join(out, `${t}.csv`) }));
}

function checkOptions(opts: WriteReportOptions): void {
  if (opts.table && opts.format !== 'csv') throw new UsageError('--table applies to --format csv only');
  const visual = opts.format === 'pdf' || opts.format === 'html';
  if (!visual && opts.variant === 'executive')
    throw new UsageError('--variant applies to pdf and html; data exports always hold everything');
}

const defaultPrinter: PdfPrinter = (html, paper) => renderPdf(html, { paper });

export async function writeReport(file: string, opts: WriteReportOptions): Promise<WriteReportResult> {
  checkOptions(opts);
  const onProgress = opts.onProgress ?? noProgress;
  const generatedAt = new Date(opts.generatedAt ?? Date.now()).toISOString();
  const variant = opts.variant ?? 'full';
  const paper = opts.paper ?? 'a4';
  const actor = opts.actor ?? currentActor();
  const timings: Record<string, number> = {};
  const lap = (name: string, start: number) => (timings[name] = Math.round(performance.now() - start));

  const db = openEngagement(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    const scanId = resolveScanId(db, opts.scanId);
    let t = performance.now();
    onProgress({ phase: 'read', detail: `scan ${scanId}` });
    const input = loadReportInput(db, scanId);
    const branding = await brandingOf(db, opts);
    lap('read', t);
    opts.signal?.throwIfAborted();

    const files: WrittenFile[] = [];
    let dataHash: string | undefined;
    const modelFor = (v: ReportVariant): ReportModel => {
      const start = performance.now();
      const model = buildReportModel(input, {
        variant: v,
        generatedAt,
        branding,
        ...(opts.limits ? { limits: opts.limits } : {}),
      });
      lap('model', start);
      return model;
    };

    if (opts.format === 'pdf' || opts.format === 'html') {
      onProgress({ phase: 'render', detail: `${variant} report` });
      const model = modelFor(variant);
      dataHash = model.integrity.dataHash;
      t = performance.now();
      const html = renderReportHtml(model, { paper });
      lap('html', t);
      opts.signal?.throwIfAborted();
      if (opts.format === 'html') files.push(await writeAtomic(opts.out, html));
      else {
        onProgress({ phase: 'print', detail: 'PDF' });
        t = performance.now();
        const pdf = await (opts.printPdf ?? defaultPrinter)(html, paper);
        lap('pdf', t);
        files.push(await writeAtomic(opts.out, pdf));
      }
    } else if (opts.format === 'json') {
      onProgress({ phase: 'render', detail: 'JSON' });
      t = performance.now();
      const doc = buildJsonExport(input, { generatedAt, clientName: branding.clientName });
      dataHash = doc.integrity.dataSha256;
      const text = renderJson(doc);
      lap('json', t);
      files.push(await writeAtomic(opts.out, text));
    } else if (opts.format === 'csv') {
      onProgress({ phase: 'render', detail: 'CSV' });
      t = performance.now();
      const ctx = exportContext(input);
      const build = { identities: identityTable, credentials: credentialTable, findings: findingTable };
      // writeAtomic creates the folder of each file (the output folder for three tables).
      for (const target of csvTargets(opts.out, opts.table))
        files.push(await writeAtomic(target.path, toCsv(build[target.table](ctx))));
      lap('csv', t);
    } else {
      onProgress({ phase: 'render', detail: 'XLSX' });
      const model = modelFor('executive');
      t = performance.now();
      const xlsx = await renderXlsx(input, model);
      lap('xlsx', t);
      files.push(await writeAtomic(opts.out, xlsx));
    }

    const visual = opts.format === 'pdf' || opts.format === 'html';
    const entry = db.appendAudit(
      'export',
      {
        format: opts.format,
        ...(visual ? { variant, paper } : {}),
        ...(opts.table ? { table: opts.table } : {}),
        scanId,
        files: files.map((f) => ({ name: basename(f.path), bytes: f.bytes, sha256: f.sha256 })),
        sha256:
          files.length === 1 ? (files[0]?.sha256 ?? '') : sha256Hex(files.map((f) => f.sha256).join('\n')),
        ...(dataHash ? { dataHash } : {}),
        generatedAt,
      },
      actor,
    );
    return {
      format: opts.format,
      scanId,
      ...(visual ? { variant } : {}),
      files,
      ...(dataHash ? { dataHash } : {}),
      auditId: entry.id,
      timings,
    };
  } finally {
    db.close();
  }
}

/**
 * The app's exporter (engagement/api-export.ts) over `writeReport`. In Electron, `printPdf` prints
 * with `webContents.printToPDF` (report/pdf-electron.ts); without it, PDF is offered only when an
 * installed Chromium, Chrome or Edge is found.
 */
export function reportExporter(opts: { printPdf?: PdfPrinter } = {}): Exporter {
  const pdfAvailable = (): boolean => {
    if (opts.printPdf) return true;
    try {
      findBrowser();
      return true;
    } catch {
      return false;
    }
  };
  return {
    formats: () =>
      pdfAvailable() ? ['pdf', 'html', 'csv', 'json', 'xlsx'] : ['html', 'csv', 'json', 'xlsx'],
    async write(request: ExportRequest) {
      const visual = request.format === 'pdf' || request.format === 'html';
      const result = await writeReport(request.file, {
        format: request.format,
        out: request.out,
        scanId: request.scanId,
        paper: request.paper,
        actor: request.actor,
        onProgress: request.onProgress,
        signal: request.signal,
        ...(visual ? { variant: request.variant } : {}),
        ...(request.format === 'csv' ? { table: request.table } : {}),
        ...(opts.printPdf ? { printPdf: opts.printPdf } : {}),
        ...(request.nativeBinding !== undefined ? { nativeBinding: request.nativeBinding } : {}),
      });
      return { bytes: result.files.reduce((n, f) => n + f.bytes, 0) };
    },
  };
}
