/**
 * The IAM credential report CSV: the 22 columns in AWS's order, `<root_account>` first, and the
 * literal values AWS writes (`N/A`, `no_information`, `not_supported`, `true`/`false`,
 * timestamps with `+00:00`).
 */
import { CREDENTIAL_REPORT_COLUMNS } from '../../aws/raw-schemas';
import { awsCliTime } from '../clock';

// One list of the report's columns: the importer's, so the demo writes exactly what it reads.
export { CREDENTIAL_REPORT_COLUMNS };

export interface ReportKey {
  active: boolean;
  rotatedMs: number;
  /** Undefined when the key was never used. */
  lastUsed?: { ms: number; region: string; service: string };
}

export interface ReportRow {
  user: string;
  arn: string;
  createdMs: number;
  root: boolean;
  /** Console password; undefined when the user has none. */
  password?: { changedMs: number; lastUsedMs?: number };
  mfa: boolean;
  keys: ReportKey[];
  /** Signing certificates (rare; kept for completeness). */
  certs: { active: boolean; rotatedMs: number }[];
}

function keyCells(key: ReportKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    String(key.active),
    awsCliTime(key.rotatedMs),
    key.lastUsed ? awsCliTime(key.lastUsed.ms) : 'N/A',
    key.lastUsed ? key.lastUsed.region : 'N/A',
    key.lastUsed ? key.lastUsed.service : 'N/A',
  ];
}

function passwordCells(row: ReportRow): string[] {
  if (row.root) {
    // AWS reports the root password as not_supported; last use is still known.
    const used = row.password?.lastUsedMs;
    return [
      'not_supported',
      used === undefined ? 'no_information' : awsCliTime(used),
      'not_supported',
      'not_supported',
    ];
  }
  if (!row.password) return ['false', 'N/A', 'N/A', 'N/A'];
  const used = row.password.lastUsedMs;
  return [
    'true',
    used === undefined ? 'no_information' : awsCliTime(used),
    awsCliTime(row.password.changedMs),
    'N/A',
  ];
}

function certCells(cert: { active: boolean; rotatedMs: number } | undefined): string[] {
  return cert ? [String(cert.active), awsCliTime(cert.rotatedMs)] : ['false', 'N/A'];
}

export function credentialReportCsv(rows: readonly ReportRow[]): string {
  const lines = [CREDENTIAL_REPORT_COLUMNS.join(',')];
  for (const row of rows) {
    const cells = [
      row.root ? '<root_account>' : row.user,
      row.arn,
      awsCliTime(row.createdMs),
      ...passwordCells(row),
      String(row.mfa),
      ...keyCells(row.keys[0]),
      ...keyCells(row.keys[1]),
      ...certCells(row.certs[0]),
      ...certCells(row.certs[1]),
    ];
    lines.push(cells.join(','));
  }
  // The decoded report ends each row with a newline except the last, as AWS serves it.
  return lines.join('\n');
}
