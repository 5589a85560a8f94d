/**
 * One benchmark measurement runs in its own child process so that peak RSS belongs to that task
 * alone (`process.resourceUsage().maxRSS` is per process and never goes down).
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

export interface Measurement {
  name: string;
  params: Record<string, number | string>;
  seconds: number;
  rows?: number;
  rowsPerSecond?: number;
  peakRssMB: number;
  extra?: Record<string, number | string | boolean>;
}

/** What a task script prints as its last stdout line. */
export interface TaskOutput {
  seconds: number;
  rows?: number;
  extra?: Record<string, number | string | boolean>;
}

const tsxLoader = fileURLToPath(import.meta.resolve('tsx'));

export function runTask(
  name: string,
  script: string,
  params: Record<string, number | string>,
): Promise<Measurement> {
  const args = ['--import', tsxLoader, script, JSON.stringify(params)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${name} ${JSON.stringify(params)} exited with ${code}`));
      try {
        const parsed = JSON.parse(last) as TaskOutput & { maxRssKB: number };
        resolve({
          name,
          params,
          seconds: round(parsed.seconds),
          ...(parsed.rows !== undefined
            ? { rows: parsed.rows, rowsPerSecond: Math.round(parsed.rows / parsed.seconds) }
            : {}),
          peakRssMB: Math.round(parsed.maxRssKB / 1024),
          ...(parsed.extra ? { extra: parsed.extra } : {}),
        });
      } catch {
        reject(new Error(`${name}: unreadable task output: ${last.slice(0, 200)}`));
      }
    });
  });
}

/**
 * The task run `runs` times, each in its own process: the run with the median time, with every
 * run's seconds in `extra.secondsPerRun`. For the scans measured against a latency bound, whose
 * single runs on a 2-core machine spread by about ±5%: one run would say more about the machine's
 * moment than about the collector.
 */
export async function runMedian(
  name: string,
  script: string,
  params: Record<string, number | string>,
  runs: number,
): Promise<Measurement> {
  const all: Measurement[] = [];
  for (let i = 0; i < runs; i++) all.push(await runTask(name, script, params));
  const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error(`${name}: no run`);
  return {
    ...median,
    peakRssMB: Math.max(...all.map((m) => m.peakRssMB)),
    extra: { ...median.extra, runs, secondsPerRun: all.map((m) => m.seconds).join(' ') },
  };
}

/**
 * With `AA_BENCH_CPU_PROFILE=FILE`, a CPU profile of the measured stretch only (not the set-up or
 * the warm-up) is written to FILE (open it in Chrome DevTools); otherwise nothing is done.
 * Returns the function that stops profiling and writes the file.
 */
export async function profileMeasured(): Promise<() => Promise<void>> {
  const file = process.env.AA_BENCH_CPU_PROFILE;
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await writeFile(file, JSON.stringify(profile));
  };
}

/** Called by task scripts: prints the measurement line the parent reads. */
export function reportTask(output: TaskOutput): void {
  process.stdout.write(`${JSON.stringify({ ...output, maxRssKB: process.resourceUsage().maxRSS })}\n`);
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
