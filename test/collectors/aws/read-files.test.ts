import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../../model/errors';
import {
  readAwsAccountDir,
  readAwsAuthDetailsFile,
  readAwsCredentialReportFile,
  readAwsFiles,
  readAwsImportDir,
} from '../../../collectors/aws/read-files';
import { CREDENTIAL_REPORT_COLUMNS } from '../../../collectors/aws/raw-schemas';
import { ACCOUNT_A, ACCOUNT_B, DIR_A, DIR_B, tempDir, transform, writeJson } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

/** The InputError a promise rejects with (fails the test when it resolves or throws anything else). */
async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

const HEADER = CREDENTIAL_REPORT_COLUMNS.join(',');
const reportRow = (user: string, arn: string) =>
  `${user},${arn},2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;

const role = (name: string, extra: Record<string, unknown> = {}) => ({
  RoleName: name,
  Arn: `arn:aws:iam::${ACCOUNT_A}:role/${name}`,
  ...extra,
});

// Syntax, encoding, size and compression errors: test/collectors/import (both providers).
describe('JSON errors', () => {
  it('names the JSON path of a shape error', async () => {
    const file = join(dir, 'shape.json');
    await writeJson(file, { RoleDetailList: [role('a'), role('b'), role('c'), { RoleName: 'd', Arn: 42 }] });
    const e = await inputError(readAwsAuthDetailsFile(file));
    expect(e.message).toBe(`${file}: RoleDetailList[3].Arn: expected string, received number`);

    await writeJson(file, { UserDetailList: [{ Arn: `arn:aws:iam::${ACCOUNT_A}:user/x` }] });
    expect((await inputError(readAwsAuthDetailsFile(file))).message).toBe(
      `${file}: UserDetailList[0].UserName: missing (expected string)`,
    );

    const document = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*' }, { Effect: 'Perhaps' }],
    };
    await writeJson(file, {
      RoleDetailList: [role('a', { RolePolicyList: [{ PolicyName: 'p', PolicyDocument: document }] })],
    });
    const deep = await inputError(readAwsAuthDetailsFile(file));
    expect(deep.where).toBe('RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[1].Effect');
    expect(deep.problem).toBe('expected one of "Allow"|"Deny"');
  });

  it('refuses a file of another kind as authorization details', async () => {
    const file = join(dir, 'servicePrincipals.json');
    await writeJson(file, { value: [{ id: '00000000-0000-0000-0000-000000000001' }] });
    const e = await inputError(readAwsAuthDetailsFile(file));
    expect(e.problem).toBe(
      'not an IAM authorization details export: none of UserDetailList, GroupDetailList, RoleDetailList, Policies',
    );
    await writeJson(file, [1, 2]);
    expect((await inputError(readAwsAuthDetailsFile(file))).problem).toContain('expected a JSON object');
  });

  it('refuses a hostile policy document without crashing', async () => {
    // Nesting of the file itself is tested for both providers in test/collectors/import.
    const file = join(dir, 'deep.json');
    let nested: unknown = 'x';
    for (let i = 0; i < 40; i++) nested = { k: nested };
    const doc = encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'Allow', Condition: nested }] }));
    await writeJson(file, {
      RoleDetailList: [role('a', { RolePolicyList: [{ PolicyName: 'p', PolicyDocument: doc }] })],
    });
    const e = await inputError(readAwsAuthDetailsFile(file));
    expect(e.where).toBe('RoleDetailList[0].RolePolicyList[0].PolicyDocument');
    expect(e.problem).toBe('policy document nests deeper than 32 levels');
  });
});

describe('hostile and huge values', () => {
  it('stores a 50 MB name verbatim', async () => {
    const name = `${'A'.repeat(50 * 1024 * 1024)}<img src=x onerror=alert(1)>`;
    const file = join(dir, 'huge.json');
    await writeJson(file, { RoleDetailList: [role('r', { RoleName: name })] });
    const page = await readAwsAuthDetailsFile(file);
    const inv = transform({ authDetails: [page] }, ACCOUNT_A);
    expect(inv.identities[0]?.name.length).toBe(name.length);
    expect(inv.identities[0]?.name === name).toBe(true);
  });

  it('rejects a 50 MB policy document that is not JSON with a short message', async () => {
    const file = join(dir, 'huge-doc.json');
    for (const [doc, problem] of [
      ['x'.repeat(50 * 1024 * 1024), 'policy document is neither JSON nor URL-encoded JSON'],
      [`{${'x'.repeat(50 * 1024 * 1024)}`, 'policy document is not valid JSON (JSON string)'],
      [`%7B%ZZ${'x'.repeat(1024)}`, 'policy document has an invalid URL encoding'],
    ] as const) {
      await writeJson(file, {
        RoleDetailList: [role('r', { RolePolicyList: [{ PolicyName: 'p', PolicyDocument: doc }] })],
      });
      const e = await inputError(readAwsAuthDetailsFile(file));
      expect(e.problem).toBe(problem);
      expect(e.message.length).toBeLessThan(file.length + 200);
    }
  });

  it('stores control characters and HTML in names and tags verbatim', async () => {
    const evil = 'ops\u0000\u0007\u001b[31m<img src=x onerror=alert(1)>\u202e"\'';
    const file = join(dir, 'evil.json');
    await writeJson(file, {
      RoleDetailList: [
        role('r', { RoleName: evil, Description: evil, Tags: [{ Key: evil, Value: '<script>x</script>' }] }),
      ],
      UserDetailList: [{ UserName: '<img src=x onerror=alert(1)>', Arn: `arn:aws:iam::${ACCOUNT_A}:user/u` }],
    });
    const inv = transform({ authDetails: [await readAwsAuthDetailsFile(file)] }, ACCOUNT_A);
    expect(inv.identities[0]).toMatchObject({
      name: evil,
      description: evil,
      tags: { [evil]: '<script>x</script>' },
    });
    expect(inv.identities[1]?.name).toBe('<img src=x onerror=alert(1)>');

    const csv = join(dir, 'credential-report.csv');
    const user = '<img src=x onerror=alert(1)>';
    await writeFile(csv, `${HEADER}\n${reportRow(user, `arn:aws:iam::${ACCOUNT_A}:user/u`)}\n`);
    expect((await readAwsCredentialReportFile(csv))[0]?.user).toBe(user);
  });
});

describe('credential report files', () => {
  it('reads the CSV, quoted fields with commas and quotes included', async () => {
    const file = join(dir, 'credential-report.csv');
    await writeFile(
      file,
      `\ufeff${HEADER}\r\n${reportRow('"svc,""quoted"""', `arn:aws:iam::${ACCOUNT_A}:user/svc`)}\r\n`,
    );
    const rows = await readAwsCredentialReportFile(file);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user: 'svc,"quoted"',
      access_key_1_active: 'true',
      cert_2_last_rotated: 'N/A',
    });
  });

  it('reads the JSON form with base64 Content like the CSV', async () => {
    const fromJson = await readAwsCredentialReportFile(join(DIR_B, 'credential-report.json'));
    expect(fromJson.map((r) => r.user)).toEqual(['<root_account>', 'svc-report']);
    const csv = Buffer.from(
      JSON.parse(await readFile(join(DIR_B, 'credential-report.json'), 'utf8')).Content,
      'base64',
    );
    const file = join(dir, 'credential-report.csv');
    await writeFile(file, csv);
    expect(await readAwsCredentialReportFile(file)).toEqual(fromJson);
  });

  it('says a CSV that is not a credential report is not one, naming the missing column', async () => {
    const file = join(dir, 'credential-report.csv');
    await writeFile(file, 'name,email\nbob,bob@example.com\n');
    const e = await inputError(readAwsCredentialReportFile(file));
    expect(e.message).toBe(
      `${file}: line 1: not an IAM credential report: missing columns user, arn, user_creation_time (and 18 more)`,
    );
    await writeFile(file, `${HEADER.replace('access_key_1_active,', '')}\n`);
    expect((await inputError(readAwsCredentialReportFile(file))).problem).toBe(
      'not an IAM credential report: missing column access_key_1_active',
    );
  });

  it('names the line of a bad row', async () => {
    const file = join(dir, 'credential-report.csv');
    const good = reportRow('a', `arn:aws:iam::${ACCOUNT_A}:user/a`);
    await writeFile(file, `${HEADER}\n${good}\n${good.split(',').slice(0, 5).join(',')}\n`);
    expect((await inputError(readAwsCredentialReportFile(file))).message).toBe(
      `${file}: line 3: expected 22 fields as in the header, found 5`,
    );
    await writeFile(file, `${HEADER}\n${good.replace(',false,true,', ',false,yes,')}\n`);
    expect((await inputError(readAwsCredentialReportFile(file))).message).toBe(
      `${file}: line 2: column access_key_1_active: expected true or false`,
    );
    await writeFile(file, `${HEADER}\n"unterminated,${good}\n`);
    expect((await inputError(readAwsCredentialReportFile(file))).message).toBe(
      `${file}: line 2: invalid CSV: quoted field is never closed (is the file truncated?)`,
    );
  });

  it('names the decoded CSV inside the JSON form', async () => {
    const file = join(dir, 'credential-report.json');
    await writeJson(file, {
      Content: Buffer.from('a,b\n1,2\n').toString('base64'),
      ReportFormat: 'text/csv',
    });
    const e = await inputError(readAwsCredentialReportFile(file));
    expect(e.where).toBe('Content (decoded CSV) line 1');
    await writeJson(file, { Content: 'not base64 at all!', ReportFormat: 'text/csv' });
    expect((await inputError(readAwsCredentialReportFile(file))).message).toBe(
      `${file}: Content: expected the base64-encoded report`,
    );
    await writeJson(file, { Content: '', ReportFormat: 'application/pdf' });
    expect((await inputError(readAwsCredentialReportFile(file))).message).toBe(
      `${file}: ReportFormat: expected "text/csv"`,
    );
  });
});

