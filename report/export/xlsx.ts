/**
 * The XLSX workbook: Summary, Agents, Identities, Credentials, Findings and Frameworks sheets, each
 * with a frozen, filtered header row. Every tenant string is written as a text cell (never a
 * formula: exceljs writes a formula only for `{ formula }` values), so `=HYPERLINK(...)` in a name
 * stays inert text. Characters XML cannot hold are written with Excel's own `_xHHHH_` escape, so
 * names keep every character instead of being silently stripped.
 */
import ExcelJS from 'exceljs';
import { SEVERITY_LABEL, SEVERITIES, num } from '../format';
import type { ReportInput, ReportModel } from '../types';
import { kpiViews } from '../sections/kpis';
import {
  credentialTable,
  exportContext,
  findingTable,
  frameworkTable,
  identityTable,
  type Cell,
  type ExportTable,
} from './tables';
import { setZipEntryDates } from './zip-dates';

/** Excel keeps at most this many characters in a cell. */
const MAX_CELL = 32_767;

/** XML 1.0 allows tab, LF, CR and U+0020 upwards, except U+FFFE and U+FFFF. */
function xmlAllowed(code: number): boolean {
  return (
    code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code !== 0xfffe && code !== 0xffff)
  );
}

export function xlsxText(value: string): string {
  let text = value.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += xmlAllowed(code) ? ch : `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
  }
  text = out;
  if (text.length <= MAX_CELL) return text;
  // Excel counts UTF-16 units; never cut a surrogate pair in half.
  let end = MAX_CELL - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

function cellValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'string') return xlsxText(cell);
  return cell;
}

function addTable(wb: ExcelJS.Workbook, title: string, table: ExportTable): void {
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const row of table.rows) ws.addRow(row.map(cellValue));
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, table.rows.length + 1), column: table.columns.length },
  };
}

function summaryRows(
  input: ReportInput,
  model: Pick<ReportModel, 'meta' | 'totals' | 'integrity'>,
): Cell[][] {
  const t = model.totals;
  const rows: Cell[][] = [
    ['Client', model.meta.clientName, ''],
    ['Prepared by', model.meta.consultancy, ''],
    ['Scan', model.meta.scanId, model.meta.scanLabel],
    ['Scan finished', model.meta.scanFinishedAt, ''],
    ['Assessed as of', model.meta.assessedAt, ''],
    ['AWS accounts', model.meta.awsAccounts.join(', '), ''],
    ['Entra tenants', model.meta.entraTenants.join(', '), ''],
    ['Identities', t.identities, ''],
    ['Agents (confirmed)', t.agentsYes, ''],
    ['Agents (likely)', t.agentsLikely, ''],
    ['Credentials', t.credentials, ''],
    ['Grants', t.grants, ''],
    ['Open findings', t.findingsOpen, ''],
    ...SEVERITIES.map((s): Cell[] => [`Open ${SEVERITY_LABEL[s].toLowerCase()}`, t.openBySeverity[s], '']),
    ['Suppressed or accepted findings', t.findingsSuppressed, ''],
  ];
  if (input.kpis) {
    for (const k of kpiViews(input.kpis))
      rows.push([
        `${k.name} (posture measure)`,
        k.value === null ? null : k.value,
        `${k.display}; ${k.formula}${k.numerator !== null && k.denominator !== null ? ` (${num(k.numerator)} / ${num(k.denominator)})` : ''}`,
      ]);
  } else rows.push(['Posture KPIs', 'not available', 'the scan has no stored KPIs']);
  rows.push(['Report data SHA-256', model.integrity.dataHash, '']);
  rows.push(['Audit chain head', model.integrity.auditHead, '']);
  return rows;
}

export async function renderXlsx(
  input: ReportInput,
  model: Pick<ReportModel, 'meta' | 'totals' | 'integrity' | 'generatedAt'>,
): Promise<Buffer> {
  const ctx = exportContext(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Agent Anchor';
  // Fixed workbook dates: the file depends on the data and the generation time only.
  wb.created = new Date(model.generatedAt);
  wb.modified = new Date(model.generatedAt);

  const summary = wb.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = [
    { header: 'item', key: 'item', width: 34 },
    { header: 'value', key: 'value', width: 44 },
    { header: 'detail', key: 'detail', width: 80 },
  ];
  summary.getRow(1).font = { bold: true };
  for (const row of summaryRows(input, model)) summary.addRow(row.map(cellValue));

  addTable(wb, 'Agents', identityTable(ctx, true));
  addTable(wb, 'Identities', identityTable(ctx));
  addTable(wb, 'Credentials', credentialTable(ctx));
  addTable(wb, 'Findings', findingTable(ctx));
  addTable(wb, 'Frameworks', frameworkTable(ctx));
  const out = await wb.xlsx.writeBuffer();
  return setZipEntryDates(Buffer.from(out as ArrayBuffer), new Date(model.generatedAt));
}
