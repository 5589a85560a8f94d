/**
 * The AWS sources of a scan: a live AWS scan, and the demo organization (the demo tenant served by
 * the in-process AWS emulator on 127.0.0.1 and scanned through the very same collector code).
 */
import {
  collectAws,
  type AwsScanOptions,
  type AwsScanOutcome,
  type AwsScanProgress,
} from '../collectors/aws/live';
import { generateDemo } from '../collectors/demo';
import { emulatorSeedFromDemo, startAwsEmulator } from '../collectors/emulators/aws';
import type { ProgressListener } from './progress';
import type { ScanSourceRunner } from './scan';

export const DEFAULT_DEMO_SCAN_SIZE = 2000;
export const DEFAULT_DEMO_SCAN_SEED = 42;

export interface DemoScanOptions {
  /** Identities of the demo tenant (both providers; about 55% are AWS). */
  size?: number;
  seed?: number;
  /** Reference time of the demo's dates; defaults to the scan's time. */
  now?: Date;
  /** Latency the emulator adds to each response, so the app can show a scan in motion. */
  latencyMs?: number;
}

/** `scan aws authorization-details` / `111111111111 eu-west-1 541`, with accounts done of total. */
function progressOf(prefix: string, onProgress: ProgressListener) {
  return (e: AwsScanProgress) =>
    onProgress({
      phase: `${prefix} ${e.phase}`,
      detail: [e.account, e.region, e.count !== undefined ? `${e.count}` : undefined]
        .filter(Boolean)
        .join(' '),
      ...(e.accountsTotal > 0 ? { done: e.accountsDone, total: e.accountsTotal } : {}),
    });
}

function describe(outcome: AwsScanOutcome): Record<string, number> {
  return {
    accounts: outcome.accounts.length,
    failedAccounts: outcome.accounts.filter((a) => a.status === 'failed').length,
    calls: outcome.calls,
    requests: outcome.requests,
  };
}

export function awsScanRunner(options: AwsScanOptions): ScanSourceRunner {
  return {
    name: 'aws',
    method: 'live',
    describe: () =>
      options.org
        ? 'AWS Organization'
        : options.roleArn
          ? `AWS account of ${options.roleArn}`
          : 'AWS account',
    run: async ({ signal, onProgress, collectedAt }) => {
      const outcome = await collectAws(options, {
        signal,
        collectedAt,
        onProgress: progressOf('scan aws', onProgress),
      });
      return { inventory: outcome.inventory, cancelled: outcome.cancelled, stats: describe(outcome) };
    },
  };
}

export function demoScanRunner(demo: DemoScanOptions, now: Date): ScanSourceRunner {
  const size = demo.size ?? DEFAULT_DEMO_SCAN_SIZE;
  const seed = demo.seed ?? DEFAULT_DEMO_SCAN_SEED;
  return {
    name: 'demo',
    method: 'demo',
    describe: () => `demo organization Northwind Robotics (${size} identities, seed ${seed})`,
    run: async ({ signal, onProgress, collectedAt }) => {
      onProgress({ phase: 'generate', detail: `demo tenant, ${size} identities, seed ${seed}` });
      const tenant = generateDemo({ seed, size, now: (demo.now ?? now).toISOString() });
      const emulator = await startAwsEmulator(emulatorSeedFromDemo(tenant), {
        latencyMs: demo.latencyMs ?? 0,
      });
      try {
        onProgress({ phase: 'scan demo', detail: `emulated AWS on ${emulator.endpoint}` });
        const outcome = await collectAws(
          {
            endpoint: emulator.endpoint,
            credentials: emulator.credentials,
            region: 'us-east-1',
            regions: emulator.regions,
            org: true,
            sourceMethod: 'demo',
          },
          { signal, collectedAt, onProgress: progressOf('scan demo', onProgress) },
        );
        return { inventory: outcome.inventory, cancelled: outcome.cancelled, stats: describe(outcome) };
      } finally {
        await emulator.close();
      }
    },
  };
}
