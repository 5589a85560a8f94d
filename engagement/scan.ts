/**
 * The live scan use case: run every requested source in parallel (each produces an Inventory),
 * merge them, and store ONE scan in the engagement file. A source that is cancelled or partly fails
 * still hands back what it read, with coverage saying what was missed; the scan is then stored as
 * partial. Nothing is written until the end, so earlier scans are never touched.
 */
import { existsSync } from 'node:fs';
import type { AwsScanOptions } from '../collectors/aws/live';
import { openEngagement } from '../db';
import { UsageError } from '../model/errors';
import { mergeInventories, type Inventory, type Source } from '../model/inventory';
import { currentActor } from './actor';
import { runHeavyJob } from './heavy-job';
import { noProgress, type ProgressListener } from './progress';
import { awsScanRunner, demoScanRunner, type DemoScanOptions } from './scan-aws';
import { entraDemoRunner, entraScanRunner, type EntraScanOptions } from './scan-entra';

export type { DemoScanOptions } from './scan-aws';
export type { EntraScanOptions } from './scan-entra';

/** One source of a scan (AWS, the demo organization; Entra plugs in the same way). */
export interface ScanSourceRunner {
  /** Short name for messages and stats: `aws`, `demo`, `entra`. */
  name: string;
  method: 'live' | 'demo';
  /** What is being scanned, for the scan label. */
  describe(): string;
  run(ctx: { signal: AbortSignal; onProgress: ProgressListener; collectedAt: string }): Promise<{
    inventory: Inventory;
    /** The signal fired while it ran: the inventory holds what was read until then. */
    cancelled: boolean;
    stats?: Record<string, number>;
  }>;
}

export interface ScanSources {
  aws?: AwsScanOptions;
  /** An Entra ID tenant, read live through Microsoft Graph. */
  entra?: EntraScanOptions;
  /** The demo organization, served by the in-process AWS and Microsoft Graph emulators. */
  demo?: boolean | DemoScanOptions;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Reference time for credential status and the demo's dates. */
  now?: Date;
  label?: string;
  actor?: string;
  nativeBinding?: string;
  clientName?: string;
}

export interface ScanResult {
  file: string;
  scanId: number;
  status: 'complete' | 'partial';
  created: boolean;
  cancelled: boolean;
  counts: Record<'identities' | 'credentials' | 'grants' | 'trusts' | 'activities' | 'workloads', number>;
  coverage: Inventory['coverage'];
  /** Per source: accounts, API calls, ... */
  stats: Record<string, Record<string, number>>;
}

/** The scan was cancelled before any source had read anything: nothing was stored. */
export class ScanCancelledBeforeDataError extends Error {
  override readonly name = 'ScanCancelledBeforeDataError';
}

function runnersFor(sources: ScanSources, now: Date): ScanSourceRunner[] {
  const runners: ScanSourceRunner[] = [];
  if (sources.demo) {
    const demo = sources.demo === true ? {} : sources.demo;
    // Both emulators serve the same demo tenant (same seed, size and time).
    runners.push(demoScanRunner(demo, now), entraDemoRunner(demo, now));
  }
  if (sources.aws) runners.push(awsScanRunner(sources.aws));
  if (sources.entra) runners.push(entraScanRunner(sources.entra));
  if (runners.length === 0) throw new UsageError('nothing to scan: give --aws, --entra or --demo');
  return runners;
}

/** A source that failed as a whole still shows in the scan, with its reason. */
function failedSource(runner: ScanSourceRunner, error: unknown): Inventory {
  const provider = runner.name.startsWith('entra') ? 'entra' : 'aws';
  const source: Source = {
    id: `${provider}:${runner.name}:${runner.method}`,
    provider,
    method: runner.method,
    account: 'unknown',
    label: `${runner.describe()} (failed)`,
    inputs: [],
  };
  return {
    sources: [source],
    coverage: [
      {
        sourceId: source.id,
        area: `${provider}:${runner.name}:scan`,
        status: 'failed',
        itemCount: 0,
        message: error instanceof Error ? error.message : String(error),
      },
    ],
    identities: [],
    credentials: [],
    grants: [],
    trusts: [],
    activities: [],
    workloads: [],
  };
}

export async function runScan(
  file: string,
  sources: ScanSources,
  opts: ScanOptions = {},
): Promise<ScanResult> {
  const onProgress = opts.onProgress ?? noProgress;
  const now = opts.now ?? new Date();
  const runners = runnersFor(sources, now);
  const actor = opts.actor ?? currentActor();
  const dbOptions = {
    actor,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  };
  // Refuse a foreign, newer or locked file before spending minutes on the scan.
  const created = !existsSync(file);
  if (!created) openEngagement(file, dbOptions).close();

  const startedAt = new Date().toISOString();
  const signal = opts.signal ?? new AbortController().signal;
  const settled = await Promise.allSettled(
    runners.map((r) => r.run({ signal, onProgress, collectedAt: now.toISOString() })),
  );
  const parts: Inventory[] = [];
  const stats: Record<string, Record<string, number>> = {};
  let cancelled = false;
  const errors: unknown[] = [];
  settled.forEach((s, i) => {
    const runner = runners[i] as ScanSourceRunner;
    if (s.status === 'fulfilled') {
      parts.push(s.value.inventory);
      cancelled ||= s.value.cancelled;
      if (s.value.stats) stats[runner.name] = s.value.stats;
    } else {
      errors.push(s.reason);
      if (runners.length > 1) parts.push(failedSource(runner, s.reason));
    }
  });
  // With one source, its failure is the scan's failure: say why, store nothing.
  if (parts.length === 0) {
    if (signal.aborted)
      throw new ScanCancelledBeforeDataError(
        'the scan was cancelled before anything was read: nothing stored',
      );
    throw errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
  }
  if (signal.aborted) cancelled = true;
  const inventory = mergeInventories(parts);

  const clientName = opts.clientName || (sources.demo ? 'Northwind Robotics (demo)' : undefined);
  const method = runners.every((r) => r.method === 'demo') ? 'demo' : 'live';
  const label =
    opts.label ??
    `${method === 'demo' ? 'Scan of the' : 'Live scan of'} ${runners.map((r) => r.describe()).join(' and ')}${cancelled ? ' (cancelled)' : ''}`;
  onProgress({ phase: 'store scan', detail: `${inventory.identities.length} identities` });
  // Storing and assessing are synchronous and CPU-bound (tens of seconds at 100,000 identities):
  // a worker thread does them, so the app's thread keeps answering. Every stored scan gets its
  // findings, scores and KPIs right away.
  const { scanId, scan } = await runHeavyJob(
    'store-scan',
    {
      file,
      inventory,
      label,
      method,
      startedAt,
      actor,
      now,
      ...(clientName ? { clientName } : {}),
    },
    { onProgress, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) },
  );
  return {
    file,
    scanId,
    status: scan.status,
    created,
    cancelled,
    counts: scan.counts,
    coverage: scan.coverage,
    stats,
  };
}
