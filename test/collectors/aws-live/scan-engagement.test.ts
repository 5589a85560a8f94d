/**
 * `runScan` end to end: sources in parallel, one stored scan, partial when a fault or a
 * cancellation cut it short, earlier scans untouched, nothing stored when nothing was read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../../../collectors/emulators/aws';
import { openEngagement } from '../../../db';
import { runScan, ScanCancelledBeforeDataError } from '../../../engagement/scan';
import type { ProgressEvent } from '../../../engagement/progress';
import { UsageError } from '../../../model/errors';
import { bulkAccount, FIXTURE_ACCOUNT, fixtureAccount, seedOf } from '../../emulators/helpers/seeds';
import { COLLECTED_AT, emulatorOptions } from './helpers';

const NOW = new Date(COLLECTED_AT);
let dir: string;
let emulator: AwsEmulator | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-scan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function readBack(file: string) {
  const db = openEngagement(file, { readonly: true });
  try {
    return { scans: db.listScans(), inventories: db.listScans().map((s) => db.readInventory(s.id)) };
  } finally {
    db.close();
  }
}

describe('runScan', () => {
  it('stores a fault-hit scan as partial next to an earlier scan, which stays as it was', async () => {
    const file = join(dir, 'faults.anchor');
    emulator = await startAwsEmulator(
      seedOf([bulkAccount(FIXTURE_ACCOUNT, { roles: 12, users: 3, functions: 4 })], { org: false }),
    );
    const first = await runScan(file, { aws: emulatorOptions(emulator) }, { now: NOW, actor: 'test' });
    expect(first).toMatchObject({ scanId: 1, status: 'complete', created: true, cancelled: false });
    expect(first.stats.aws).toMatchObject({ accounts: 1, failedAccounts: 0 });
    const before = readBack(file);

    emulator.faults.set([{ kind: 'access-denied', action: 'iam:GetAccountAuthorizationDetails' }]);
    const second = await runScan(file, { aws: emulatorOptions(emulator) }, { now: NOW, actor: 'test' });
    expect(second).toMatchObject({ scanId: 2, status: 'partial', created: false });
    const auth = second.coverage.find((c) => c.area.endsWith(':authorization-details'));
    expect(auth?.status).toBe('failed');
    expect(auth?.message).toContain(
      `iam:GetAccountAuthorizationDetails denied in account ${FIXTURE_ACCOUNT}`,
    );

    const after = readBack(file);
    expect(after.scans.map((s) => [s.id, s.status, s.method])).toEqual([
      [1, 'complete', 'live'],
      [2, 'partial', 'live'],
    ]);
    expect(after.scans[0]).toEqual(before.scans[0]);
    expect(after.inventories[0]).toEqual(before.inventories[0]);
    // The report still gave the users; the roles are what the denial cost.
    expect(after.inventories[1]?.identities.some((i) => i.kind === 'aws-role')).toBe(false);
    expect(after.inventories[1]?.identities.some((i) => i.kind === 'aws-user')).toBe(true);
  });

  it('stores what was read when cancelled mid-scan, with coverage naming what was missed', async () => {
    const file = join(dir, 'cancel.anchor');
    const accounts = [
      bulkAccount(FIXTURE_ACCOUNT, { roles: 60, users: 5, functions: 80 }),
      fixtureAccount('222233334444', 'second'),
    ];
    emulator = await startAwsEmulator(seedOf(accounts), { latencyMs: 15, tuning: { maxPageItems: 5 } });
    await runScan(file, { aws: emulatorOptions(emulator, { org: true }) }, { now: NOW, actor: 'test' });
    const before = readBack(file);

    const controller = new AbortController();
    let pages = 0;
    const onProgress = (e: ProgressEvent) => {
      if (
        e.phase === 'scan aws authorization-details' &&
        e.detail?.startsWith(FIXTURE_ACCOUNT) &&
        ++pages === 3
      )
        controller.abort();
    };
    const result = await runScan(
      file,
      { aws: emulatorOptions(emulator, { org: true, accountConcurrency: 1 }) },
      { now: NOW, actor: 'test', signal: controller.signal, onProgress },
    );
    expect(result).toMatchObject({ scanId: 2, status: 'partial', cancelled: true });
    const after = readBack(file);
    expect(after.scans[0]).toEqual(before.scans[0]);
    expect(after.inventories[0]).toEqual(before.inventories[0]);
    const partial = after.inventories[1];
    if (!partial) throw new Error('no second scan');
    expect(after.scans[1]?.label).toMatch(/\(cancelled\)$/);
    // The pages read before the abort are kept (users page first: 5 users, then roles); the
    // second account was never entered.
    const roles = partial.identities.filter((i) => i.kind === 'aws-role');
    expect(roles.length).toBeGreaterThanOrEqual(10);
    expect(roles.length).toBeLessThan(60);
    const second = partial.coverage.find((c) => c.area === 'aws:222233334444:account');
    expect(second).toMatchObject({
      status: 'failed',
      message: 'not scanned: the scan was cancelled before this account',
    });
    const first = partial.coverage.find((c) => c.area === `aws:${FIXTURE_ACCOUNT}:account`);
    expect(first?.status).toBe('partial');
    expect(first?.message).toContain('the scan was cancelled: what was read before is kept');
    const auth = partial.coverage.find((c) => c.area === `aws:${FIXTURE_ACCOUNT}:authorization-details`);
    expect(auth?.status).toBe('partial');
    expect(auth?.message).toContain('not read: the scan was cancelled');
  });

  it('stores nothing when cancelled before anything was read', async () => {
    const file = join(dir, 'early.anchor');
    emulator = await startAwsEmulator(seedOf([fixtureAccount()], { org: false }));
    const controller = new AbortController();
    controller.abort();
    await expect(
      runScan(file, { aws: emulatorOptions(emulator) }, { now: NOW, signal: controller.signal }),
    ).rejects.toBeInstanceOf(ScanCancelledBeforeDataError);
    expect(emulator.requests).toEqual([]);
    await expect(runScan(file, {}, { now: NOW })).rejects.toBeInstanceOf(UsageError);
  });

  it('scans the demo organization through the emulator as a demo scan', async () => {
    const file = join(dir, 'demo.anchor');
    const events: ProgressEvent[] = [];
    const result = await runScan(
      file,
      { demo: { size: 300, seed: 5 } },
      { now: NOW, actor: 'test', onProgress: (e) => events.push(e) },
    );
    expect(result).toMatchObject({ status: 'complete', created: true, cancelled: false });
    expect(result.counts.identities).toBeGreaterThan(150);
    expect(result.stats.demo?.accounts).toBe(3);
    const db = openEngagement(file, { readonly: true });
    try {
      expect(db.getScan(1).method).toBe('demo');
      expect(db.getScan(1).label).toMatch(
        /^Scan of the demo organization Northwind Robotics \(300 identities, seed 5\)/,
      );
      expect(db.meta().clientName).toBe('Northwind Robotics (demo)');
    } finally {
      db.close();
    }
    expect(events.some((e) => e.phase === 'scan demo account-done' && e.total === 3 && e.done === 3)).toBe(
      true,
    );
    expect(
      events.some(
        (e) => e.phase === 'scan demo authorization-details' && /^\d{12} \d+$/.test(e.detail ?? ''),
      ),
    ).toBe(true);
  });
});
