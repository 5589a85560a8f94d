import type { Command } from 'commander';
import { DEFAULT_ORG_ROLE } from '../../collectors/aws/live';
import type { AwsScanOptions } from '../../collectors/aws/live';
import { UsageError } from '../../model/errors';
import { DEFAULT_DEMO_SCAN_SEED, DEFAULT_DEMO_SCAN_SIZE } from '../../engagement/scan-aws';
import { runScan, type ScanResult } from '../../engagement/scan';
import { entraOptions, ENTRA_OPTION_HELP, type EntraCliOptions } from './scan-entra-options';
import { parseDateOption, parseIntOption } from '../options';
import { stderrProgress } from '../progress';
import { printImportResult } from './import';

interface ScanCliOptions extends EntraCliOptions {
  out: string;
  aws?: boolean;
  awsProfile?: string;
  awsRoleArn?: string;
  awsExternalId?: string;
  awsOrg?: boolean;
  awsOrgRole?: string;
  awsRegion?: string;
  awsRegions?: string;
  awsEndpoint?: string;
  awsLastAccessed?: boolean;
  concurrency?: number;
  demo?: boolean;
  size: number;
  seed: number;
  label?: string;
  now?: Date;
  json?: boolean;
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** Options that only make sense together are checked here, with a reason naming the option. */
function awsOptions(o: ScanCliOptions): AwsScanOptions | undefined {
  const awsFlags: [string, unknown][] = [
    ['--aws-profile', o.awsProfile],
    ['--aws-role-arn', o.awsRoleArn],
    ['--aws-external-id', o.awsExternalId],
    ['--aws-org', o.awsOrg],
    ['--aws-org-role', o.awsOrgRole],
    ['--aws-region', o.awsRegion],
    ['--aws-regions', o.awsRegions],
    ['--aws-endpoint', o.awsEndpoint],
    ['--aws-last-accessed', o.awsLastAccessed],
  ];
  if (!o.aws) {
    const given = awsFlags.find(([, v]) => v !== undefined);
    if (given) throw new UsageError(`${given[0]} needs --aws`);
    return undefined;
  }
  if (o.awsOrgRole && !o.awsOrg) throw new UsageError('--aws-org-role needs --aws-org');
  if (o.awsExternalId && !o.awsRoleArn && !o.awsOrg)
    throw new UsageError('--aws-external-id needs --aws-role-arn or --aws-org');
  if (o.awsRoleArn && !/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/.+$/.test(o.awsRoleArn)) {
    throw new UsageError(
      '--aws-role-arn must be a role ARN such as arn:aws:iam::111111111111:role/AgentAnchorAudit',
    );
  }
  if (o.awsOrgRole && !/^[\w+=,.@-]{1,64}$/.test(o.awsOrgRole))
    throw new UsageError('--aws-org-role must be a role name');
  if (o.awsRegion && !REGION.test(o.awsRegion))
    throw new UsageError(`--aws-region: "${o.awsRegion}" is not a region name`);
  const regions = o.awsRegions
    ?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const badRegion = regions?.find((r) => !REGION.test(r));
  if (badRegion) throw new UsageError(`--aws-regions: "${badRegion}" is not a region name`);
  if (o.awsEndpoint) {
    let url: URL | undefined;
    try {
      url = new URL(o.awsEndpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new UsageError('--aws-endpoint must be an http(s) URL');
    }
  }
  return {
    ...(o.awsProfile ? { profile: o.awsProfile } : {}),
    ...(o.awsRoleArn ? { roleArn: o.awsRoleArn } : {}),
    ...(o.awsExternalId ? { externalId: o.awsExternalId } : {}),
    ...(o.awsOrg ? { org: true, orgRole: o.awsOrgRole ?? DEFAULT_ORG_ROLE } : {}),
    ...(o.awsRegion ? { region: o.awsRegion } : {}),
    ...(regions && regions.length > 0 ? { regions } : {}),
    ...(o.awsEndpoint ? { endpoint: o.awsEndpoint } : {}),
    ...(o.awsLastAccessed ? { lastAccessed: true } : {}),
    ...(o.concurrency ? { concurrency: o.concurrency } : {}),
  };
}

function printScanResult(result: ScanResult, json: boolean): void {
  printImportResult(result, json);
  if (json) return;
  for (const [name, s] of Object.entries(result.stats)) {
    if (s.tenants !== undefined) {
      process.stdout.write(
        `  ${name}: ${s.tenants} tenant, ${s.calls ?? 0} Graph requests (${s.batches ?? 0} $batch)\n`,
      );
      continue;
    }
    const failed = s.failedAccounts ? `, ${s.failedAccounts} could not be scanned` : '';
    process.stdout.write(`  ${name}: ${s.accounts ?? 0} account(s)${failed}, ${s.calls ?? 0} API calls\n`);
  }
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'scan AWS and Entra ID live (read-only) into an engagement file (created if missing); --demo scans the emulated demo organization',
    )
    .requiredOption('--out <file>', 'engagement file, e.g. client.anchor')
    .option('--aws', 'scan AWS with the SDK credentials (default chain, profile or role)')
    .option('--aws-profile <name>', 'named profile of the AWS config (SSO profiles included)')
    .option('--aws-role-arn <arn>', 'role to assume first')
    .option('--aws-external-id <id>', 'external id for --aws-role-arn and the --aws-org role')
    .option(
      '--aws-org',
      'scan every active account of the AWS Organization (management or delegated-admin credentials)',
    )
    .option(
      '--aws-org-role <name>',
      `role assumed in each account of the organization (default ${DEFAULT_ORG_ROLE})`,
    )
    .option(
      '--aws-region <region>',
      'home region (STS; also selects the partition aws, aws-cn or aws-us-gov)',
    )
    .option(
      '--aws-regions <list>',
      'comma-separated regions for Bedrock, AgentCore and Lambda (default: where they exist)',
    )
    .option('--aws-endpoint <url>', 'endpoint override for every AWS service (VPC endpoint, test server)')
    .option(
      '--aws-last-accessed',
      'also read service last-accessed data (granted versus used services; slower)',
    )
    .option('--entra', 'scan an Entra ID tenant through Microsoft Graph (read-only)')
    .option('--tenant <tenant>', ENTRA_OPTION_HELP.tenant)
    .option('--entra-auth <method>', ENTRA_OPTION_HELP.auth)
    .option('--client-id <id>', ENTRA_OPTION_HELP.clientId)
    .option('--certificate <file>', ENTRA_OPTION_HELP.certificate)
    .option('--cloud <cloud>', ENTRA_OPTION_HELP.cloud)
    .option('--graph-url <url>', ENTRA_OPTION_HELP.graphUrl)
    .option('--authority-host <url>', ENTRA_OPTION_HELP.authorityHost)
    .option('--save-raw <dir>', ENTRA_OPTION_HELP.saveRaw)
    .option(
      '--concurrency <n>',
      'API calls in flight at once (default 8)',
      parseIntOption('--concurrency', 1, 64),
    )
    .option('--demo', 'scan the demo organization, emulated in-process on 127.0.0.1')
    .option(
      '--size <n>',
      'identities in the demo tenant',
      parseIntOption('--size', 50, 1_000_000),
      DEFAULT_DEMO_SCAN_SIZE,
    )
    .option('--seed <n>', 'seed of the demo generator', parseIntOption('--seed', 0), DEFAULT_DEMO_SCAN_SEED)
    .option('--label <text>', 'label of the scan')
    .option('--now <date>', 'reference date for credential status (default: now)', parseDateOption)
    .option('--json', 'print the result as JSON on stdout')
    .action(async (opts: ScanCliOptions) => {
      const aws = awsOptions(opts);
      const entra = entraOptions(opts);
      if (!aws && !entra && !opts.demo)
        throw new UsageError('nothing to scan: give --aws, --entra or --demo');
      const progress = stderrProgress();
      const controller = new AbortController();
      // Ctrl-C stops the scan and stores what was read as a partial scan; a second one kills.
      const onSigint = () => {
        process.stderr.write(
          '\nagent-anchor: cancelling, storing what was read so far (Ctrl-C again to abort)\n',
        );
        controller.abort();
        process.removeListener('SIGINT', onSigint);
      };
      process.on('SIGINT', onSigint);
      try {
        const result = await runScan(
          opts.out,
          {
            ...(aws ? { aws } : {}),
            ...(entra ? { entra } : {}),
            ...(opts.demo ? { demo: { size: opts.size, seed: opts.seed } } : {}),
          },
          {
            signal: controller.signal,
            onProgress: progress,
            ...(opts.label ? { label: opts.label } : {}),
            ...(opts.now ? { now: opts.now } : {}),
          },
        );
        progress.finish();
        printScanResult(result, Boolean(opts.json));
        if (result.cancelled)
          throw new Error(`scan cancelled: what was read is stored as partial scan ${result.scanId}`);
      } finally {
        process.removeListener('SIGINT', onSigint);
        progress.finish();
      }
    });
}
