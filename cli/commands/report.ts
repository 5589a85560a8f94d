import { Option, type Command } from 'commander';
import { CSV_TABLES, writeReport, type CsvTableName, type ExportFormatName } from '../../engagement/export';
import type { PaperSize, ReportVariant } from '../../report/types';
import { parseDateOption, parseIntOption } from '../options';
import { stderrProgress } from '../progress';

interface ReportOptions {
  format: ExportFormatName;
  out: string;
  variant?: ReportVariant;
  scan?: number;
  paper: PaperSize;
  consultancy?: string;
  logo?: string;
  client?: string;
  table?: CsvTableName;
  date?: Date;
  json?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'write the assessment report (pdf, html) or a data export (csv, json, xlsx) of a scan, the latest by default; every export is recorded in the audit log',
    )
    .argument('<file>', 'engagement file')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['pdf', 'html', 'csv', 'json', 'xlsx'])
        .makeOptionMandatory(),
    )
    .requiredOption(
      '--out <path>',
      'output file; for csv a folder (identities.csv, credentials.csv, findings.csv), or NAME.csv for NAME-identities.csv, ...',
    )
    .addOption(
      new Option(
        '--variant <variant>',
        'pdf and html: full report or executive summary (at most 10 pages)',
      ).choices(['full', 'executive']),
    )
    .option('--scan <id>', 'scan id (see `scans`)', parseIntOption('--scan', 1))
    .addOption(new Option('--paper <size>', 'pdf and html page size').choices(['a4', 'letter']).default('a4'))
    .option('--consultancy <name>', 'consultancy named on the cover and in the running header')
    .option('--logo <file>', 'PNG, JPEG or SVG logo for the cover')
    .option('--client <name>', 'client name on the cover (default: the engagement’s client name)')
    .addOption(new Option('--table <table>', 'csv: write only this table to --out').choices([...CSV_TABLES]))
    .option('--date <date>', 'report date printed on the cover (default: now)', parseDateOption)
    .option('--json', 'print the result as JSON on stdout')
    .action(async (file: string, opts: ReportOptions) => {
      const progress = stderrProgress(!opts.json);
      try {
        const result = await writeReport(file, {
          format: opts.format,
          out: opts.out,
          paper: opts.paper,
          onProgress: progress,
          ...(opts.variant ? { variant: opts.variant } : {}),
          ...(opts.scan !== undefined ? { scanId: opts.scan } : {}),
          ...(opts.consultancy !== undefined ? { consultancy: opts.consultancy } : {}),
          ...(opts.logo !== undefined ? { logoFile: opts.logo } : {}),
          ...(opts.client !== undefined ? { clientName: opts.client } : {}),
          ...(opts.table ? { table: opts.table } : {}),
          ...(opts.date ? { generatedAt: opts.date } : {}),
        });
        progress.finish();
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        for (const f of result.files)
          process.stdout.write(
            `Wrote ${f.path} (${f.bytes.toLocaleString('en-US')} bytes, sha256 ${f.sha256})\n`,
          );
        process.stdout.write(
          `Scan ${result.scanId}${result.variant ? `, ${result.variant} report` : ''}; recorded in the audit log (entry ${result.auditId}).\n`,
        );
      } finally {
        progress.finish();
      }
    });
}
