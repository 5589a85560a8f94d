/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, every text field quoted, quotes doubled), with a
 * UTF-8 byte order mark so spreadsheet programs read the names correctly. Formula injection is
 * neutralised: a text cell that starts with = + - @ tab or carriage return gets a leading ' so a
 * spreadsheet shows it as text instead of evaluating it (OWASP "CSV Injection").
 */
import type { Cell, ExportTable } from './tables';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return `"${neutraliseFormula(cell).replace(/"/g, '""')}"`;
}

export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of table.rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
