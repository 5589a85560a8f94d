/**
 * Offline import I/O: reads the files of docs/import-formats.md (one folder per account, or single
 * files) into validated raw data for `transformAwsAccount`. All reading happens here; the
 * transform stays pure.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../../model/errors';
import { checkShape, parseJsonText, readCheckedJsonFile } from '../import/json-file';
import { fileSystemProblem, readTextFile } from '../import/text-file';
import { ACCOUNT_ID_PATTERN, accountOfArn } from './arn';
import { parseCredentialReportContent, parseCredentialReportCsv } from './credential-report';
import {
  agentRuntimesFileSchema,
  authDetailsPageSchema,
  bedrockAgentsFileSchema,
  credentialReportJsonSchema,
  lambdaFunctionsFileSchema,
  serviceSpecificCredentialsFileSchema,
  type AuthDetailsPage,
  type AwsAccountRaw,
  type AwsOptionalArea,
  type CredentialReportRow,
} from './raw-schemas';

/** One account's raw data, its account id and the files it came from. */
export interface AwsAccountImport {
  accountId: string;
  raw: AwsAccountRaw;
  files: string[];
}

const AUTH_FILE = /^account-authorization-details(?:\.(\d+))?\.json$/;
const OPTIONAL_FILES: Record<Exclude<AwsOptionalArea, 'credential-report'>, string> = {
  'service-specific-credentials': 'service-specific-credentials.json',
  'bedrock-agents': 'bedrock-agents.json',
  'agentcore-runtimes': 'agentcore-runtimes.json',
  'lambda-functions': 'lambda-functions.json',
};
/** What each optional file holds (docs/import-formats.md), for the message about an empty one. */
const OPTIONAL_CONTENT: Record<keyof typeof OPTIONAL_FILES, string> = {
  'service-specific-credentials': 'the output of aws iam list-service-specific-credentials',
  'bedrock-agents': 'the Bedrock agents, as {"agents": [...]}',
  'agentcore-runtimes': 'the AgentCore runtimes, as {"agentRuntimes": [...]}',
  'lambda-functions': 'the output of aws lambda list-functions',
};
const KNOWN_FILES = new Set([
  'credential-report.csv',
  'credential-report.json',
  ...Object.values(OPTIONAL_FILES),
]);

async function listDir(dir: string): Promise<{ files: Set<string>; dirs: string[] }> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return {
      files: new Set(entries.filter((e) => e.isFile()).map((e) => e.name)),
      dirs: entries
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    };
  } catch (e) {
    throw new InputError(dir, '', fileSystemProblem(e, 'folder'));
  }
}

/** The authorization details file names of a folder, in page order; validates the page set. */
function authFilesOf(dir: string, files: Set<string>): string[] {
  let single: string | undefined;
  const pages: { n: number; name: string }[] = [];
  for (const name of files) {
    const m = AUTH_FILE.exec(name);
    if (!m) continue;
    if (m[1] === undefined) single = name;
    else pages.push({ n: Number(m[1]), name });
  }
  if (single && pages.length > 0) {
    throw new InputError(
      dir,
      '',
      'holds both account-authorization-details.json and numbered pages: keep one form',
    );
  }
  if (single) return [single];
  pages.sort((a, b) => a.n - b.n);
  pages.forEach((page, i) => {
    if (page.n !== i + 1) {
      throw new InputError(
        dir,
        '',
        `account-authorization-details page ${i + 1} is missing (pages found: ${pages.map((p) => p.n).join(', ')})`,
      );
    }
  });
  return pages.map((p) => p.name);
}

export async function readAwsAuthDetailsFile(file: string): Promise<AuthDetailsPage> {
  return readCheckedJsonFile(
    file,
    authDetailsPageSchema,
    'the output of aws iam get-account-authorization-details',
  );
}

/** A credential report as CSV or as the JSON of `aws iam get-credential-report`, told by content. */
export async function readAwsCredentialReportFile(file: string): Promise<CredentialReportRow[]> {
  const text = await readTextFile(file);
  if (text.trimStart().startsWith('{')) {
    const report = checkShape(
      parseJsonText(text, file, 'the output of aws iam get-credential-report'),
      credentialReportJsonSchema,
      file,
    );
    return parseCredentialReportContent(report.Content, file);
  }
  return parseCredentialReportCsv(text, file);
}

