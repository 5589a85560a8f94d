/**
 * The assessment use cases on a real engagement file: assessing stored scans with the engagement's
 * settings and suppressions, triage carried over between scans, suppressions listed and audited,
 * and the diff of two stored scans.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAwsCatalog } from '../../assess/aws';
import { openEngagement } from '../../db';
import { assessScan, assessStoredScan, readKpis } from '../../engagement/assess';
import { diffEngagementScans } from '../../engagement/diff';
import {
  addSuppression,
  listSuppressions,
  readFindings,
  removeSuppression,
  triageFindings,
} from '../../engagement/triage';
import { UsageError } from '../../model/errors';
import type { Inventory } from '../../model/inventory';
import { ASSESS_SETTINGS_KEY } from '../../model/posture';
import { NOW } from '../assess/fixtures';
import { agentAdmin, agentSecrets, keyUser, kpiTenant } from '../assess/kpi/tenant';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aa-engagement-'));
  await loadAwsCatalog();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
/** A new engagement file holding the given inventories as scans 1, 2, ... each assessed at NOW. */
async function engagementWith(inventories: Inventory[], finishedAt: string[] = []): Promise<string> {
  const file = join(dir, `e${++fileCounter}.anchor`);
  const db = openEngagement(file, { create: true, actor: 'alice' });
  try {
    for (const [i, inventory] of inventories.entries()) {
      const scanId = db.storeScan({
        label: `scan ${i + 1}`,
        method: 'import',
        startedAt: NOW,
        finishedAt: finishedAt[i] ?? NOW,
        inventory,
        actor: 'alice',
      });
      await assessStoredScan(db, scanId, { now: NOW, actor: 'alice' });
    }
  } finally {
    db.close();
  }
  return file;
}

const keyOf = (file: string, ruleId: string, identityId: string, scanId?: number) =>
  readFindings(file, { ruleId, ...(scanId ? { scanId } : {}) }).findings.find(
    (f) => f.identityId === identityId,
  )?.key ?? '';

describe('assessing a stored scan', () => {
  it('stores findings with evidence, scores and KPIs, audited, and gives the same result on re-run', async () => {
    const file = await engagementWith([kpiTenant()]);
    const first = readFindings(file);
    expect(first.assessment).toMatchObject({ scanId: 1, assessedAt: NOW, agents: { yes: 6, likely: 1 } });
    expect(first.findings.length).toBe(first.assessment.findings);
    const admin = first.findings.find((f) => f.ruleId === 'AA-AWS-PRIV-001');
    expect(admin).toMatchObject({
      identityId: agentAdmin.id,
      severity: 'critical',
      agent: 'yes',
      factor: 'privilege',
      scoreContribution: 60,
      identity: { provider: 'aws', kind: 'aws-role', nativeId: agentAdmin.nativeId, name: 'agent-admin' },
      triage: { status: 'open', note: '' },
    });
    expect(admin?.evidence.length).toBeGreaterThan(0);
    // Most severe first.
    expect(first.findings[0]?.severity).toBe('critical');

    const kpis = readKpis(file);
    expect(kpis.kpis.agents.attackSuccessRate).toMatchObject({ numerator: 3, denominator: 6 });
    expect(kpis.topScores[0]).toMatchObject({ identityId: agentAdmin.id, score: 100, capped: true });

    // Re-run without a date: same reference time, same findings (read back from the file this time).
    const again = await assessScan(file, 1, { actor: 'bob' });
    expect(again.summary.assessedAt).toBe(NOW);
    const second = readFindings(file);
    expect(second.findings).toEqual(first.findings);
    const db = openEngagement(file);
    expect(
      db
        .listAudit()
        .filter((a) => a.action === 'assess')
        .map((a) => a.actor),
    ).toEqual(['alice', 'bob']);
    db.close();
  });

  it('filters by severity, rule and agents only', async () => {
    const file = await engagementWith([kpiTenant()]);
    const all = readFindings(file).findings;
    expect(
      readFindings(file, { severity: 'critical' }).findings.every((f) => f.severity === 'critical'),
    ).toBe(true);
    expect(
      readFindings(file, { ruleId: 'AA-AWS-TRUST-003' })
        .findings.map((f) => f.identityId)
        .sort(),
    ).toEqual([agentAdmin.id, agentSecrets.id].sort());
    const agentsOnly = readFindings(file, { agentsOnly: true }).findings;
    expect(agentsOnly.every((f) => f.agent === 'yes')).toBe(true);
    // The likely agent's findings are left out.
    expect(agentsOnly.length).toBeLessThan(all.length);
    expect(all.some((f) => f.agent === 'likely')).toBe(true);
  });

  it('uses the engagement settings (validated) for scores', async () => {
    const file = await engagementWith([kpiTenant()]);
    const db = openEngagement(file);
    db.setSetting(ASSESS_SETTINGS_KEY, { weights: { agentMultiplier: 1 } }, 'alice');
    await assessStoredScan(db, 1, { actor: 'alice' });
    expect(db.scoreOf(1, agentAdmin.id)).toMatchObject({ score: 68, capped: false });
    expect(db.getAssessment(1)?.settings.weights.agentMultiplier).toBe(1);
    db.setSetting(ASSESS_SETTINGS_KEY, { weights: { agentMultiplier: 'high' } }, 'alice');
    await expect(assessStoredScan(db, 1, { actor: 'alice' })).rejects.toThrow(/weights\.agentMultiplier/);
    db.close();
  });

  it('says how to assess a scan that has no assessment yet', () => {
    const file = join(dir, 'unassessed.anchor');
    const db = openEngagement(file, { create: true });
    db.storeScan({
      label: 'x',
      method: 'import',
      startedAt: NOW,
      finishedAt: NOW,
      inventory: kpiTenant(),
      actor: 'a',
    });
    db.close();
    expect(() => readFindings(file)).toThrow(UsageError);
    expect(() => readFindings(file)).toThrow(/agent-anchor assess .* --scan 1/);
  });
});

