/**
 * PDF in the desktop app: Electron's `webContents.printToPDF` on the same report HTML. The app's
 * main process loads the HTML into a hidden, sandboxed window (no preload, no node integration)
 * and hands this function that window's `executeJavaScript` and `printToPDF`; report/ itself never
 * imports electron.
 */
import { PAPER_NAME, WAIT_FOR_READY_EXPRESSION, assertPdf } from './print-options';
import type { PaperSize } from './types';

/** The subset of Electron's PrintToPDFOptions the report uses. */
export interface ElectronPdfOptions {
  pageSize: 'A4' | 'Letter';
  preferCSSPageSize: boolean;
  printBackground: boolean;
  generateDocumentOutline: boolean;
  generateTaggedPDF: boolean;
  displayHeaderFooter: boolean;
}

export interface ElectronPrintTarget {
  /** `webContents.executeJavaScript`: evaluates an expression in the page and awaits a returned promise. */
  executeJavaScript(code: string): Promise<unknown>;
  /** `webContents.printToPDF`. */
  printToPDF(options: ElectronPdfOptions): Promise<Uint8Array>;
}

export function electronPdfOptions(paper: PaperSize): ElectronPdfOptions {
  return {
    pageSize: PAPER_NAME[paper],
    // Margins, running headers and page numbers are in the report's @page CSS.
    preferCSSPageSize: true,
    printBackground: true,
    generateDocumentOutline: true,
    generateTaggedPDF: false,
    displayHeaderFooter: false,
  };
}

/** Waits for the report's ready marker, then prints; call after `loadFile`/`loadURL` resolved. */
export async function printReportWithElectron(
  target: ElectronPrintTarget,
  paper: PaperSize,
): Promise<Uint8Array> {
  await target.executeJavaScript(WAIT_FOR_READY_EXPRESSION);
  const pdf = await target.printToPDF(electronPdfOptions(paper));
  assertPdf(pdf);
  return pdf;
}
