import type { Command } from 'commander';
import { verifyEngagement } from '../../engagement/inventory';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("check the engagement file's hash-chained audit log and name the first broken row")
    .argument('<file>', 'engagement file')
    .option('--json', 'print the result as JSON on stdout')
    .action((file: string, opts: { json?: boolean }) => {
      const result = verifyEngagement(file);
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (result.ok) {
        process.stdout.write(`Audit chain intact: ${result.rows} rows, head ${result.head}\n`);
      }
      if (!result.ok) {
        process.stderr.write(
          `agent-anchor: audit chain broken at row ${result.firstBrokenId}: ${result.reason}\n`,
        );
        process.exitCode = 1;
      }
    });
}