describe('triage', () => {
  let file: string;
  let inv1: Inventory;
  beforeAll(async () => {
    inv1 = kpiTenant();
    // Scan 2: the key user's access key is gone; everything else is the same.
    const inv2: Inventory = structuredClone(inv1);
    inv2.credentials = inv2.credentials.filter((c) => c.kind !== 'access-key');
    const later = new Date(Date.now() + 3_600_000).toISOString();
    file = await engagementWith([inv1], [NOW]);
    // Triage on scan 1 happens before scan 2 is taken.
    triageFindings(file, {
      keys: [keyOf(file, 'AA-AWS-KEY-001', keyUser.id)],
      status: 'accepted-risk',
      note: 'vendor key, rotated by the vendor',
      author: 'consultant@firm.example',
      actor: 'alice',
    });
    triageFindings(file, {
      keys: [keyOf(file, 'AA-AWS-PRIV-001', agentAdmin.id)],
      status: 'fixed',
      actor: 'alice',
    });
    const db = openEngagement(file);
    const scan2 = db.storeScan({
      label: 'scan 2',
      method: 'import',
      startedAt: later,
      finishedAt: later,
      inventory: inv2,
      actor: 'alice',
    });
    await assessStoredScan(db, scan2, { now: NOW, actor: 'alice' });
    db.close();
  });

  it('carries a decision made on scan 1 to the same finding in scan 2', () => {
    const key = keyOf(file, 'AA-AWS-PRIV-001', agentAdmin.id, 2);
    const finding = readFindings(file, { scanId: 2 }).findings.find((f) => f.key === key);
    // Marked fixed before scan 2, yet scan 2 still finds it.
    expect(finding?.triage).toMatchObject({ status: 'fixed', author: 'alice', reopened: true });
    expect(
      readFindings(file, { scanId: 1 }).findings.find((f) => f.key === key)?.triage.reopened,
    ).toBeUndefined();
  });

  it('does not show a resolved finding in the later scan, though its triage is kept', () => {
    const key = keyOf(file, 'AA-AWS-KEY-001', keyUser.id, 1);
    expect(readFindings(file, { scanId: 1 }).findings.find((f) => f.key === key)?.triage).toMatchObject({
      status: 'accepted-risk',
      note: 'vendor key, rotated by the vendor',
      author: 'consultant@firm.example',
    });
    expect(readFindings(file, { scanId: 2 }).findings.some((f) => f.key === key)).toBe(false);
    expect(readFindings(file, { scanId: 2, status: 'accepted-risk' }).findings).toEqual([]);
  });

  it('triages in bulk with one audit row naming each key and its previous state', () => {
    const keys = readFindings(file, { ruleId: 'AA-AWS-TRUST-003' }).findings.map((f) => f.key);
    expect(keys).toHaveLength(2);
    const rows = triageFindings(file, {
      keys,
      status: 'false-positive',
      note: 'service-linked in practice',
      actor: 'bob',
    });
    expect(rows.map((r) => r.status)).toEqual(['false-positive', 'false-positive']);
    expect(
      readFindings(file, { status: 'false-positive' })
        .findings.map((f) => f.key)
        .sort(),
    ).toEqual([...keys].sort());
    const db = openEngagement(file);
    const audit = db.listAudit().filter((a) => a.action === 'triage');
    db.close();
    expect(audit.at(-1)).toMatchObject({
      actor: 'bob',
      detail: { keys, status: 'false-positive', previous: Object.fromEntries(keys.map((k) => [k, null])) },
    });
  });

  it('refuses keys no stored finding has, changing nothing', () => {
    expect(() => triageFindings(file, { keys: ['AA-NOPE|x|y'], status: 'fixed' })).toThrow(
      /no stored finding has the key "AA-NOPE\|x\|y"/,
    );
  });

  it('diffs the two scans: the removed key is resolved and shows as a credential change', () => {
    const d = diffEngagementScans(file);
    expect([d.from.id, d.to.id]).toEqual([1, 2]);
    expect(d.findings.resolved.map((f) => f.ruleId)).toContain('AA-AWS-KEY-001');
    expect(d.findings.new).toEqual([]);
    expect(d.credentials.map((c) => [c.identity.id, c.removed.map((x) => x.kind)])).toEqual([
      [keyUser.id, ['access-key']],
    ]);
    expect(diffEngagementScans(file, { from: 2, to: 1 }).findings.new.map((f) => f.ruleId)).toContain(
      'AA-AWS-KEY-001',
    );
    expect(() => diffEngagementScans(file, { from: 2 })).toThrow(/no scan after scan 2/);
  });
});

