/**
 * Runs scripts/export/aws-export.sh against a stand-in `aws` command that answers from the
 * fixtures (as the real CLI would print them) and logs every call, then imports what it wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Inventory } from '../../../model/inventory';
import { readAwsAccountDir, readAwsImportDir } from '../../../collectors/aws/read-files';
import { ACCOUNT_A, ACCOUNT_B, DIR_A, DIR_B, EXPORT_DIR, tempDir, transform } from './helpers';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'export', 'aws-export.sh');

const STUB = join(__dirname, '..', '..', 'fixtures', 'aws', 'stub-aws.sh');

let out: string;
let log: string[];
let stderr: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  const bin = join(tmp.dir, 'bin');
  await mkdir(bin);
  await copyFile(STUB, join(bin, 'aws'));
  await chmod(join(bin, 'aws'), 0o755);
  out = join(tmp.dir, 'out');
  const logFile = join(tmp.dir, 'calls.log');
  const result = await run(
    'bash',
    [
      SCRIPT,
      '--out',
      out,
      '--profile',
      'a',
      '--profile',
      'b',
      '--regions',
      'eu-central-1,us-east-1,eu-west-1,us-west-2',
    ],
    {
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        STUB_LOG: logFile,
        STUB_FIXTURES: EXPORT_DIR,
      },
    },
  );
  stderr = result.stderr;
  log = (await readFile(logFile, 'utf8')).trim().split('\n');
});

afterAll(async () => {
  await cleanup();
});

describe('aws-export.sh', () => {
  it('is valid bash', async () => {
    await expect(run('bash', ['-n', SCRIPT])).resolves.toBeDefined();
  });

  it('writes one folder per profile account with the documented files', async () => {
    expect((await readdir(out)).sort()).toEqual([ACCOUNT_A, ACCOUNT_B]);
    expect((await readdir(join(out, ACCOUNT_A))).sort()).toEqual([
      'account-authorization-details.json',
      'agentcore-runtimes.json',
      'bedrock-agents.json',
      'credential-report.json',
      'export-warnings.txt',
      'lambda-functions.json',
      'service-specific-credentials.json',
    ]);
    expect(stderr).toContain(`account ${ACCOUNT_A} -> ${join(out, ACCOUNT_A)}`);
  });

  it('calls read operations only, and asks Lambda for a projection without Environment', () => {
    const operations = new Set(
      log.map((line) =>
        line
          .replace(/^--profile \S+ /, '')
          .split(' ')
          .slice(0, 2)
          .join(' '),
      ),
    );
    for (const op of operations)
      expect(op).toMatch(/^\S+ (get-|list-|describe-|generate-credential-report$)/);
    const lambdaCalls = log.filter((l) => l.includes('lambda list-functions'));
    expect(lambdaCalls).toHaveLength(8);
    for (const call of lambdaCalls) {
      expect(call).toContain('--query');
      expect(call).not.toContain('Environment');
    }
  });

  it('warns about a region without the service and carries on', async () => {
    const warnings = await readFile(join(out, ACCOUNT_A, 'export-warnings.txt'), 'utf8');
    expect(warnings).toContain('us-west-2: bedrock-agent list-agents: Could not connect to the endpoint URL');
    expect(warnings).toContain('us-west-2: bedrock-agentcore-control list-agent-runtimes');
  });

  it('writes no secret', async () => {
    for (const account of [ACCOUNT_A, ACCOUNT_B]) {
      for (const name of await readdir(join(out, account))) {
        const text = await readFile(join(out, account, name), 'utf8');
        expect(text).not.toContain('FIXTURE-SECRET');
        expect(text).not.toContain('ServicePassword');
        expect(text).not.toContain('environmentVariables');
      }
    }
  });

  it('produces what the import reads into the same inventory as the fixtures', async () => {
    const accounts = await readAwsImportDir(out);
    expect(accounts.map((a) => a.accountId)).toEqual([ACCOUNT_A, ACCOUNT_B]);
    const same = (i: Inventory) => ({
      ...i,
      coverage: i.coverage.map((c) => ({ ...c, message: undefined })),
    });
    const exported = transform(accounts[0]?.raw ?? { authDetails: [] }, ACCOUNT_A);
    const fixture = transform((await readAwsAccountDir(DIR_A)).raw, ACCOUNT_A);
    expect(same(exported)).toEqual(same(fixture));
    expect(exported.workloads.map((w) => w.kind)).toEqual([
      'bedrock-agent',
      'agentcore-runtime',
      'lambda-function',
    ]);

    const exportedB = transform(accounts[1]?.raw ?? { authDetails: [] }, ACCOUNT_B);
    const fixtureB = transform((await readAwsAccountDir(DIR_B)).raw, ACCOUNT_B);
    for (const key of ['identities', 'credentials', 'grants', 'trusts', 'activities'] as const) {
      expect(exportedB[key]).toEqual(fixtureB[key]);
    }
    // B has no agents: the listings answered, empty, so the areas are complete with no items.
    expect(exportedB.coverage.find((c) => c.area.endsWith(':bedrock-agents'))).toMatchObject({
      status: 'complete',
      itemCount: 0,
    });
  });
});
