/**
 * What the heavy-job runner (heavy-job.ts, on the host's thread) and its worker thread
 * (heavy-job-worker.ts) say to each other: the jobs with their results, the messages both ways,
 * and errors turned into plain data and back, so a user error keeps its class and its message.
 */
import { EngagementFileError, InputError, UsageError } from '../model/errors';
import type { Inventory, Scan } from '../model/inventory';
import type { PaperSize } from '../report/types';
import type { AssessScanResult } from './assess';
import type { DemoEngagementOptions, DemoEngagementResult } from './demo';
import type { WriteReportOptions, WriteReportResult } from './export';
import type { ProgressEvent } from './progress';

/** Store a collected inventory as one scan (creating the file if needed) and assess it. */
export interface StoreScanJob {
  file: string;
  inventory: Inventory;
  label: string;
  method: 'import' | 'demo' | 'live';
  startedAt: string;
  actor: string;
  /** Reference time of the assessment. */
  now: Date;
  clientName?: string;
}

export interface StoreScanJobResult {
  scanId: number;
  scan: Scan;
}

/** Generate the demo tenant's files and import them into a new engagement file. */
export interface DemoJob {
  file: string;
  options: Omit<DemoEngagementOptions, 'onProgress' | 'nativeBinding'>;
}

/** (Re-)assess a stored scan and store the result. */
export interface AssessJob {
  file: string;
  scanId: number;
  actor: string;
}

/** Write a report or data export; PDF printing is handed back to the host (it owns the browser). */
export interface ReportJob {
  file: string;
  options: Omit<WriteReportOptions, 'onProgress' | 'signal' | 'printPdf' | 'nativeBinding'>;
}

export interface HeavyJobs {
  'store-scan': { job: StoreScanJob; result: StoreScanJobResult };
  demo: { job: DemoJob; result: DemoEngagementResult };
  assess: { job: AssessJob; result: AssessScanResult };
  report: { job: ReportJob; result: WriteReportResult };
}

export type HeavyJobKind = keyof HeavyJobs;

/** The worker's `workerData`. A store-scan job's inventory follows as messages, in slices. */
export interface WorkerStart {
  kind: HeavyJobKind;
  job: unknown;
  nativeBinding?: string;
  /** The job's `inventory` arrives as `inventory-part` messages ending with `inventory-end`. */
  streamsInventory: boolean;
  /**
   * The signal had fired before the job started. A `cancel` message would only be read at the
   * job's first wait, after checkpoints an in-thread run would already have stopped at.
   */
  cancelled: boolean;
}

export type ToWorker =
  | { type: 'inventory-part'; key: keyof Inventory; value: unknown; append: boolean }
  | { type: 'inventory-end' }
  | { type: 'cancel' }
  | { type: 'printed'; id: number; pdf?: Uint8Array; error?: SerializedError };

export type FromWorker =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'print'; id: number; html: string; paper: PaperSize }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** InputError and EngagementFileError: the file named. */
  file?: string;
  /** InputError: the place in the file and what is wrong there. */
  where?: string;
  problem?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const out: SerializedError = { name: error.name, message: error.message };
  if (error.stack !== undefined) out.stack = error.stack;
  if (error instanceof InputError) {
    out.file = error.file;
    out.where = error.where;
    out.problem = error.problem;
  } else if (error instanceof EngagementFileError) {
    out.file = error.file;
  }
  return out;
}

/**
 * The error as the host's callers expect it: the CLI picks its exit code by class and the API
 * keeps the message of user errors by name, so both are restored.
 */
export function rebuildError(data: SerializedError): Error {
  let error: Error;
  if (data.name === 'UsageError') error = new UsageError(data.message);
  else if (
    data.name === 'InputError' &&
    data.file !== undefined &&
    data.where !== undefined &&
    data.problem !== undefined
  )
    error = new InputError(data.file, data.where, data.problem);
  else if (data.name === 'EngagementFileError' && data.file !== undefined) {
    const prefix = `${data.file}: `;
    error = new EngagementFileError(
      data.file,
      data.message.startsWith(prefix) ? data.message.slice(prefix.length) : data.message,
    );
  } else {
    error = new Error(data.message);
    if (data.name !== 'Error') error.name = data.name;
  }
  // The worker's stack says where it failed; the host's would only show the message relay.
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}
