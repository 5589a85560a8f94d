/**
 * What only a live scan reads: access keys of users created after the credential report, existing
 * IAM Access Analyzer unused-access findings, service last-accessed data, and paging through many
 * pages of every paged API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectAws } from '../../../collectors/aws/live';
import { startAwsEmulator, type AwsEmulator, type EmulatedAccount } from '../../../collectors/emulators/aws';
import { bulkAccount, FIXTURE_ACCOUNT, fixtureAccount, seedOf } from '../../emulators/helpers/seeds';
import { COLLECTED_AT, coverageOf, emulatorOptions, requestCounts } from './helpers';

const A = FIXTURE_ACCOUNT;

let emulator: AwsEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** The fixture with one more user, created after the credential report was generated. */
function withNewUser(): EmulatedAccount {
  const account = fixtureAccount();
  account.authorizationDetails.UserDetailList.push({
    Path: '/agents/',
    UserName: 'new-agent-bot',
    UserId: 'AIDANEWAGENTBOT00001',
    Arn: `arn:aws:iam::${A}:user/agents/new-agent-bot`,
    CreateDate: '2026-10-31T20:00:00Z',
    UserPolicyList: [],
    GroupList: [],
    AttachedManagedPolicies: [],
  });
  account.accessKeys = {
    'new-agent-bot': [
      {
        AccessKeyId: 'AKIANEWAGENTBOTKEY01',
        Status: 'Active',
        CreateDate: '2026-10-31T20:05:00Z',
        LastUsedDate: '2026-10-31T22:10:00Z',
        ServiceName: 'bedrock',
        Region: 'us-east-1',
      },
      { AccessKeyId: 'AKIANEWAGENTBOTKEY02', Status: 'Inactive', CreateDate: '2026-10-31T20:06:00Z' },
    ],
  };
  return account;
}

describe('access keys the credential report does not know yet', () => {
  it('lists keys and their last use for those users only', async () => {
    emulator = await startAwsEmulator(seedOf([withNewUser()], { org: false }));
    const out = await collectAws(emulatorOptions(emulator), { collectedAt: COLLECTED_AT });
    const userId = `aws:arn:aws:iam::${A}:user/agents/new-agent-bot`;
    const keys = out.inventory.credentials.filter((c) => c.identityId === userId);
    expect(keys.map((k) => [k.nativeId, k.kind, k.status, k.createdAt, k.lastUsedAt])).toEqual([
      [
        'AKIANEWAGENTBOTKEY01',
        'access-key',
        'active',
        '2026-10-31T20:05:00.000Z',
        '2026-10-31T22:10:00.000Z',
      ],
      ['AKIANEWAGENTBOTKEY02', 'access-key', 'inactive', '2026-10-31T20:06:00.000Z', undefined],
    ]);
    expect(keys[0]?.attributes).toMatchObject({ lastUsedService: 'bedrock', lastUsedRegion: 'us-east-1' });
    expect(
      out.inventory.activities.filter((a) => a.identityId === userId).map((a) => [a.source, a.lastUsedAt]),
    ).toEqual([
      ['access-key-last-used', '2026-10-31T22:10:00.000Z'],
      ['access-key-last-used', '2026-10-31T22:10:00.000Z'],
    ]);
    expect(coverageOf(out.inventory, `aws:${A}:access-keys`)).toMatchObject({
      status: 'complete',
      itemCount: 2,
      message: 'listed for 1 user created after the credential report',
    });
    const counts = requestCounts(emulator);
    expect(counts['iam:ListAccessKeys']).toBe(1);
    expect(counts['iam:GetAccessKeyLastUsed']).toBe(2);
  });

  it('adds no access-key area at all when the report lists every user', async () => {
    emulator = await startAwsEmulator(seedOf([fixtureAccount()], { org: false }));
    const out = await collectAws(emulatorOptions(emulator), { collectedAt: COLLECTED_AT });
    expect(out.inventory.coverage.some((c) => c.area.endsWith(':access-keys'))).toBe(false);
    expect(requestCounts(emulator)['iam:ListAccessKeys']).toBeUndefined();
  });
});

