/**
 * The demo engagement: the demo tenant's raw provider files, written to a folder and imported
 * through the same readers and transforms as a client's real export.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo, writeDemoFiles } from '../collectors/demo';
import { importIntoEngagement, type ImportResult } from './import';
import { noProgress, type ProgressListener } from './progress';

export const DEFAULT_DEMO_SIZE = 2000;
export const DEFAULT_DEMO_SEED = 42;

export interface DemoEngagementOptions {
  size?: number;
  seed?: number;
  /** Reference time of the demo's dates; defaults to now, so credential ages look current. */
  now?: Date;
  /** Keep the raw files in this folder (they are exactly what `import` takes). */
  rawDir?: string;
  nativeBinding?: string;
  actor?: string;
  onProgress?: ProgressListener;
}

export interface DemoEngagementResult extends ImportResult {
  rawDir?: string;
  awsDir: string;
  entraDir: string;
}

/** Generates the demo tenant's files into `dir` and returns where the provider folders are. */
export async function writeDemoRawFiles(
  dir: string,
  opts: { size: number; seed: number; now: Date },
): Promise<{ awsDir: string; entraDir: string; files: number }> {
  const tenant = generateDemo({ seed: opts.seed, size: opts.size, now: opts.now.toISOString() });
  return writeDemoFiles(dir, tenant);
}

export async function createDemoEngagement(
  file: string,
  opts: DemoEngagementOptions = {},
): Promise<DemoEngagementResult> {
  const onProgress = opts.onProgress ?? noProgress;
  const size = opts.size ?? DEFAULT_DEMO_SIZE;
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const now = opts.now ?? new Date();
  const dir = opts.rawDir ?? (await mkdtemp(join(tmpdir(), 'agent-anchor-demo-')));
  try {
    onProgress({ phase: 'generate', detail: `demo tenant, ${size} identities, seed ${seed}` });
    const written = await writeDemoRawFiles(dir, { size, seed, now });
    const result = await importIntoEngagement(
      file,
      { awsDirs: [written.awsDir], entraDirs: [written.entraDir] },
      {
        method: 'demo',
        label: `Demo tenant Northwind Robotics (${size} identities, seed ${seed})`,
        clientName: 'Northwind Robotics (demo)',
        now,
        onProgress,
        ...(opts.actor ? { actor: opts.actor } : {}),
        ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      },
    );
    return {
      ...result,
      awsDir: written.awsDir,
      entraDir: written.entraDir,
      ...(opts.rawDir ? { rawDir: dir } : {}),
    };
  } finally {
    if (!opts.rawDir) await rm(dir, { recursive: true, force: true });
  }
}
