/**
 * One benchmark measurement runs in its own child process so that peak RSS belongs to that task
 * alone (`process.resourceUsage().maxRSS` is per process and never goes down).
 */
import { spawn } from 'node:child_process';
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

/** Called by task scripts: prints the measurement line the parent reads. */
export function reportTask(output: TaskOutput): void {
  process.stdout.write(`${JSON.stringify({ ...output, maxRssKB: process.resourceUsage().maxRSS })}\n`);
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
