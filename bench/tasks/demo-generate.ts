/** Benchmark task: generate the demo tenant's raw files for `size` identities and write them. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoRawFiles } from '../../engagement/demo';
import { reportTask } from '../measure';

const { size } = JSON.parse(process.argv[2] ?? '{}') as { size: number };
const dir = await mkdtemp(join(tmpdir(), 'aa-bench-demo-'));
const t0 = performance.now();
const written = await writeDemoRawFiles(dir, { size, seed: 7, now: new Date('2026-11-01T00:00:00Z') });
const seconds = (performance.now() - t0) / 1000;
await rm(dir, { recursive: true, force: true });
reportTask({ seconds, rows: size, extra: { files: written.files } });