describe('folders', () => {
  async function copyAccount(from: string, to: string, names: string[]): Promise<void> {
    await mkdir(to, { recursive: true });
    for (const name of names) await copyFile(join(from, name), join(to, name));
  }

  it('reads one account folder, listing the files read and noting the absent optional ones', async () => {
    const result = await readAwsAccountDir(DIR_B);
    expect(result.accountId).toBe(ACCOUNT_B);
    expect(result.files.map((f) => f.slice(DIR_B.length + 1))).toEqual([
      'account-authorization-details.1.json',
      'account-authorization-details.2.json',
      'account-authorization-details.3.json',
      'credential-report.json',
    ]);
    expect(result.raw.authDetails).toHaveLength(3);
    expect(result.raw.bedrockAgents).toBeUndefined();
    expect(result.raw.areaNotes?.['bedrock-agents']).toEqual({
      status: 'skipped',
      message: `bedrock-agents.json not in ${DIR_B}`,
    });
  });

  it('accepts a single account folder as an import folder', async () => {
    const accounts = await readAwsImportDir(DIR_A);
    expect(accounts.map((a) => a.accountId)).toEqual([ACCOUNT_A]);
  });

  it('refuses a missing page, mixed page forms and a folder without authorization details', async () => {
    const account = join(dir, ACCOUNT_B);
    await copyAccount(DIR_B, account, [
      'account-authorization-details.1.json',
      'account-authorization-details.3.json',
    ]);
    expect((await inputError(readAwsAccountDir(account))).problem).toBe(
      'account-authorization-details page 2 is missing (pages found: 1, 3)',
    );
    await copyFile(
      join(DIR_A, 'account-authorization-details.json'),
      join(account, 'account-authorization-details.json'),
    );
    expect((await inputError(readAwsAccountDir(account))).problem).toContain('keep one form');

    const empty = join(dir, 'empty');
    await mkdir(join(empty, 'notes'), { recursive: true });
    expect((await inputError(readAwsImportDir(empty))).problem).toContain(
      'no account-authorization-details.json',
    );

    const reportOnly = join(dir, 'export', '999999999999');
    await copyAccount(DIR_A, reportOnly, ['credential-report.csv']);
    const e = await inputError(readAwsImportDir(join(dir, 'export')));
    expect(e.file).toBe(reportOnly);
    expect(e.problem).toContain('every account folder needs');
  });

  it('refuses a credential report of another account than the authorization details', async () => {
    const account = join(dir, 'mixed');
    await copyAccount(DIR_A, account, ['account-authorization-details.json']);
    await copyFile(join(DIR_B, 'credential-report.json'), join(account, 'credential-report.json'));
    expect((await inputError(readAwsAccountDir(account))).problem).toBe(
      `the credential report is for account ${ACCOUNT_B} but the authorization details are for account ${ACCOUNT_A}`,
    );
  });

  it('refuses the same account in two folders', async () => {
    await copyAccount(DIR_B, join(dir, 'x', 'one'), ['account-authorization-details.1.json']);
    await copyAccount(DIR_B, join(dir, 'x', 'two'), ['account-authorization-details.1.json']);
    expect((await inputError(readAwsImportDir(join(dir, 'x')))).problem).toContain(
      `account ${ACCOUNT_B} is also in`,
    );
  });

  it('errors in a file inside a folder name that file', async () => {
    const account = join(dir, ACCOUNT_A);
    await copyAccount(DIR_A, account, ['account-authorization-details.json']);
    await writeFile(join(account, 'lambda-functions.json'), '{"Functions": [{"FunctionName": "f"}]}');
    const e = await inputError(readAwsImportDir(dir));
    expect(e.file).toBe(join(account, 'lambda-functions.json'));
    expect(e.where).toBe('Functions[0].FunctionArn');

    await writeFile(join(account, 'lambda-functions.json'), '');
    expect((await inputError(readAwsImportDir(dir))).message).toBe(
      `${join(account, 'lambda-functions.json')}: the file is empty; expected the output of aws lambda list-functions`,
    );
  });
});