describe('suppressions', () => {
  it('apply on re-assessment, are listed active or expired, and every change is audited', async () => {
    const file = await engagementWith([kpiTenant()]);
    const trustFindings = readFindings(file, { ruleId: 'AA-AWS-TRUST-003' }).findings.length;
    expect(trustFindings).toBe(2);

    const added = await addSuppression(file, {
      scope: 'rule',
      value: 'AA-AWS-TRUST-003',
      reason: 'confused-deputy conditions tracked in CHG-88',
      expiresAt: '2099-01-01T00:00:00Z',
      actor: 'alice',
    });
    expect(added.reassessed?.summary.suppressed).toBe(2);
    const view = readFindings(file, { ruleId: 'AA-AWS-TRUST-003' });
    expect(view.findings).toEqual([]);
    expect(view.suppressedNotShown).toBe(2);
    const shown = readFindings(file, { ruleId: 'AA-AWS-TRUST-003', includeSuppressed: true }).findings;
    expect(shown.map((f) => [f.suppressedBy, f.scoreContribution])).toEqual([
      [String(added.suppression.id), 0],
      [String(added.suppression.id), 0],
    ]);

    const expired = await addSuppression(file, {
      scope: 'identity',
      value: agentAdmin.id,
      reason: 'break-glass review',
      expiresAt: '2020-01-01T00:00:00Z',
      actor: 'alice',
    });
    const tag = await addSuppression(file, {
      scope: 'tag',
      value: 'env=sandbox',
      reason: 'sandbox',
      reassess: false,
      actor: 'bob',
    });
    expect(tag.reassessed).toBeUndefined();
    expect(readFindings(file, { ruleId: 'AA-AWS-PRIV-001' }).findings).toHaveLength(1);
    expect(readFindings(file).assessment.suppressions.expired).toEqual([String(expired.suppression.id)]);

    const list = listSuppressions(file);
    expect(list.map((s) => [s.scope, s.value, s.expired])).toEqual([
      ['rule', 'AA-AWS-TRUST-003', false],
      ['identity', agentAdmin.id, true],
      ['tag', 'env=sandbox', false],
    ]);
    expect(list[1]).toMatchObject({
      author: 'alice',
      reason: 'break-glass review',
      expiresAt: '2020-01-01T00:00:00.000Z',
    });

    await removeSuppression(file, added.suppression.id, { actor: 'alice' });
    expect(readFindings(file, { ruleId: 'AA-AWS-TRUST-003' }).findings).toHaveLength(2);
    expect(listSuppressions(file).map((s) => s.id)).toEqual([expired.suppression.id, tag.suppression.id]);
    await expect(removeSuppression(file, 999)).rejects.toThrow(/no suppression with id 999/);

    const db = openEngagement(file);
    const audit = db.listAudit().filter((a) => a.action.startsWith('suppression.'));
    expect(db.verifyAudit()).toMatchObject({ ok: true });
    db.close();
    expect(audit.map((a) => [a.action, a.detail['id']])).toEqual([
      ['suppression.add', added.suppression.id],
      ['suppression.add', expired.suppression.id],
      ['suppression.add', tag.suppression.id],
      ['suppression.remove', added.suppression.id],
    ]);
  });

  it('refuse a suppression without a reason or with an invalid expiry', async () => {
    const file = await engagementWith([kpiTenant()]);
    await expect(
      addSuppression(file, { scope: 'rule', value: 'AA-AWS-KEY-001', reason: ' ' }),
    ).rejects.toThrow(/reason/);
    await expect(
      addSuppression(file, {
        scope: 'rule',
        value: 'AA-AWS-KEY-001',
        reason: 'x',
        expiresAt: 'next tuesday',
      }),
    ).rejects.toThrow(/not a valid date/);
    expect(listSuppressions(file)).toEqual([]);
  });
});
