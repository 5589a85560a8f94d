/**
 * What both PDF printers share (playwright-core in the CLI, Electron's printToPDF in the app): the
 * readiness probe and the page setup. The page size comes from the report's CSS (@page), so both
 * print identical pages.
 */
import { READY_ATTRIBUTE } from './html/document';
import type { PaperSize } from './types';

/**
 * A JavaScript expression that resolves once the report marked itself ready (fonts loaded): the
 * printers wait on the document's own signal, never on a fixed sleep.
 */
export const WAIT_FOR_READY_EXPRESSION = `new Promise(function (resolve) {
  var el = document.documentElement;
  if (el.hasAttribute('${READY_ATTRIBUTE}')) return resolve(true);
  new MutationObserver(function (_records, observer) {
    if (el.hasAttribute('${READY_ATTRIBUTE}')) { observer.disconnect(); resolve(true); }
  }).observe(el, { attributes: true });
})`;

export const PAPER_NAME: Record<PaperSize, 'A4' | 'Letter'> = { a4: 'A4', letter: 'Letter' };

/** A PDF starts with `%PDF-`; anything else from a printer is an error. */
export function assertPdf(bytes: Uint8Array): void {
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (head !== '%PDF-') throw new Error('the browser did not return a PDF');
}
