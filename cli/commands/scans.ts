import type { Command } from 'commander';
import { listScans } from '../../engagement/inventory';
import { formatTable } from '../table';

export function registerScans(program: Command): void {
  program
    .command('scans')
    .description('list the scans stored in an engagement file')
    .argument('<file>', 'engagement file')
    .option('--json', 'print as JSON on stdout')
    .action((file: string, opts: { json?: boolean }) => {
      const scans = listScans(file);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(scans, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${formatTable(
          ['ID', 'STATUS', 'METHOD', 'FINISHED', 'IDENTITIES', 'LABEL'],
          scans.map((s) => [s.id, s.status, s.method, s.finishedAt, s.counts.identities, s.label]),
          80,
        )}\n`,
      );
    });
}
