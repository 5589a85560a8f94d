/**
 * PDF from the CLI: playwright-core drives an installed Chromium, Chrome or Edge (report/browser.ts)
 * to print the self-contained report HTML. The page loads from a temporary file with the network
 * switched off, the printer waits for the report's ready marker (fonts loaded), and the page size,
 * margins, running headers and page numbers come from the report's own print CSS.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findBrowser } from './browser';
import { PAPER_NAME, WAIT_FOR_READY_EXPRESSION, assertPdf } from './print-options';
import type { PaperSize } from './types';

export interface PdfOptions {
  paper: PaperSize;
  /** Browser executable; found with findBrowser() when absent. */
  executablePath?: string;
  /** Upper bound for loading and printing a very large report. */
  timeoutMs?: number;
}

/** Flags for a headless print job: nothing in the background, no profile set-up, no GPU. */
const BROWSER_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
];

export async function renderPdf(html: string, options: PdfOptions): Promise<Buffer> {
  const executablePath = options.executablePath ?? findBrowser();
  const timeout = options.timeoutMs ?? 300_000;
  const dir = await mkdtemp(join(tmpdir(), 'agent-anchor-report-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html, 'utf8');
  const browser = await chromium.launch({ executablePath, headless: true, args: BROWSER_ARGS, timeout });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout });
    await page.evaluate(WAIT_FOR_READY_EXPRESSION);
    const pdf = await page.pdf({
      format: PAPER_NAME[options.paper],
      preferCSSPageSize: true,
      printBackground: true,
      // Bookmarks from the headings; tagged PDF is left off: it doubles print time and file size.
      outline: true,
    });
    assertPdf(pdf);
    return pdf;
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