describe('single files', () => {
  it('groups authorization details and credential reports by the account of their ARNs', async () => {
    const mixedReport = join(dir, 'report.csv');
    await writeFile(
      mixedReport,
      [
        HEADER,
        reportRow('a', `arn:aws:iam::${ACCOUNT_A}:user/a`),
        reportRow('c', 'arn:aws:iam::123456789012:user/c'),
        '',
      ].join('\n'),
    );
    const accounts = await readAwsFiles({
      authDetails: [
        join(DIR_B, 'account-authorization-details.1.json'),
        join(DIR_B, 'account-authorization-details.2.json'),
      ],
      credentialReports: [join(DIR_B, 'credential-report.json'), mixedReport],
    });
    expect(
      accounts.map((a) => [a.accountId, a.raw.authDetails.length, a.raw.credentialReport?.length ?? 0]),
    ).toEqual([
      [ACCOUNT_B, 2, 2],
      [ACCOUNT_A, 0, 1],
      ['123456789012', 0, 1],
    ]);
    expect(accounts[0]?.files).toHaveLength(3);
    const b = transform(accounts[0]?.raw ?? { authDetails: [] }, ACCOUNT_B);
    expect(b.coverage.find((c) => c.area.endsWith(':lambda-functions'))?.status).toBe('skipped');
    // A report without authorization details still yields the users it lists.
    const c = transform(accounts[2]?.raw ?? { authDetails: [] }, '123456789012');
    expect(c.identities.map((i) => i.nativeId)).toEqual(['arn:aws:iam::123456789012:user/c']);
    expect(c.coverage[0]?.area).toBe('aws:123456789012:authorization-details');
  });

  it('refuses two credential reports for one account', async () => {
    const e = await inputError(
      readAwsFiles({
        authDetails: [],
        credentialReports: [join(DIR_A, 'credential-report.csv'), join(DIR_A, 'credential-report.csv')],
      }),
    );
    expect(e.problem).toBe(`a second credential report for account ${ACCOUNT_A}: give one per account`);
  });
});
