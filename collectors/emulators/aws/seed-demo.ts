/**
 * The emulator's world built from the demo tenant: every demo AWS account with exactly the data of
 * its import files, grouped in one organization, so a live scan of it can be compared with an
 * import of the same files.
 */
import type { AwsAccountFiles, DemoTenant } from '../../demo/types';
import type { AwsEmulatorSeed, EmulatedAccount, JsonObject } from './types';

/** The role a StackSet deploys in every account for the scan (see cloudformation/). */
export const DEMO_AUDIT_ROLE = 'AgentAnchorAudit';
/** The access key id of the demo's starting credentials (fake; the emulator checks no signature). */
export const DEMO_ACCESS_KEY_ID = 'AKIAEMULATORDEMO0001';

function regionOf(arn: unknown): string | undefined {
  return typeof arn === 'string' ? arn.split(':')[3] || undefined : undefined;
}

export function emulatedAccountFromFiles(id: string, name: string, files: AwsAccountFiles): EmulatedAccount {
  const auth = files['account-authorization-details.json'];
  return {
    id,
    name,
    authorizationDetails: {
      UserDetailList: auth.UserDetailList,
      GroupDetailList: auth.GroupDetailList,
      RoleDetailList: auth.RoleDetailList,
      Policies: auth.Policies,
    },
    credentialReportCsv: files['credential-report.csv'],
    serviceSpecificCredentials: files['service-specific-credentials.json'].ServiceSpecificCredentials,
    bedrockAgents: files['bedrock-agents.json'].agents,
    agentRuntimes: files['agentcore-runtimes.json'].agentRuntimes,
    lambdaFunctions: files['lambda-functions.json'].Functions,
  };
}

/** Regions holding any regional resource of the accounts, plus the home region. */
export function regionsOf(accounts: readonly EmulatedAccount[], home = 'us-east-1'): string[] {
  const regions = new Set<string>([home]);
  const add = (items: readonly JsonObject[], field: string) => {
    for (const item of items) {
      const region = regionOf(item[field]);
      if (region) regions.add(region);
    }
  };
  for (const a of accounts) {
    add(a.bedrockAgents, 'agentArn');
    add(a.agentRuntimes, 'agentRuntimeArn');
    add(a.lambdaFunctions, 'FunctionArn');
  }
  return [...regions].sort();
}

/**
 * The demo organization. The scan starts in the security account (the organization's management
 * account here: the demo's real management account holds no data) and assumes the audit role in
 * every account, its own included.
 */
export function emulatorSeedFromDemo(
  tenant: DemoTenant,
  opts: { auditRoleName?: string } = {},
): AwsEmulatorSeed {
  const accounts = tenant.info.accounts.map((info) => {
    const files = tenant.aws[info.id];
    if (!files) throw new Error(`demo tenant lists account ${info.id} without its files`);
    return emulatedAccountFromFiles(info.id, info.alias, files);
  });
  const first = tenant.info.accounts[0];
  if (!first) throw new Error('the demo tenant has no AWS account');
  const home = tenant.info.accounts.find((a) => a.alias.endsWith('-security')) ?? first;
  return {
    accounts,
    caller: {
      accessKeyId: DEMO_ACCESS_KEY_ID,
      account: home.id,
      arn: `arn:aws:sts::${home.id}:assumed-role/AgentAnchorScanner/consultant`,
    },
    organization: {
      managementAccountId: home.id,
      accounts: tenant.info.accounts.map((a) => ({
        Id: a.id,
        Name: a.alias,
        Email: `aws+${a.alias}@northwind-robotics.example`,
        Status: 'ACTIVE' as const,
      })),
    },
    assumableRoles: [opts.auditRoleName ?? DEMO_AUDIT_ROLE],
    regions: regionsOf(accounts),
  };
}
