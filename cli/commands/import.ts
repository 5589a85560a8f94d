import type { Command } from 'commander';
import { importIntoEngagement, type ImportResult } from '../../engagement/import';
import { collect, parseDateOption } from '../options';
import { stderrProgress } from '../progress';

export function printImportResult(result: ImportResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const c = result.counts;
  process.stdout.write(
    `${result.created ? 'Created' : 'Updated'} ${result.file}: scan ${result.scanId} (${result.status}) with ` +
      `${c.identities} identities, ${c.credentials} credentials, ${c.grants} grants, ${c.trusts} trusts, ` +
      `${c.activities} activity records, ${c.workloads} workloads\n`,
  );
  for (const row of result.coverage.filter((r) => r.status !== 'complete')) {
    process.stdout.write(`  ${row.status}: ${row.area}${row.message ? ` — ${row.message}` : ''}\n`);
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import offline exports of AWS and Entra ID into an engagement file (created if missing)')
    .requiredOption('--out <file>', 'engagement file, e.g. client.anchor')
    .option('--aws-dir <dir>', 'folder written by scripts/export/aws-export.sh (repeatable)', collect, [])
    .option(
      '--aws-auth-details <file>',
      'output of aws iam get-account-authorization-details (repeatable)',
      collect,
      [],
    )
    .option(
      '--aws-credential-report <file>',
      'IAM credential report, CSV or get-credential-report JSON (repeatable)',
      collect,
      [],
    )
    .option(
      '--entra-dir <dir>',
      'folder written by scripts/export/entra-export.ps1 (repeatable)',
      collect,
      [],
    )
    .option('--label <text>', 'label of the scan')
    .option('--now <date>', 'reference date for credential status (default: now)', parseDateOption)
    .option('--json', 'print the result as JSON on stdout')
    .action(
      async (opts: {
        out: string;
        awsDir: string[];
        awsAuthDetails: string[];
        awsCredentialReport: string[];
        entraDir: string[];
        label?: string;
        now?: Date;
        json?: boolean;
      }) => {
        const progress = stderrProgress();
        try {
          const result = await importIntoEngagement(
            opts.out,
            {
              awsDirs: opts.awsDir,
              awsAuthDetails: opts.awsAuthDetails,
              awsCredentialReports: opts.awsCredentialReport,
              entraDirs: opts.entraDir,
            },
            {
              onProgress: progress,
              ...(opts.label ? { label: opts.label } : {}),
              ...(opts.now ? { now: opts.now } : {}),
            },
          );
          progress.finish();
          printImportResult(result, Boolean(opts.json));
        } finally {
          progress.finish();
        }
      },
    );
}
