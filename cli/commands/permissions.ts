import { Argument, type Command } from 'commander';
import {
  awsOrgCallerPolicy,
  awsScanPolicy,
  DEFAULT_ORG_ROLE,
  renderAuditRoleTemplate,
} from '../../collectors/aws/live';
import { describeGraphPermissions } from '../../collectors/entra/live';
import { UsageError } from '../../model/errors';

interface PermissionsOptions {
  orgCaller?: boolean;
  orgRole?: string;
  lastAccessed: boolean;
  cloudformation?: boolean;
}

export function registerPermissions(program: Command): void {
  program
    .command('permissions')
    .description(
      'print what a scan needs: the minimal IAM policy (aws, from the allowlist the read-only guard enforces) or the Microsoft Graph permissions (entra)',
    )
    .addArgument(new Argument('<provider>', 'provider').choices(['aws', 'entra']))
    .option(
      '--org-caller',
      'the policy of the identity that starts an --aws-org scan (ListAccounts, AssumeRole)',
    )
    .option('--org-role <name>', `audit role name for --org-caller (default ${DEFAULT_ORG_ROLE})`)
    .option('--no-last-accessed', 'leave out the service last-accessed actions (--aws-last-accessed)')
    .option(
      '--cloudformation',
      'print the CloudFormation template of the audit role instead (for a StackSet)',
    )
    .action((provider: string, opts: PermissionsOptions) => {
      if (provider === 'entra') {
        if (opts.orgCaller || opts.orgRole || opts.cloudformation || !opts.lastAccessed)
          throw new UsageError(
            '--org-caller, --org-role, --cloudformation and --no-last-accessed are AWS options',
          );
        // Graph permissions, from the same list the collector's 403 messages name.
        process.stdout.write(describeGraphPermissions());
        return;
      }
      if (opts.orgRole && !opts.orgCaller) throw new UsageError('--org-role needs --org-caller');
      if (opts.cloudformation) {
        if (opts.orgCaller) throw new UsageError('--cloudformation and --org-caller cannot be combined');
        process.stdout.write(renderAuditRoleTemplate());
        return;
      }
      const policy = opts.orgCaller
        ? awsOrgCallerPolicy(opts.orgRole ?? DEFAULT_ORG_ROLE)
        : awsScanPolicy({ lastAccessed: opts.lastAccessed });
      process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
    });
}
