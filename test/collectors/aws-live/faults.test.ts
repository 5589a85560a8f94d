/**
 * Behaviour under the real world: throttling storms, AccessDenied on chosen actions, 5xx, dropped
 * connections and slow responses. Each fault gives a message naming what failed and where, and a
 * partial scan keeps everything else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AwsScanError,
  collectAws,
  type AwsScanOutcome,
  type AwsScanOptions,
} from '../../../collectors/aws/live';
import {
  startAwsEmulator,
  type AwsEmulator,
  type AwsEmulatorOptions,
  type AwsEmulatorSeed,
} from '../../../collectors/emulators/aws';
import { scanStatus } from '../../../db';
import type { Inventory } from '../../../model/inventory';
import { bulkAccount, FIXTURE_ACCOUNT, fixtureAccount, seedOf } from '../../emulators/helpers/seeds';
import { COLLECTED_AT, coverageOf, emulatorOptions, requestCounts } from './helpers';

const A = FIXTURE_ACCOUNT;

let emulator: AwsEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function scan(
  seed: AwsEmulatorSeed,
  emu: AwsEmulatorOptions = {},
  options: Partial<AwsScanOptions> = {},
): Promise<AwsScanOutcome> {
  emulator = await startAwsEmulator(seed, emu);
  return collectAws(emulatorOptions(emulator, options), { collectedAt: COLLECTED_AT });
}

async function cleanScan(seed: AwsEmulatorSeed, emu: AwsEmulatorOptions = {}): Promise<Inventory> {
  const emulator = await startAwsEmulator(seed, emu);
  try {
    return (await collectAws(emulatorOptions(emulator), { collectedAt: COLLECTED_AT })).inventory;
  } finally {
    await emulator.close();
  }
}

function dataOf(inv: Inventory) {
  const { sources: _s, coverage: _c, ...data } = inv;
  return data;
}

describe('throttling', () => {
  it('rides out a throttling storm on every service with adaptive retries: same inventory, more requests', async () => {
    const seed = seedOf([bulkAccount(A, { roles: 30, users: 12, functions: 70, credentials: 5 })], {
      org: false,
    });
    const clean = await cleanScan(seed, { tuning: { maxPageItems: 15 } });
    const out = await scan(seed, {
      tuning: { maxPageItems: 15 },
      faultSeed: 3,
      faults: [{ kind: 'throttle', probability: 0.2 }],
    });
    expect(dataOf(out.inventory)).toEqual(dataOf(clean));
    expect(scanStatus(out.inventory)).toBe('complete');
    const throttled = emulator?.requests.filter((r) => r.status === 400 || r.status === 429).length ?? 0;
    expect(throttled).toBeGreaterThan(5);
    expect(out.requests).toBe(out.calls + throttled);
    expect(emulator?.requests.length).toBe(out.requests);
  });

  it('names the throttled action when the retries run out', async () => {
    const out = await scan(
      seedOf([fixtureAccount()], { org: false }),
      { faults: [{ kind: 'throttle', action: 'iam:ListServiceSpecificCredentials' }] },
      { maxAttempts: 2 },
    );
    expect(coverageOf(out.inventory, `aws:${A}:service-specific-credentials`)).toMatchObject({
      status: 'failed',
      message: `iam:ListServiceSpecificCredentials in account ${A}: throttled by AWS (Throttling) after 2 attempts`,
    });
    expect(coverageOf(out.inventory, `aws:${A}:authorization-details`).status).toBe('complete');
  });
});

describe('AccessDenied', () => {
  it('on GetAccountAuthorizationDetails: names the action and account, keeps the credential report and workloads', async () => {
    const out = await scan(seedOf([fixtureAccount()], { org: false }), {
      faults: [{ kind: 'access-denied', action: 'iam:GetAccountAuthorizationDetails' }],
    });
    expect(coverageOf(out.inventory, `aws:${A}:authorization-details`)).toMatchObject({
      status: 'failed',
      itemCount: 0,
    });
    expect(coverageOf(out.inventory, `aws:${A}:authorization-details`).message).toContain(
      `iam:GetAccountAuthorizationDetails denied in account ${A}`,
    );
    expect(scanStatus(out.inventory)).toBe('partial');
    // Users and the root still come from the credential report; workloads from the AI services.
    expect(out.inventory.identities.map((i) => i.kind).sort()).toEqual([
      'aws-root',
      'aws-user',
      'aws-user',
      'aws-user',
    ]);
    expect(out.inventory.credentials.length).toBeGreaterThan(0);
    expect(out.inventory.workloads.map((w) => w.kind).sort()).toEqual([
      'agentcore-runtime',
      'bedrock-agent',
      'lambda-function',
    ]);
    // Without the details, no user was known to be missing from the report: no key listing.
    expect(requestCounts(emulator as AwsEmulator)['iam:ListAccessKeys']).toBeUndefined();
  });

  it('on a later page of the details: keeps the pages read and says the rest is missing', async () => {
    const seed = seedOf([bulkAccount(A, { roles: 50, users: 0, functions: 0 })], { org: false });
    const out = await scan(seed, {
      tuning: { maxPageItems: 10 },
      faults: [{ kind: 'access-denied', action: 'iam:GetAccountAuthorizationDetails', after: 2 }],
    });
    const row = coverageOf(out.inventory, `aws:${A}:authorization-details`);
    expect(row.status).toBe('partial');
    expect(row.message).toContain('IsTruncated');
    expect(row.message).toContain(`iam:GetAccountAuthorizationDetails denied in account ${A}`);
    expect(out.inventory.identities.filter((i) => i.kind === 'aws-role')).toHaveLength(20);
  });

  it('on one region of Bedrock: the area is partial and names the region', async () => {
    const out = await scan(seedOf([fixtureAccount()], { org: false }), {
      faults: [{ kind: 'access-denied', action: 'bedrock-agent:ListAgents', region: 'eu-west-1' }],
    });
    const row = coverageOf(out.inventory, `aws:${A}:bedrock-agents`);
    expect(row.status).toBe('partial');
    expect(row.itemCount).toBe(1);
    expect(row.message).toContain(`bedrock:ListAgents denied in account ${A} (eu-west-1)`);
    expect(out.inventory.workloads.some((w) => w.kind === 'bedrock-agent')).toBe(true);
  });

  it('on the credential report: lists the access keys of every user instead', async () => {
    const out = await scan(seedOf([fixtureAccount()], { org: false }), {
      faults: [{ kind: 'access-denied', action: 'iam:GenerateCredentialReport' }],
    });
    expect(coverageOf(out.inventory, `aws:${A}:credential-report`)).toMatchObject({
      status: 'failed',
      message: `iam:GenerateCredentialReport denied in account ${A}`,
    });
    const keys = coverageOf(out.inventory, `aws:${A}:access-keys`);
    expect(keys.status).toBe('complete');
    expect(keys.message).toBe('listed for 3 users because the credential report could not be read');
    const listed = out.inventory.credentials.filter((c) => c.kind === 'access-key');
    // ci-deployer has two keys and alice one inactive old key in the fixture.
    expect(listed.map((c) => [c.identityId, c.status]).sort()).toEqual([
      [`aws:arn:aws:iam::${A}:user/alice`, 'inactive'],
      [`aws:arn:aws:iam::${A}:user/ci/ci-deployer`, 'active'],
      [`aws:arn:aws:iam::${A}:user/ci/ci-deployer`, 'active'],
    ]);
    const used = out.inventory.activities.find(
      (a) => a.source === 'access-key-last-used' && a.identityId.endsWith('ci-deployer') && a.credentialId,
    );
    expect(used?.lastUsedAt).toMatch(/^2025-05-3/);
  });
});

describe('server errors, dropped connections, slow responses', () => {
  it('recovers from transient 5xx and a dropped connection without a gap', async () => {
    const seed = seedOf([bulkAccount(A, { roles: 20, users: 4, functions: 3 })], { org: false });
    const clean = await cleanScan(seed, { tuning: { maxPageItems: 5 } });
    const out = await scan(seed, {
      tuning: { maxPageItems: 5 },
      faults: [
        { kind: 'server-error', action: 'iam:GetAccountAuthorizationDetails', after: 1, times: 2 },
        { kind: 'drop', action: 'iam:GetAccountAuthorizationDetails', after: 3, times: 1 },
        { kind: 'server-error', action: 'lambda:ListFunctions', times: 1 },
      ],
    });
    expect(dataOf(out.inventory)).toEqual(dataOf(clean));
    expect(scanStatus(out.inventory)).toBe('complete');
    expect(emulator?.requests.filter((r) => r.status === 0)).toHaveLength(1);
    expect(emulator?.requests.filter((r) => r.status === 500)).toHaveLength(3);
  });

  it('reports a service that keeps failing, with the code, the status and the attempts', async () => {
    const out = await scan(
      seedOf([fixtureAccount()], { org: false }),
      { faults: [{ kind: 'server-error', action: 'iam:GetCredentialReport' }] },
      { maxAttempts: 3 },
    );
    expect(coverageOf(out.inventory, `aws:${A}:credential-report`)).toMatchObject({
      status: 'failed',
      message: `iam:GetCredentialReport in account ${A}: AWS answered ServiceFailureException (HTTP 500) after 3 attempts`,
    });
  });

  it('reports a connection that keeps dropping', async () => {
    const out = await scan(
      seedOf([fixtureAccount()], { org: false }),
      { faults: [{ kind: 'drop', action: 'lambda:ListFunctions', region: 'eu-west-1' }] },
      { maxAttempts: 2 },
    );
    // The other regions answered: their (empty) lists stand, eu-west-1 is the gap.
    const row = coverageOf(out.inventory, `aws:${A}:lambda-functions`);
    expect(row.status).toBe('partial');
    expect(row.itemCount).toBe(0);
    expect(row.message).toMatch(
      new RegExp(
        `^2 regions read; lambda:ListFunctions in account ${A} \\(eu-west-1\\): connection failed \\((ECONNRESET|EPIPE)\\) after 2 attempts$`,
      ),
    );
  });

  it('waits out slow responses and a slow credential report', async () => {
    const out = await scan(seedOf([fixtureAccount()], { org: false }), {
      latencyMs: 20,
      tuning: { credentialReportDelayMs: 150, credentialReportPolls: 2 },
      faults: [{ kind: 'slow', action: 'iam:GetAccountAuthorizationDetails', delayMs: 300 }],
    });
    expect(scanStatus(out.inventory)).toBe('partial'); // only the fixture's unexported AWS managed policies
    expect(
      out.inventory.coverage
        .filter((c) => c.status !== 'complete' && c.status !== 'skipped')
        .map((c) => c.area),
    ).toEqual([`aws:${A}:managed-policies`]);
    // Generate answers STARTED once; GetCredentialReport is then polled through at least two
    // ReportInProgress answers before the report comes.
    const counts = requestCounts(emulator as AwsEmulator);
    expect(counts['iam:GenerateCredentialReport']).toBe(1);
    expect(counts['iam:GetCredentialReport']).toBeGreaterThanOrEqual(3);
    expect(coverageOf(out.inventory, `aws:${A}:credential-report`).itemCount).toBe(4);
  });
});

describe('credentials and regions', () => {
  it('refuses to start with credentials AWS does not know, and says what to check', async () => {
    emulator = await startAwsEmulator(seedOf([fixtureAccount()], { org: false }));
    const scanning = collectAws(
      {
        ...emulatorOptions(emulator),
        credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' },
      },
      { collectedAt: COLLECTED_AT },
    );
    await expect(scanning).rejects.toBeInstanceOf(AwsScanError);
    await expect(scanning).rejects.toThrow(
      'sts:GetCallerIdentity: AWS rejected the credentials (InvalidClientTokenId): check the AWS credentials (profile, environment, SSO login)',
    );
  });

  it('treats a region the account has not enabled as nothing to read, not as a gap', async () => {
    const account = { ...fixtureAccount(), disabledRegions: ['ap-south-1'] };
    const out = await scan(
      seedOf([account], { org: false, regions: ['eu-central-1', 'eu-west-1', 'us-east-1', 'ap-south-1'] }),
    );
    const row = coverageOf(out.inventory, `aws:${A}:lambda-functions`);
    expect(row.status).toBe('complete');
    expect(row.message).toBe(
      '3 regions read; not enabled or not offered in ap-south-1 (nothing to read there)',
    );
  });

  it('assumes --aws-role-arn first and scans the role account', async () => {
    const seed = seedOf(
      [fixtureAccount(), bulkAccount('222233334444', { roles: 2, users: 1, functions: 0 })],
      { org: false },
    );
    const out = await scan(seed, {}, { roleArn: 'arn:aws:iam::222233334444:role/AgentAnchorAudit' });
    expect(out.caller.account).toBe('222233334444');
    expect(new Set(out.inventory.identities.map((i) => i.account))).toEqual(new Set(['222233334444']));
  });
});
