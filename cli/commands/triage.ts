import { Option, type Command } from 'commander';
import { triageFindings } from '../../engagement/triage';
import { triageStatusSchema, type TriageStatus } from '../../model/findings';

export function registerTriage(program: Command): void {
  program
    .command('triage')
    .description('set the triage of findings by key; it carries over to later scans (audited)')
    .argument('<file>', 'engagement file')
    .requiredOption(
      '--key <keys...>',
      'finding key(s), as shown by `findings --details` or `findings --json`',
    )
    .addOption(
      new Option('--status <status>', 'new triage status')
        .choices(triageStatusSchema.options)
        .makeOptionMandatory(),
    )
    .option('--note <text>', 'why', '')
    .option('--author <name>', 'who decided (default: the OS user)')
    .option('--json', 'print the triage rows as JSON on stdout')
    .action(
      (
        file: string,
        opts: { key: string[]; status: TriageStatus; note: string; author?: string; json?: boolean },
      ) => {
        const rows = triageFindings(file, {
          keys: opts.key,
          status: opts.status,
          note: opts.note,
          ...(opts.author ? { author: opts.author } : {}),
        });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        process.stdout.write(`Triaged ${rows.length} finding(s) as ${opts.status}.\n`);
      },
    );
}
