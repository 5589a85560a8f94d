/**
 * Whole-organization scans: accounts listed through Organizations (paged), entered through the
 * audit role; an account that cannot be entered is recorded with its reason while the others land.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AwsScanError, collectAws } from '../../../collectors/aws/live';
import { startAwsEmulator, type AwsEmulator, type AwsEmulatorSeed } from '../../../collectors/emulators/aws';
import { scanStatus } from '../../../db';
import { bulkAccount, CALLER_KEY, fixtureAccount, seedOf } from '../../emulators/helpers/seeds';
import { COLLECTED_AT, coverageOf, emulatorOptions, requestCounts } from './helpers';

const MGMT = '111122223333';
const BULK = '222233334444';
const DENIED = '333344445555';
const OPT_IN = '444455556666';
const SUSPENDED = '555566667777';

let emulator: AwsEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function orgSeed(extra: Partial<AwsEmulatorSeed> = {}): AwsEmulatorSeed {
  const accounts = [
    fixtureAccount(MGMT, 'management'),
    bulkAccount(BULK, { roles: 40, users: 10, functions: 5 }),
    fixtureAccount(DENIED, 'no-audit-role'),
    { ...fixtureAccount(OPT_IN, 'opt-in-region'), disabledRegions: ['us-east-1'] },
    fixtureAccount(SUSPENDED, 'closed'),
  ];
  const seed = seedOf(accounts);
  if (seed.organization) {
    seed.organization.accounts = seed.organization.accounts.map((a) =>
      a.Id === SUSPENDED ? { ...a, Status: 'SUSPENDED' } : a,
    );
  }
  return { ...seed, ...extra };
}

describe('organization scan', () => {
  it('lands every reachable account and records the broken ones with their reason', async () => {
    emulator = await startAwsEmulator(orgSeed(), {
      faults: [{ kind: 'access-denied', action: 'sts:AssumeRole', account: DENIED }],
    });
    const events: string[] = [];
    const out = await collectAws(emulatorOptions(emulator, { org: true }), {
      collectedAt: COLLECTED_AT,
      onProgress: (e) => events.push(`${e.account ?? ''}:${e.phase}:${e.accountsDone}/${e.accountsTotal}`),
    });

    expect(out.accounts.map((a) => [a.id, a.status])).toEqual([
      [MGMT, 'partial'], // the fixture attaches AWS managed policies it does not export
      [BULK, 'complete'],
      [DENIED, 'failed'],
      [OPT_IN, 'failed'],
    ]);
    const denied = out.accounts.find((a) => a.id === DENIED);
    expect(denied?.message).toBe(
      `sts:AssumeRole on arn:aws:iam::${DENIED}:role/AgentAnchorAudit denied for account ${DENIED}: the role is missing or does not ` +
        `trust arn:aws:iam::${MGMT}:user/auditor (deploy cloudformation/agent-anchor-audit-role.yaml)`,
    );
    expect(out.accounts.find((a) => a.id === OPT_IN)?.message).toMatch(
      new RegExp(
        `cannot enter account ${OPT_IN} .*region us-east-1 is not enabled in account ${OPT_IN} \\(RegionDisabledException\\)`,
      ),
    );

    const inv = out.inventory;
    expect(scanStatus(inv)).toBe('partial');
    expect(coverageOf(inv, `aws:${DENIED}:account`)).toMatchObject({ status: 'failed', itemCount: 0 });
    expect(coverageOf(inv, `aws:${OPT_IN}:account`).status).toBe('failed');
    expect(coverageOf(inv, `aws:${MGMT}:organization`)).toMatchObject({
      status: 'complete',
      itemCount: 5,
      message: `5 accounts listed, 4 active scanned through role AgentAnchorAudit; not scanned (not active): ${SUSPENDED} (SUSPENDED)`,
    });
    // Each reachable account's data is its own; the broken ones add a source and nothing else.
    const accounts = new Set(inv.identities.map((i) => i.account));
    expect(accounts).toEqual(new Set([MGMT, BULK]));
    expect(inv.identities.filter((i) => i.account === BULK && i.kind === 'aws-role')).toHaveLength(40);
    expect(inv.sources.map((s) => s.id)).toEqual([
      `aws:${MGMT}:organization`,
      `aws:${MGMT}:live`,
      `aws:${BULK}:live`,
      `aws:${DENIED}:live`,
      `aws:${OPT_IN}:live`,
    ]);
    // The suspended account was never entered; every account read was read with its own session.
    const counts = requestCounts(emulator);
    expect(counts['sts:AssumeRole']).toBe(4);
    expect(emulator.requests.filter((r) => r.service === 'iam').map((r) => r.account)).not.toContain(
      SUSPENDED,
    );
    expect(new Set(emulator.requests.filter((r) => r.service === 'iam').map((r) => r.account))).toEqual(
      new Set([MGMT, BULK]),
    );
    expect(events.some((e) => e.startsWith(`${DENIED}:account-failed:`))).toBe(true);
    expect(events.at(-1)).toMatch(/:account-done:4\/4$|:account-failed:4\/4$/);
  });

  it('works from a delegated administrator and with a custom role name and external id', async () => {
    const seed = orgSeed({ externalId: 'nw-7f3a' });
    seed.organization = {
      ...(seed.organization ?? { accounts: [] }),
      managementAccountId: '999988887777',
      delegatedAdministrators: [BULK],
    };
    seed.caller = { accessKeyId: CALLER_KEY, account: BULK, arn: `arn:aws:iam::${BULK}:role/Scanner` };
    seed.assumableRoles = ['SecurityAuditReader'];
    seed.accounts = seed.accounts.filter((a) => a.id !== OPT_IN);
    seed.organization.accounts = seed.organization.accounts.filter((a) => a.Id !== OPT_IN);
    emulator = await startAwsEmulator(seed);

    const without = await collectAws(
      emulatorOptions(emulator, { org: true, orgRole: 'SecurityAuditReader' }),
      { collectedAt: COLLECTED_AT },
    );
    expect(without.accounts.every((a) => a.status === 'failed')).toBe(true);

    const out = await collectAws(
      emulatorOptions(emulator, { org: true, orgRole: 'SecurityAuditReader', externalId: 'nw-7f3a' }),
      {
        collectedAt: COLLECTED_AT,
      },
    );
    expect(out.accounts.map((a) => [a.id, a.status === 'failed'])).toEqual([
      [MGMT, false],
      [BULK, false],
      [DENIED, false],
    ]);
    expect(coverageOf(out.inventory, `aws:${BULK}:account`).message).toMatch(
      new RegExp(`^scanned through arn:aws:iam::${BULK}:role/SecurityAuditReader in `),
    );
  });

  it('stops with a clear reason when the caller may not list the organization', async () => {
    emulator = await startAwsEmulator(
      orgSeed({
        caller: { accessKeyId: CALLER_KEY, account: BULK, arn: `arn:aws:iam::${BULK}:user/auditor` },
      }),
    );
    const scan = collectAws(emulatorOptions(emulator, { org: true }), { collectedAt: COLLECTED_AT });
    await expect(scan).rejects.toBeInstanceOf(AwsScanError);
    await expect(scan).rejects.toThrow(
      `organizations:ListAccounts denied in account ${BULK}: run --aws-org with credentials of the management account or of a ` +
        'delegated administrator for AWS Organizations',
    );
  });

  it('lists a large organization across ListAccounts pages and scans accounts in parallel within the bound', async () => {
    const accounts = Array.from({ length: 23 }, (_, i) =>
      bulkAccount(String(600000000000 + i), { roles: 3, users: 1, functions: 0 }),
    );
    emulator = await startAwsEmulator(seedOf(accounts), { latencyMs: 5 });
    let inFlight = 0;
    let peak = 0;
    const out = await collectAws(emulatorOptions(emulator, { org: true, accountConcurrency: 3 }), {
      collectedAt: COLLECTED_AT,
      onProgress: (e) => {
        if (e.phase === 'assume-role') peak = Math.max(peak, ++inFlight);
        if (e.phase === 'account-done' || e.phase === 'account-failed') inFlight -= 1;
      },
    });
    expect(requestCounts(emulator)['organizations:ListAccounts']).toBe(2);
    expect(out.accounts).toHaveLength(23);
    expect(out.accounts.every((a) => a.status === 'complete')).toBe(true);
    expect(out.inventory.identities).toHaveLength(23 * 5);
    expect(peak).toBe(3);
  });
});
