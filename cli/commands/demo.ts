import type { Command } from 'commander';
import { createDemoEngagement, DEFAULT_DEMO_SEED, DEFAULT_DEMO_SIZE } from '../../engagement/demo';
import { parseDateOption, parseIntOption } from '../options';
import { stderrProgress } from '../progress';
import { printImportResult } from './import';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create (or add a scan to) an engagement file from the demo tenant "Northwind Robotics"')
    .requiredOption('--out <file>', 'engagement file to write, e.g. demo.anchor')
    .option(
      '--size <n>',
      'identities in the demo tenant',
      parseIntOption('--size', 50, 1_000_000),
      DEFAULT_DEMO_SIZE,
    )
    .option(
      '--seed <n>',
      'seed of the generator; the same seed gives the same tenant',
      parseIntOption('--seed', 0),
      DEFAULT_DEMO_SEED,
    )
    .option('--raw-dir <dir>', 'also keep the raw provider files (what `import` takes) in this folder')
    .option('--now <date>', 'reference date of the demo (default: now)', parseDateOption)
    .option('--json', 'print the result as JSON on stdout')
    .action(
      async (opts: {
        out: string;
        size: number;
        seed: number;
        rawDir?: string;
        now?: Date;
        json?: boolean;
      }) => {
        const progress = stderrProgress();
        try {
          const result = await createDemoEngagement(opts.out, {
            size: opts.size,
            seed: opts.seed,
            onProgress: progress,
            ...(opts.rawDir ? { rawDir: opts.rawDir } : {}),
            ...(opts.now ? { now: opts.now } : {}),
          });
          progress.finish();
          printImportResult(result, Boolean(opts.json));
          if (opts.rawDir && !opts.json) {
            process.stdout.write(`Raw files: ${result.awsDir} and ${result.entraDir}\n`);
          }
        } finally {
          progress.finish();
        }
      },
    );
}
