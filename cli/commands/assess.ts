import type { Command } from 'commander';
import { assessScan } from '../../engagement/assess';
import { parseDateOption, parseIntOption } from '../options';
import { stderrProgress } from '../progress';

export function registerAssess(program: Command): void {
  program
    .command('assess')
    .description(
      '(re-)assess a scan with the current rules, settings and suppressions (the latest by default)',
    )
    .argument('<file>', 'engagement file')
    .option('--scan <id>', 'scan id (see `scans`)', parseIntOption('--scan', 1))
    .option(
      '--now <date>',
      'assess as of this date (default: as the scan was assessed before, else its time)',
      parseDateOption,
    )
    .option('--json', 'print the assessment summary as JSON on stdout')
    .action(async (file: string, opts: { scan?: number; now?: Date; json?: boolean }) => {
      const progress = stderrProgress();
      try {
        const r = await assessScan(file, opts.scan, {
          onProgress: progress,
          ...(opts.now ? { now: opts.now } : {}),
        });
        progress.finish();
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(r.summary, null, 2)}\n`);
          return;
        }
        const s = r.summary;
        process.stdout.write(
          `Assessed scan ${s.scanId} for ${s.assessedAt}: ${s.findings} findings ` +
            `(${s.bySeverity.critical} critical, ${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low, ${s.bySeverity.info} info), ` +
            `${s.suppressed} suppressed, ${s.agents.yes} agents and ${s.agents.likely} likely agents, ${s.identitiesScored} identities scored\n`,
        );
        for (const e of s.ruleErrors)
          process.stdout.write(`  rule error ${e.ruleId} on ${e.identityId}: ${e.message}\n`);
      } finally {
        progress.finish();
      }
    });
}