function identityAccounts(pages: readonly AuthDetailsPage[]): Set<string> {
  const accounts = new Set<string>();
  for (const page of pages) {
    for (const item of [
      ...(page.RoleDetailList ?? []),
      ...(page.UserDetailList ?? []),
      ...(page.GroupDetailList ?? []),
    ]) {
      const account = item.Arn ? accountOfArn(item.Arn) : undefined;
      if (account) accounts.add(account);
    }
  }
  return accounts;
}

function reportAccounts(rows: readonly CredentialReportRow[]): Set<string> {
  const accounts = new Set<string>();
  for (const row of rows) {
    const account = accountOfArn(row.arn);
    if (account) accounts.add(account);
  }
  return accounts;
}

/** Reads one account folder. Optional files that are absent get a coverage note, not an error. */
export async function readAwsAccountDir(dir: string): Promise<AwsAccountImport> {
  const { files } = await listDir(dir);
  const authNames = authFilesOf(dir, files);
  if (authNames.length === 0) {
    throw new InputError(
      dir,
      '',
      'no account-authorization-details.json (aws iam get-account-authorization-details): not an AWS account export',
    );
  }
  const read: string[] = [];
  const authDetails: AuthDetailsPage[] = [];
  for (const name of authNames) {
    const file = join(dir, name);
    authDetails.push(await readAwsAuthDetailsFile(file));
    read.push(file);
  }
  const raw: AwsAccountRaw = { authDetails, areaNotes: {} };
  const notes = raw.areaNotes ?? {};

  const hasCsv = files.has('credential-report.csv');
  const hasJson = files.has('credential-report.json');
  if (hasCsv && hasJson) {
    throw new InputError(dir, '', 'holds both credential-report.csv and credential-report.json: keep one');
  }
  if (hasCsv || hasJson) {
    const file = join(dir, hasCsv ? 'credential-report.csv' : 'credential-report.json');
    raw.credentialReport = await readAwsCredentialReportFile(file);
    read.push(file);
  } else {
    notes['credential-report'] = {
      status: 'skipped',
      message: `credential-report.csv not in ${dir}: no password, access key or root data`,
    };
  }

  const optional = async <T>(
    area: keyof typeof OPTIONAL_FILES,
    load: (file: string, expected: string) => Promise<T>,
  ) => {
    const name = OPTIONAL_FILES[area];
    if (!files.has(name)) {
      notes[area] = { status: 'skipped', message: `${name} not in ${dir}` };
      return undefined;
    }
    const file = join(dir, name);
    const value = await load(file, OPTIONAL_CONTENT[area]);
    read.push(file);
    return value;
  };
  raw.serviceSpecificCredentials = await optional(
    'service-specific-credentials',
    async (f, what) =>
      (await readCheckedJsonFile(f, serviceSpecificCredentialsFileSchema, what)).ServiceSpecificCredentials,
  );
  raw.bedrockAgents = await optional(
    'bedrock-agents',
    async (f, what) => (await readCheckedJsonFile(f, bedrockAgentsFileSchema, what)).agents,
  );
  raw.agentcoreRuntimes = await optional(
    'agentcore-runtimes',
    async (f, what) => (await readCheckedJsonFile(f, agentRuntimesFileSchema, what)).agentRuntimes,
  );
  raw.lambdaFunctions = await optional(
    'lambda-functions',
    async (f, what) => (await readCheckedJsonFile(f, lambdaFunctionsFileSchema, what)).Functions,
  );

  raw.accountId = accountOfFolder(dir, authDetails, raw.credentialReport);
  return { accountId: raw.accountId, raw, files: read };
}

/** One account per folder: the ARNs must agree, and tell the account id. */
function accountOfFolder(
  dir: string,
  authDetails: readonly AuthDetailsPage[],
  report: readonly CredentialReportRow[] | undefined,
): string {
  const fromAuth = identityAccounts(authDetails);
  if (fromAuth.size > 1) {
    throw new InputError(
      dir,
      '',
      `authorization details hold identities of several accounts (${[...fromAuth].join(', ')}): one folder per account`,
    );
  }
  const fromReport = reportAccounts(report ?? []);
  if (fromReport.size > 1) {
    throw new InputError(
      dir,
      '',
      `the credential report holds rows of several accounts (${[...fromReport].join(', ')})`,
    );
  }
  const authAccount = [...fromAuth][0];
  const reportAccount = [...fromReport][0];
  if (authAccount && reportAccount && authAccount !== reportAccount) {
    throw new InputError(
      dir,
      '',
      `the credential report is for account ${reportAccount} but the authorization details are for account ${authAccount}`,
    );
  }
  const account =
    authAccount ?? reportAccount ?? (ACCOUNT_ID_PATTERN.test(basename(dir)) ? basename(dir) : undefined);
  if (!account) {
    throw new InputError(
      dir,
      '',
      'cannot tell the account: no ARNs in the files and the folder name is not an account id',
    );
  }
  return account;
}

