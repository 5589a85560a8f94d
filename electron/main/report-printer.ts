/**
 * PDF printing in the desktop app: the report HTML is loaded from a private temporary file into a
 * hidden, sandboxed window of its own session (no preload, no Node, every request other than that
 * one file cancelled, every permission denied) and printed with `webContents.printToPDF` once the
 * report marks itself ready.
 */
import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfPrinter } from '../../engagement/export';
import { printReportWithElectron } from '../../report/pdf-electron';

const PARTITION = 'agent-anchor-report-print';

export function electronPdfPrinter(): PdfPrinter {
  let allowed = new Set<string>();
  const printSession = session.fromPartition(PARTITION);
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);
  printSession.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    callback({ cancel: !(allowed.has(url) || url.startsWith('data:') || url.startsWith('blob:')) });
  });

  return async (html, paper) => {
    const dir = await mkdtemp(nodePath.join(tmpdir(), 'agent-anchor-print-'));
    const file = nodePath.join(dir, 'report.html');
    await writeFile(file, html, 'utf8');
    const url = pathToFileURL(file).href;
    allowed = new Set([...allowed, url]);
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        partition: PARTITION,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webviewTag: false,
        javascript: true,
        spellcheck: false,
      },
    });
    try {
      await window.loadURL(url);
      return await printReportWithElectron(window.webContents, paper);
    } finally {
      window.destroy();
      allowed.delete(url);
      await rm(dir, { recursive: true, force: true });
    }
  };
}
