/**
 * Parsing of the IAM credential report: the CSV (RFC 4180; user names may contain commas, so quoted
 * fields occur) and the JSON form of `aws iam get-credential-report` (base64 CSV in `Content`).
 * Pure: takes text, returns rows or throws InputError naming the file and line.
 */
import { InputError } from '../../model/errors';
import { toIsoUtc } from '../../model/dates';
import { IAM_ARN_PATTERN } from './arn';
import {
  CREDENTIAL_REPORT_COLUMNS,
  REQUIRED_CREDENTIAL_REPORT_COLUMNS,
  type CredentialReportColumn,
  type CredentialReportRow,
} from './raw-schemas';

interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(problem);
  }
}

/** RFC 4180 records; quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let fields: string[] = [];
  let recordLine = 1;
  let field = '';
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      const openLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        const chunk = text.slice(i, q);
        for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
        field += chunk;
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed)
        throw new CsvSyntaxError(openLine, 'quoted field is never closed (is the file truncated?)');
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, 'unexpected character after a closing quote');
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      fields.push(field);
      field = '';
      records.push({ fields, line: recordLine });
      fields = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // Plain field: copy up to the next separator in one step (fast on very long values).
    let end = i;
    while (end < n) {
      const c = text[end];
      if (c === ',' || c === '\n' || c === '\r') break;
      if (c === '"') throw new CsvSyntaxError(line, 'unexpected quote inside an unquoted field');
      end++;
    }
    field += text.slice(i, end);
    i = end;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ fields, line: recordLine });
  }
  // Blank lines (a trailing newline, an empty last line) are not records.
  return records.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
}

const BOOLEAN_COLUMNS: readonly CredentialReportColumn[] = [
  'mfa_active',
  'access_key_1_active',
  'access_key_2_active',
  'cert_1_active',
  'cert_2_active',
];
const DATE_COLUMNS: readonly CredentialReportColumn[] = [
  'user_creation_time',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'cert_1_last_rotated',
  'cert_2_last_rotated',
];
const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported']);

function checkRow(row: CredentialReportRow): string | undefined {
  if (!IAM_ARN_PATTERN.test(row.arn)) return 'column arn: expected an IAM ARN (arn:aws:iam::<account>:...)';
  for (const col of BOOLEAN_COLUMNS) {
    const v = row[col];
    if (v !== 'true' && v !== 'false' && !NO_VALUE.has(v)) return `column ${col}: expected true or false`;
  }
  const pw = row.password_enabled;
  if (pw !== 'true' && pw !== 'false' && !NO_VALUE.has(pw)) {
    return 'column password_enabled: expected true, false or not_supported';
  }
  for (const col of DATE_COLUMNS) {
    const v = row[col];
    if (!NO_VALUE.has(v) && toIsoUtc(v) === undefined)
      return `column ${col}: expected a date, N/A or no_information`;
  }
  return undefined;
}

/**
 * Parse a credential report CSV. `wherePrefix` names the place of the CSV inside a wrapping file
 * (e.g. the JSON form's Content).
 */
export function parseCredentialReportCsv(
  text: string,
  file: string,
  wherePrefix = '',
): CredentialReportRow[] {
  const at = (line: number) => `${wherePrefix}line ${line}`;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let records: CsvRecord[];
  try {
    records = parseCsvRecords(body);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new InputError(file, at(e.line), `invalid CSV: ${e.message}`);
    throw e;
  }
  const header = records[0];
  if (!header) throw new InputError(file, at(1), 'the file is empty: not an IAM credential report');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED_CREDENTIAL_REPORT_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    const list =
      missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` (and ${missing.length - 3} more)` : '');
    throw new InputError(
      file,
      at(header.line),
      `not an IAM credential report: missing column${missing.length > 1 ? 's' : ''} ${list}`,
    );
  }
  const index = new Map<CredentialReportColumn, number>();
  for (const col of CREDENTIAL_REPORT_COLUMNS) {
    const k = names.indexOf(col);
    if (k >= 0) index.set(col, k);
  }
  const rows: CredentialReportRow[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== names.length) {
      throw new InputError(
        file,
        at(record.line),
        `expected ${names.length} fields as in the header, found ${record.fields.length}`,
      );
    }
    const row = {} as CredentialReportRow;
    for (const col of CREDENTIAL_REPORT_COLUMNS) {
      const k = index.get(col);
      row[col] = k === undefined ? 'N/A' : (record.fields[k] ?? '');
    }
    const problem = checkRow(row);
    if (problem) throw new InputError(file, at(record.line), problem);
    rows.push(row);
  }
  return rows;
}

const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/** Decode the base64 `Content` of `aws iam get-credential-report` output and parse the CSV in it. */
export function parseCredentialReportContent(content: string, file: string): CredentialReportRow[] {
  if (!BASE64.test(content)) throw new InputError(file, 'Content', 'expected the base64-encoded report');
  const csv = Buffer.from(content, 'base64').toString('utf8');
  return parseCredentialReportCsv(csv, file, 'Content (decoded CSV) ');
}
