/**
 * Benchmark task: the PDF report of a demo engagement of `size` identities. With `prepare`, builds
 * the engagement (demo files, import, assessment; not part of the measurement) in .bench-tmp;
 * otherwise times `writeReport` end to end: read the stored scan and assessment, build the model,
 * render the HTML, print it with the installed Chromium, write the file and audit it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoEngagement } from '../../engagement/demo';
import { writeReport } from '../../engagement/export';
import { reportTask } from '../measure';

const params = JSON.parse(process.argv[2] ?? '{}') as {
  size: number;
  variant?: 'full' | 'executive';
  prepare?: number;
};
const dir = fileURLToPath(new URL('../../.bench-tmp/report/', import.meta.url));
const file = join(dir, `demo-${params.size}.anchor`);
const now = new Date('2026-11-01T00:00:00Z');

if (params.prepare) {
  await mkdir(dir, { recursive: true });
  await rm(file, { force: true });
  const t0 = performance.now();
  await createDemoEngagement(file, { size: params.size, seed: 7, now, actor: 'bench' });
  reportTask({ seconds: (performance.now() - t0) / 1000 });
} else {
  if (!existsSync(file)) throw new Error(`${file} is missing: run the task with prepare first`);
  const out = join(dir, `report-${params.size}-${params.variant ?? 'full'}.pdf`);
  const t0 = performance.now();
  const result = await writeReport(file, {
    format: 'pdf',
    variant: params.variant ?? 'full',
    out,
    generatedAt: now,
    actor: 'bench',
  });
  const seconds = (performance.now() - t0) / 1000;
  const pages = Number(
    /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))?.[1] ?? 0,
  );
  reportTask({
    seconds,
    rows: params.size,
    extra: { pages, bytes: result.files[0]?.bytes ?? 0, ...result.timings },
  });
}
