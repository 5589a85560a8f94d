/**
 * Exports for the app: what an exporter must provide, and the file name a save dialog proposes.
 * The writing itself is the report use case's (engagement/export.ts); the API runs it as an
 * operation with progress and cancellation.
 */
import type { ExportFormat, StartExportArgs } from '../model/api';
import type { ProgressListener } from './progress';

export interface ExportRequest {
  file: string;
  scanId: number;
  format: ExportFormat;
  variant: 'full' | 'executive';
  paper: 'a4' | 'letter';
  /** CSV: which table. */
  table: 'identities' | 'credentials' | 'findings';
  /** Where to write the file. */
  out: string;
  actor: string;
  signal: AbortSignal;
  onProgress: ProgressListener;
  nativeBinding?: string;
}

export interface Exporter {
  /** Formats this build can write (PDF needs a browser engine: Electron's, or an installed Chromium). */
  formats(): ExportFormat[];
  write(request: ExportRequest): Promise<{ bytes: number }>;
}

/** `Contoso agent assessment scan 3 (executive).pdf`, with characters file systems refuse replaced. */
export function exportFileName(client: string, scanId: number, args: StartExportArgs): string {
  const safe =
    client
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'engagement';
  const variant = args.format === 'pdf' || args.format === 'html' ? ` (${args.variant ?? 'full'})` : '';
  const table = args.format === 'csv' ? ` ${args.table ?? 'findings'}` : '';
  return `${safe} agent assessment scan ${scanId}${variant}${table}.${args.format}`;
}
