/**
 * Heavy jobs: the CPU-bound, synchronous parts of long work (storing a scan, assessing it,
 * generating the demo, building a report) run in a worker thread, so the thread that answers the
 * app (`serve`'s HTTP server, Electron's IPC) keeps answering progress polls, other calls and
 * cancel while they run. better-sqlite3 blocks its thread for the whole of a transaction: at
 * 100,000 identities that is tens of seconds.
 *
 * One worker per job, with its own connection to the engagement file (WAL: the host's connection
 * keeps reading meanwhile, and every write takes the write lock with BEGIN IMMEDIATE, so the audit
 * chain stays one chain). Progress events are relayed as they come, errors keep their class and
 * message, an AbortSignal is forwarded (the job decides where it can stop, as it did in-thread),
 * and a PDF is printed by the host, which owns the browser.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Inventory } from '../model/inventory';
import type { PdfPrinter } from './export';
import {
  rebuildError,
  serializeError,
  type FromWorker,
  type HeavyJobKind,
  type HeavyJobs,
  type StoreScanJob,
  type ToWorker,
  type WorkerStart,
} from './heavy-job-protocol';
import { noProgress, type ProgressListener } from './progress';

export type { HeavyJobKind, HeavyJobs } from './heavy-job-protocol';

export interface RunHeavyJobOptions {
  onProgress?: ProgressListener;
  /** Forwarded to the job, which stops at its next checkpoint (an export between its steps). */
  signal?: AbortSignal;
  /** The better-sqlite3 binary the worker loads (Electron's build in development). */
  nativeBinding?: string;
  /** Prints a report job's PDF on the host's thread. */
  printPdf?: PdfPrinter;
}

/**
 * Rows per message when an inventory is handed to the worker. Cloning a message blocks the
 * sending thread: ~20 ms for 2,000 rows, against a second or more for a 100,000-identity inventory
 * in one message.
 */
const ROWS_PER_MESSAGE = 2000;

/** Jobs holding the engagement's write lock for seconds (a scan's rows, an assessment's findings). */
const LONG_WRITERS: ReadonlySet<HeavyJobKind> = new Set(['store-scan', 'demo', 'assess']);

let configuredEntry: string | undefined;
const writing = new Map<string, Set<Promise<unknown>>>();

/**
 * Where the worker's code is, for a bundled host (Electron: electron.vite.config.ts builds it next
 * to the main entry). Without it the worker is found next to this module.
 */
export function useHeavyJobWorker(entry: string): void {
  configuredEntry = entry;
}

function workerEntry(): string {
  if (configuredEntry !== undefined) return configuredEntry;
  const here = fileURLToPath(import.meta.url);
  const dir = nodePath.dirname(here);
  // Run from source (tsx, vitest), a worker thread does not inherit the TypeScript loader: the
  // .mjs bootstrap registers tsx, then loads the worker's TypeScript.
  return here.endsWith('.ts')
    ? nodePath.join(dir, 'heavy-job-worker.mjs')
    : nodePath.join(dir, 'heavy-job-worker.js');
}

/**
 * Resolves when no job is storing into `file`. A write on the host's connection meanwhile would
 * wait for the worker's lock inside SQLite's busy handler, which sleeps on the host's thread.
 */
export async function engagementWritesSettled(file: string): Promise<void> {
  for (;;) {
    const pending = writing.get(nodePath.resolve(file));
    if (!pending || pending.size === 0) return;
    await Promise.allSettled([...pending]);
  }
}

/** Run one job in a worker thread; resolves with its result, rejects with its error. */
export function runHeavyJob<K extends HeavyJobKind>(
  kind: K,
  job: HeavyJobs[K]['job'],
  options: RunHeavyJobOptions = {},
): Promise<HeavyJobs[K]['result']> {
  const running = start(kind, job, options) as Promise<HeavyJobs[K]['result']>;
  if (LONG_WRITERS.has(kind)) {
    const file = nodePath.resolve(job.file);
    const set = writing.get(file) ?? new Set<Promise<unknown>>();
    writing.set(file, set);
    set.add(running);
    const forget = () => {
      set.delete(running);
      if (set.size === 0 && writing.get(file) === set) writing.delete(file);
    };
    running.then(forget, forget);
  }
  return running;
}

function start(kind: HeavyJobKind, job: HeavyJobs[HeavyJobKind]['job'], options: RunHeavyJobOptions) {
  const onProgress = options.onProgress ?? noProgress;
  let inventory: Inventory | undefined;
  let data: unknown = job;
  if (kind === 'store-scan') {
    const { inventory: rows, ...rest } = job as StoreScanJob;
    inventory = rows;
    data = rest;
  }
  const workerData: WorkerStart = {
    kind,
    job: data,
    streamsInventory: inventory !== undefined,
    cancelled: options.signal?.aborted ?? false,
    ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
  };
  return new Promise<unknown>((resolve, reject) => {
    // No inherited execArgv: the parent's flags (a test runner's, tsx's --import) are not the
    // worker's business, and the bootstrap registers what a source run needs.
    const worker = new Worker(workerEntry(), { workerData, execArgv: [] });
    let settled = false;
    const send = (message: ToWorker) => worker.postMessage(message);
    const onAbort = () => send({ type: 'cancel' });
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'progress':
          onProgress(message.event);
          break;
        case 'print':
          void print(options.printPdf, message.html, message.paper).then(
            (pdf) => send({ type: 'printed', id: message.id, pdf }),
            (error: unknown) => send({ type: 'printed', id: message.id, error: serializeError(error) }),
          );
          break;
        case 'done':
          finish(() => resolve(message.result));
          break;
        case 'failed':
          finish(() => reject(rebuildError(message.error)));
          break;
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`the background ${kind} job stopped unexpectedly (exit code ${code})`))),
    );
    if (inventory) {
      streamInventory(inventory, send).catch((error: unknown) => {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
        void worker.terminate();
      });
    }
  });
}

async function print(
  printPdf: PdfPrinter | undefined,
  html: string,
  paper: Parameters<PdfPrinter>[1],
): Promise<Uint8Array> {
  if (!printPdf) throw new Error('this host cannot print PDF');
  return printPdf(html, paper);
}

/** The inventory in slices, with a turn of the event loop between them. */
async function streamInventory(inventory: Inventory, send: (message: ToWorker) => void): Promise<void> {
  for (const key of Object.keys(inventory) as (keyof Inventory)[]) {
    const value: unknown = inventory[key];
    if (!Array.isArray(value)) {
      send({ type: 'inventory-part', key, value, append: false });
      continue;
    }
    send({ type: 'inventory-part', key, value: value.slice(0, ROWS_PER_MESSAGE), append: false });
    for (let i = ROWS_PER_MESSAGE; i < value.length; i += ROWS_PER_MESSAGE) {
      await nextTurn();
      send({ type: 'inventory-part', key, value: value.slice(i, i + ROWS_PER_MESSAGE), append: true });
    }
  }
  send({ type: 'inventory-end' });
}
