/**
 * Emulator seeds for tests: the hand-written fixture account (test/fixtures/aws/export), copies of
 * it under other account ids, and a bulk account with as many roles, users and functions as a test
 * needs to cross many pages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AwsEmulatorSeed, EmulatedAccount, JsonObject } from '../../../collectors/emulators/aws';

export const FIXTURE_ACCOUNT = '111122223333';
const FIXTURE_DIR = fileURLToPath(new URL(`../../fixtures/aws/export/${FIXTURE_ACCOUNT}/`, import.meta.url));

function fixtureText(file: string, account: string): string {
  return readFileSync(`${FIXTURE_DIR}${file}`, 'utf8').replaceAll(FIXTURE_ACCOUNT, account);
}

function fixtureJson<T>(file: string, account: string): T {
  return JSON.parse(fixtureText(file, account)) as T;
}

/** The fixture export served as account `id` (ARNs rewritten to that id). */
export function fixtureAccount(id = FIXTURE_ACCOUNT, name = 'fixture'): EmulatedAccount {
  return {
    id,
    name,
    authorizationDetails: fixtureJson('account-authorization-details.json', id),
    credentialReportCsv: fixtureText('credential-report.csv', id),
    serviceSpecificCredentials: fixtureJson<{ ServiceSpecificCredentials: JsonObject[] }>(
      'service-specific-credentials.json',
      id,
    ).ServiceSpecificCredentials,
    bedrockAgents: fixtureJson<{ agents: JsonObject[] }>('bedrock-agents.json', id).agents,
    agentRuntimes: fixtureJson<{ agentRuntimes: JsonObject[] }>('agentcore-runtimes.json', id).agentRuntimes,
    lambdaFunctions: fixtureJson<{ Functions: JsonObject[] }>('lambda-functions.json', id).Functions,
  };
}

/** The regions of the fixture's agents, runtimes and functions, plus the home region. */
export const FIXTURE_REGIONS = ['eu-central-1', 'eu-west-1', 'us-east-1'];

const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** An account with `roles` roles, `users` users (each with one key in the report) and Lambda functions. */
export function bulkAccount(
  id: string,
  counts: { roles: number; users: number; functions: number; credentials?: number },
): EmulatedAccount {
  const roles: JsonObject[] = [];
  for (let i = 0; i < counts.roles; i++) {
    roles.push({
      Path: '/app/',
      RoleName: `app-role-${i}`,
      RoleId: `AROABULK${String(i).padStart(12, '0')}`,
      Arn: `arn:aws:iam::${id}:role/app/app-role-${i}`,
      CreateDate: '2024-03-01T10:00:00Z',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      InstanceProfileList: [],
      RolePolicyList: [
        {
          PolicyName: 'data',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::bucket-${i}/*` },
            ],
          },
        },
      ],
      AttachedManagedPolicies: [],
      Tags: [{ Key: 'n', Value: String(i) }],
      RoleLastUsed: i % 2 === 0 ? { LastUsedDate: '2026-10-01T08:00:00Z', Region: 'us-east-1' } : {},
    });
  }
  const users: JsonObject[] = [];
  const rows = [
    REPORT_HEADER,
    `<root_account>,arn:aws:iam::${id}:root,2019-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  ];
  for (let i = 0; i < counts.users; i++) {
    const arn = `arn:aws:iam::${id}:user/svc-${i}`;
    users.push({
      Path: '/',
      UserName: `svc-${i}`,
      UserId: `AIDABULK${String(i).padStart(12, '0')}`,
      Arn: arn,
      CreateDate: '2023-05-01T10:00:00Z',
      UserPolicyList: [],
      GroupList: [],
      AttachedManagedPolicies: [],
    });
    rows.push(
      `svc-${i},${arn},2023-05-01T10:00:00+00:00,false,N/A,N/A,N/A,false,true,2023-05-01T10:05:00+00:00,2026-09-01T10:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    );
  }
  const functions: JsonObject[] = [];
  for (let i = 0; i < counts.functions; i++) {
    functions.push({
      FunctionName: `fn-${i}`,
      FunctionArn: `arn:aws:lambda:us-east-1:${id}:function:fn-${i}`,
      Runtime: 'python3.12',
      Role: `arn:aws:iam::${id}:role/app/app-role-${i % Math.max(1, counts.roles)}`,
      LastModified: '2026-01-02T03:04:05.000+0000',
      PackageType: 'Zip',
    });
  }
  const ssc: JsonObject[] = [];
  for (let i = 0; i < (counts.credentials ?? 0); i++) {
    ssc.push({
      UserName: `svc-${i % Math.max(1, counts.users)}`,
      Status: 'Active',
      ServiceName: 'bedrock.amazonaws.com',
      ServiceCredentialAlias: `svc-${i}+1-20260101`,
      CreateDate: '2026-01-01T00:00:00Z',
      ServiceSpecificCredentialId: `ACCABULK${String(i).padStart(12, '0')}`,
    });
  }
  return {
    id,
    name: `bulk-${id}`,
    authorizationDetails: { UserDetailList: users, GroupDetailList: [], RoleDetailList: roles, Policies: [] },
    credentialReportCsv: `${rows.join('\n')}\n`,
    serviceSpecificCredentials: ssc,
    bedrockAgents: [],
    agentRuntimes: [],
    lambdaFunctions: functions,
  };
}

export const CALLER_KEY = 'AKIATESTCALLER000001';

/** A seed whose caller is `caller` (default: the first account), with an organization of all accounts. */
export function seedOf(
  accounts: EmulatedAccount[],
  opts: { caller?: string; regions?: string[]; org?: boolean; extra?: Partial<AwsEmulatorSeed> } = {},
): AwsEmulatorSeed {
  const caller = opts.caller ?? accounts[0]?.id ?? FIXTURE_ACCOUNT;
  return {
    accounts,
    caller: { accessKeyId: CALLER_KEY, account: caller, arn: `arn:aws:iam::${caller}:user/auditor` },
    ...(opts.org === false
      ? {}
      : {
          organization: {
            managementAccountId: caller,
            accounts: accounts.map((a) => ({
              Id: a.id,
              Name: a.name,
              Email: `${a.name}@example.com`,
              Status: 'ACTIVE' as const,
            })),
          },
        }),
    assumableRoles: ['AgentAnchorAudit'],
    regions: opts.regions ?? FIXTURE_REGIONS,
    ...opts.extra,
  };
}
