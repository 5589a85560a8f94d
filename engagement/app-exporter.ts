/**
 * The app's exporter: the report use case (engagement/export.ts) with the engagement's branding
 * logo, one CSV table per export (a browser downloads one file), and the PDF printer of the host:
 * Electron's printToPDF in the desktop app, an installed Chromium for `serve`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { findBrowser } from '../report/browser';
import { renderPdf } from '../report/pdf';
import { openEngagement } from '../db';
import type { ExportFormat } from '../model/api';
import type { Exporter, ExportRequest } from './api-export';
import { BRANDING_SETTINGS } from './api-settings';
import type { PdfPrinter } from './export';
import { runHeavyJob } from './heavy-job';

export interface AppExporterOptions {
  /** Prints report HTML; absent: an installed Chromium through playwright-core, when there is one. */
  printPdf?: PdfPrinter;
}

/** An installed Chromium, Chrome or Edge through playwright-core (as `agent-anchor report` prints). */
const defaultPrinter: PdfPrinter = (html, paper) => renderPdf(html, { paper });

const DATA_URL = /^data:image\/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/=]+)$/;

export function createAppExporter(options: AppExporterOptions = {}): Exporter {
  return {
    formats(): ExportFormat[] {
      const all: ExportFormat[] = ['pdf', 'html', 'csv', 'json', 'xlsx'];
      return options.printPdf || hasBrowser() ? all : all.filter((f) => f !== 'pdf');
    },
    async write(request: ExportRequest) {
      const logo = await logoFile(request);
      try {
        const visual = request.format === 'pdf' || request.format === 'html';
        request.onProgress({
          phase: 'export',
          detail: `${request.format.toUpperCase()} of scan ${request.scanId}`,
        });
        // Reading the scan and building the report are CPU-bound: a worker thread does them and
        // hands the HTML back here for printing, where the browser (Electron's or Chromium) is.
        const result = await runHeavyJob(
          'report',
          {
            file: request.file,
            options: {
              format: request.format,
              out: request.out,
              scanId: request.scanId,
              ...(visual ? { variant: request.variant, paper: request.paper } : {}),
              ...(request.format === 'csv' ? { table: request.table } : {}),
              actor: request.actor,
              ...(logo ? { logoFile: logo.file } : {}),
            },
          },
          {
            onProgress: request.onProgress,
            signal: request.signal,
            printPdf: options.printPdf ?? defaultPrinter,
            ...(request.nativeBinding !== undefined ? { nativeBinding: request.nativeBinding } : {}),
          },
        );
        request.onProgress({ phase: 'export', detail: `written ${nodePath.basename(request.out)}` });
        return { bytes: result.files.reduce((sum, f) => sum + f.bytes, 0) };
      } finally {
        if (logo) await rm(logo.dir, { recursive: true, force: true });
      }
    },
  };
}

function hasBrowser(): boolean {
  try {
    findBrowser();
    return true;
  } catch {
    return false;
  }
}

/** The stored logo (a data URL setting) as the file the report reads, in a private temp folder. */
async function logoFile(request: ExportRequest): Promise<{ dir: string; file: string } | undefined> {
  const db = openEngagement(request.file, {
    readonly: true,
    ...(request.nativeBinding !== undefined ? { nativeBinding: request.nativeBinding } : {}),
  });
  let value: unknown;
  try {
    value = db.getSetting(BRANDING_SETTINGS.logo);
  } finally {
    db.close();
  }
  const match = typeof value === 'string' ? DATA_URL.exec(value) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const dir = await mkdtemp(nodePath.join(tmpdir(), 'agent-anchor-logo-'));
  const extension = match[1] === 'svg+xml' ? 'svg' : match[1];
  const file = nodePath.join(dir, `logo.${extension}`);
  await writeFile(file, Buffer.from(match[2], 'base64'));
  return { dir, file };
}