describe('IAM Access Analyzer', () => {
  it('reads active unused-access findings of existing analyzers onto the identities they name', async () => {
    const account = fixtureAccount();
    account.analyzers = [
      {
        name: 'org-unused',
        region: 'eu-west-1',
        type: 'ACCOUNT_UNUSED_ACCESS',
        createdAt: '2025-02-01T00:00:00Z',
        findings: [
          {
            id: 'f-1',
            resource: `arn:aws:iam::${A}:user/alice`,
            resourceType: 'AWS::IAM::User',
            resourceOwnerAccount: A,
            status: 'ACTIVE',
            findingType: 'UnusedIAMUserPassword',
            createdAt: '2026-09-01T00:00:00Z',
            updatedAt: '2026-10-01T00:00:00Z',
            analyzedAt: '2026-10-01T00:00:00Z',
          },
          {
            id: 'f-2',
            resource: `arn:aws:iam::${A}:user/alice`,
            resourceType: 'AWS::IAM::User',
            resourceOwnerAccount: A,
            status: 'ARCHIVED',
            findingType: 'UnusedPermission',
            createdAt: '2026-09-01T00:00:00Z',
            updatedAt: '2026-10-01T00:00:00Z',
            analyzedAt: '2026-10-01T00:00:00Z',
          },
        ],
      },
      // An external-access analyzer is not read for unused access.
      {
        name: 'external',
        region: 'us-east-1',
        type: 'ACCOUNT',
        createdAt: '2025-02-01T00:00:00Z',
        findings: [],
      },
    ];
    emulator = await startAwsEmulator(seedOf([account], { org: false }));
    const out = await collectAws(emulatorOptions(emulator), { collectedAt: COLLECTED_AT });
    const alice = out.inventory.identities.find((i) => i.name === 'alice');
    expect(alice?.attributes.unusedAccessFindings).toEqual([
      {
        id: 'f-1',
        findingType: 'UnusedIAMUserPassword',
        status: 'ACTIVE',
        updatedAt: '2026-10-01T00:00:00.000Z',
        analyzerArn: `arn:aws:access-analyzer:eu-west-1:${A}:analyzer/org-unused`,
      },
    ]);
    expect(coverageOf(out.inventory, `aws:${A}:access-analyzer`)).toMatchObject({
      status: 'complete',
      itemCount: 1,
    });
    expect(requestCounts(emulator)['access-analyzer:ListFindingsV2']).toBe(1);
  });
});

describe('service last-accessed data (--aws-last-accessed)', () => {
  it('records used services as activities and granted-but-unused ones on the identity', async () => {
    emulator = await startAwsEmulator(seedOf([fixtureAccount()], { org: false }), {
      tuning: { lastAccessedPolls: 2 },
    });
    const out = await collectAws(emulatorOptions(emulator, { lastAccessed: true }), {
      collectedAt: COLLECTED_AT,
    });
    const principals = out.inventory.identities.filter((i) => i.kind === 'aws-role' || i.kind === 'aws-user');
    const counts = requestCounts(emulator);
    expect(counts['iam:GenerateServiceLastAccessedDetails']).toBe(principals.length);
    // Two "in progress" answers, then the result: three polls per job.
    expect(counts['iam:GetServiceLastAccessedDetails']).toBe(3 * principals.length);
    const row = coverageOf(out.inventory, `aws:${A}:service-last-accessed`);
    expect(row).toMatchObject({ status: 'complete', itemCount: principals.length });
    const deployer = out.inventory.identities.find((i) => i.name === 'ci-deployer');
    expect(typeof deployer?.attributes.servicesGranted).toBe('number');
    const used = out.inventory.activities.filter((a) => a.source === 'service-last-accessed');
    expect(used.length).toBeGreaterThan(0);
    for (const a of used) expect(a.attributes.service).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('paging', () => {
  it('follows every paged API across many pages and loses nothing', async () => {
    const account = bulkAccount(A, { roles: 130, users: 25, functions: 260, credentials: 30 });
    const accounts = [
      account,
      ...Array.from({ length: 21 }, (_, i) =>
        bulkAccount(String(700000000000 + i), { roles: 1, users: 0, functions: 0 }),
      ),
    ];
    emulator = await startAwsEmulator(seedOf(accounts, { regions: ['us-east-1'] }), {
      tuning: { maxPageItems: 7 },
    });
    const out = await collectAws(emulatorOptions(emulator, { org: true, regions: ['us-east-1'] }), {
      collectedAt: COLLECTED_AT,
    });
    const mine = out.inventory.identities.filter((i) => i.account === A);
    expect(mine.filter((i) => i.kind === 'aws-role')).toHaveLength(130);
    expect(mine.filter((i) => i.kind === 'aws-user')).toHaveLength(25);
    expect(out.inventory.workloads.filter((w) => w.account === A)).toHaveLength(260);
    expect(out.inventory.credentials.filter((c) => c.kind === 'service-specific')).toHaveLength(30);
    const iamPages = emulator.requests.filter(
      (r) => r.action === 'GetAccountAuthorizationDetails' && r.account === A,
    ).length;
    expect(iamPages).toBe(Math.ceil(155 / 7));
    const counts = requestCounts(emulator);
    expect(emulator.requests.filter((r) => r.action === 'ListFunctions' && r.account === A)).toHaveLength(
      Math.ceil(260 / 50),
    );
    expect(
      emulator.requests.filter((r) => r.action === 'ListServiceSpecificCredentials' && r.account === A),
    ).toHaveLength(Math.ceil(30 / 7));
    expect(counts['organizations:ListAccounts']).toBe(2);
    expect(coverageOf(out.inventory, `aws:${A}:authorization-details`).message).toBe(
      `130 roles, 25 users, 0 groups, 0 managed policies from ${Math.ceil(155 / 7)} pages`,
    );
  });
});
