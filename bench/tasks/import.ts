/**
 * Benchmark task: import demo files of `size` identities into a new engagement file. The files are
 * generated first (not timed), then the import is timed end to end: read, parse, transform, store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoRawFiles } from '../../engagement/demo';
import { importIntoEngagement } from '../../engagement/import';
import { reportTask } from '../measure';

const { size } = JSON.parse(process.argv[2] ?? '{}') as { size: number };
const dir = await mkdtemp(join(tmpdir(), 'aa-bench-import-'));
const now = new Date('2026-11-01T00:00:00Z');
const written = await writeDemoRawFiles(dir, { size, seed: 7, now });
// Let the generator's garbage go before timing; peak RSS still includes generation.
globalThis.gc?.();
const t0 = performance.now();
const result = await importIntoEngagement(
  join(dir, 'bench.anchor'),
  { awsDirs: [written.awsDir], entraDirs: [written.entraDir] },
  { now, actor: 'bench', assess: false },
);
const seconds = (performance.now() - t0) / 1000;
await rm(dir, { recursive: true, force: true });
const c = result.counts;
reportTask({
  seconds,
  rows: c.identities,
  extra: {
    credentials: c.credentials,
    grants: c.grants,
    trusts: c.trusts,
    allRowsPerSecond: Math.round(
      (c.identities + c.credentials + c.grants + c.trusts + c.activities) / seconds,
    ),
  },
});
