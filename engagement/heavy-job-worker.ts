/**
 * The worker thread of a heavy job (heavy-job.ts): runs one job with the same use cases the CLI
 * runs in-thread, on its own connection to the engagement file, and reports progress, the result
 * or the error to the host. Started from source through heavy-job-worker.mjs (tsx), bundled as its
 * own entry for Electron.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Inventory } from '../model/inventory';
import type { PaperSize } from '../report/types';
import {
  rebuildError,
  serializeError,
  type FromWorker,
  type HeavyJobs,
  type StoreScanJob,
  type ToWorker,
  type WorkerStart,
} from './heavy-job-protocol';
import type { ProgressEvent } from './progress';

const port = parentPort;
if (!port) throw new Error('heavy-job-worker runs as a worker thread (engagement/heavy-job.ts)');

const start = workerData as WorkerStart;
const controller = new AbortController();
if (start.cancelled) controller.abort();
const printing = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();
let nextPrint = 0;
// Filled from `inventory-part` messages; keys the host did not send stay absent, as in its object.
const inventory: Partial<Record<keyof Inventory, unknown>> = {};
let inventoryArrived: () => void = () => undefined;
const inventoryReady = new Promise<void>((resolve) => (inventoryArrived = resolve));

const post = (message: FromWorker) => port.postMessage(message);
const onProgress = (event: ProgressEvent) => post({ type: 'progress', event });

function onMessage(message: ToWorker): void {
  switch (message.type) {
    case 'inventory-part': {
      const current = inventory[message.key];
      if (message.append && Array.isArray(current) && Array.isArray(message.value)) {
        for (const row of message.value as unknown[]) current.push(row);
      } else inventory[message.key] = message.value;
      break;
    }
    case 'inventory-end':
      inventoryArrived();
      break;
    case 'cancel':
      controller.abort();
      break;
    case 'printed': {
      const pending = printing.get(message.id);
      printing.delete(message.id);
      if (message.error) pending?.reject(rebuildError(message.error));
      else pending?.resolve(message.pdf ?? new Uint8Array());
      break;
    }
  }
}

function printOnHost(html: string, paper: PaperSize): Promise<Uint8Array> {
  const id = nextPrint++;
  return new Promise((resolve, reject) => {
    printing.set(id, { resolve, reject });
    post({ type: 'print', id, html, paper });
  });
}

// Each job loads only its own use case: the report's (charts, spreadsheets, the collectors'
// permission lists) takes seconds to load, which a scan's store should not wait for.
async function run(): Promise<unknown> {
  const native = start.nativeBinding !== undefined ? { nativeBinding: start.nativeBinding } : {};
  switch (start.kind) {
    case 'store-scan': {
      const job = start.job as Omit<StoreScanJob, 'inventory'>;
      const [{ storeScanIntoFile }] = await Promise.all([import('./import'), inventoryReady]);
      // As the host sent it: the store checks the tables itself and names a missing one.
      return storeScanIntoFile(job.file, inventory as Inventory, {
        label: job.label,
        method: job.method,
        startedAt: job.startedAt,
        actor: job.actor,
        now: job.now,
        onProgress,
        ...native,
        ...(job.clientName !== undefined ? { clientName: job.clientName } : {}),
      });
    }
    case 'demo': {
      const job = start.job as HeavyJobs['demo']['job'];
      const { createDemoEngagement } = await import('./demo');
      return createDemoEngagement(job.file, { ...job.options, onProgress, ...native });
    }
    case 'assess': {
      const job = start.job as HeavyJobs['assess']['job'];
      const { assessScan } = await import('./assess');
      return assessScan(job.file, job.scanId, { actor: job.actor, onProgress, ...native });
    }
    case 'report': {
      const job = start.job as HeavyJobs['report']['job'];
      const { writeReport } = await import('./export');
      return writeReport(job.file, {
        ...job.options,
        onProgress,
        signal: controller.signal,
        printPdf: printOnHost,
        ...native,
      });
    }
  }
}

port.on('message', onMessage);
run()
  .then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => post({ type: 'failed', error: serializeError(error) }),
  )
  .finally(() => {
    // Without a listener the port no longer holds the thread open: the worker ends on its own,
    // after the message above is delivered.
    port.off('message', onMessage);
  });