/**
 * A folder of account folders, or one account folder (told by account-authorization-details*.json
 * in it). Sub-folders without AWS files are ignored; one with AWS files but no authorization
 * details is an error.
 */
export async function readAwsImportDir(dir: string): Promise<AwsAccountImport[]> {
  const { files, dirs } = await listDir(dir);
  if ([...files].some((f) => AUTH_FILE.test(f))) return [await readAwsAccountDir(dir)];
  const accounts: AwsAccountImport[] = [];
  const seen = new Map<string, string>();
  for (const name of dirs) {
    const sub = join(dir, name);
    const inner = await listDir(sub);
    const names = [...inner.files];
    if (!names.some((f) => AUTH_FILE.test(f))) {
      if (names.some((f) => KNOWN_FILES.has(f))) {
        throw new InputError(
          sub,
          '',
          'no account-authorization-details.json, which every account folder needs',
        );
      }
      continue;
    }
    const account = await readAwsAccountDir(sub);
    const other = seen.get(account.accountId);
    if (other)
      throw new InputError(sub, '', `account ${account.accountId} is also in ${other}: import it once`);
    seen.set(account.accountId, sub);
    accounts.push(account);
  }
  if (accounts.length === 0) {
    throw new InputError(
      dir,
      '',
      'no account-authorization-details.json in this folder or its sub-folders: not an AWS export',
    );
  }
  return accounts;
}

/**
 * Single files (`--aws-auth-details F`, `--aws-credential-report F`), grouped by the account of
 * their ARNs. Several auth details files of one account are read as pages, in the order given.
 */
export async function readAwsFiles(input: {
  authDetails: readonly string[];
  credentialReports: readonly string[];
}): Promise<AwsAccountImport[]> {
  const byAccount = new Map<string, AwsAccountImport>();
  const entry = (accountId: string): AwsAccountImport => {
    let found = byAccount.get(accountId);
    if (!found) {
      found = { accountId, raw: { accountId, authDetails: [], areaNotes: {} }, files: [] };
      byAccount.set(accountId, found);
    }
    return found;
  };

  for (const file of input.authDetails) {
    const page = await readAwsAuthDetailsFile(file);
    const accounts = identityAccounts([page]);
    if (accounts.size !== 1) {
      throw new InputError(
        file,
        '',
        accounts.size === 0
          ? 'holds no role, user or group ARN: cannot tell the account'
          : `holds identities of several accounts (${[...accounts].join(', ')})`,
      );
    }
    const target = entry([...accounts][0] ?? '');
    target.raw.authDetails.push(page);
    target.files.push(file);
  }

  for (const file of input.credentialReports) {
    const rows = await readAwsCredentialReportFile(file);
    const groups = new Map<string, CredentialReportRow[]>();
    for (const row of rows) {
      const account = accountOfArn(row.arn) ?? '';
      const list = groups.get(account);
      if (list) list.push(row);
      else groups.set(account, [row]);
    }
    for (const [account, accountRows] of groups) {
      const target = entry(account);
      if (target.raw.credentialReport) {
        throw new InputError(
          file,
          '',
          `a second credential report for account ${account}: give one per account`,
        );
      }
      target.raw.credentialReport = accountRows;
      if (!target.files.includes(file)) target.files.push(file);
    }
  }

  for (const account of byAccount.values()) {
    const notes = account.raw.areaNotes ?? {};
    if (!account.raw.credentialReport) {
      notes['credential-report'] = {
        status: 'skipped',
        message: 'no credential report given for this account',
      };
    }
    for (const area of Object.keys(OPTIONAL_FILES) as (keyof typeof OPTIONAL_FILES)[]) {
      notes[area] = {
        status: 'skipped',
        message: 'not given (single-file import reads authorization details and credential reports only)',
      };
    }
  }
  return [...byAccount.values()];
}
