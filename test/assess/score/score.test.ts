/**
 * The per-identity score: hand-computed totals, factors that add up to the total, settings that
 * change it, the visible cap, and the same invariants on a whole assessed tenant.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAwsCatalog } from '../../../assess/aws';
import { FACTOR_BY_AREA, assessWithScores, factorOf, scoreIdentity } from '../../../assess/score';
import { RULES } from '../../../assess/rules';
import type { Finding, Severity } from '../../../model/findings';
import { factorWeightsSchema, type IdentityScore } from '../../../model/posture';
import { NOW } from '../fixtures';
import { agentAdmin, kpiTenant } from '../kpi/tenant';

beforeAll(async () => {
  await loadAwsCatalog();
}, 120_000);

const weights = factorWeightsSchema.parse({});

function finding(ruleId: string, severity: Severity, points: number, extra: Partial<Finding> = {}): Finding {
  return {
    key: `${ruleId}|aws:arn:aws:iam::123456789012:role/support-agent|x`,
    ruleId,
    title: ruleId,
    severity,
    identityId: 'aws:arn:aws:iam::123456789012:role/support-agent',
    identity: {
      provider: 'aws',
      kind: 'aws-role',
      nativeId: 'arn:aws:iam::123456789012:role/support-agent',
      name: 'support-agent',
      account: '123456789012',
    },
    message: '',
    evidence: [],
    remediation: '',
    frameworks: [],
    scoreContribution: points,
    ...extra,
  };
}

/** An agent's findings with default points x 1.5: 60 privilege, 30 exposure, 12 activity, 4.5 ownership. */
const AGENT_FINDINGS = [
  finding('AA-AWS-PRIV-001', 'critical', 60),
  finding('AA-AWS-TRUST-001', 'high', 30),
  finding('AA-LIFE-DORMANT-001', 'medium', 12),
  finding('AA-LIFE-OWNER-001', 'low', 4.5),
];

function factor(score: IdentityScore, name: string) {
  return score.factors.find((f) => f.factor === name);
}

describe('scoreIdentity', () => {
  it('sums findings into their factors and caps the total at 100, keeping the uncapped sum visible', () => {
    const s = scoreIdentity('id', 'yes', AGENT_FINDINGS, weights);
    expect(s.factors.map((f) => [f.factor, f.points, f.contribution])).toEqual([
      ['privilege', 60, 60],
      ['credentials', 0, 0],
      ['activity', 12, 12],
      ['ownership', 4.5, 4.5],
      ['exposure', 30, 30],
    ]);
    expect(s).toMatchObject({ uncapped: 106.5, score: 100, capped: true });
    expect(factor(s, 'privilege')?.findings).toEqual([
      { key: AGENT_FINDINGS[0]?.key, ruleId: 'AA-AWS-PRIV-001', severity: 'critical', points: 60 },
    ]);
  });

  it('applies the factor weights: halving privilege brings the same findings under the cap', () => {
    const s = scoreIdentity('id', 'yes', AGENT_FINDINGS, { ...weights, privilege: 0.5 });
    expect(factor(s, 'privilege')).toMatchObject({ points: 60, weight: 0.5, contribution: 30 });
    // 30 + 30 + 12 + 4.5 = 76.5, rounded half up.
    expect(s).toMatchObject({ uncapped: 76.5, score: 77, capped: false });
  });

  it('counts suppressed findings (0 points) without adding them', () => {
    const s = scoreIdentity(
      'id',
      'yes',
      [...AGENT_FINDINGS.slice(1), finding('AA-AWS-PRIV-001', 'critical', 0, { suppressedBy: '4' })],
      weights,
    );
    expect(s).toMatchObject({ uncapped: 46.5, score: 47, suppressedFindings: 1 });
    expect(factor(s, 'privilege')?.findings).toEqual([]);
  });

  it('scores an identity without findings 0 in every factor', () => {
    const s = scoreIdentity('id', 'likely', [], weights);
    expect(s).toMatchObject({ score: 0, uncapped: 0, capped: false, agent: 'likely' });
    expect(s.factors.every((f) => f.contribution === 0)).toBe(true);
  });
});

describe('factor mapping', () => {
  it('puts every registered rule in a factor: by area, with the documented exceptions', () => {
    for (const rule of RULES)
      expect(['privilege', 'credentials', 'activity', 'ownership', 'exposure']).toContain(factorOf(rule.id));
    expect(factorOf('AA-AWS-KEY-001')).toBe('credentials');
    expect(factorOf('AA-AWS-KEY-002')).toBe('activity');
    expect(factorOf('AA-LIFE-DORMANT-001')).toBe('activity');
    expect(factorOf('AA-LIFE-OWNER-002')).toBe('ownership');
    expect(factorOf('AA-AWS-OIDC-002')).toBe('exposure');
    expect(factorOf('AA-ENT-FIC-001')).toBe('exposure');
    expect(factorOf('AA-ENT-PATH-001')).toBe('privilege');
    expect(FACTOR_BY_AREA['aws-trust']).toBe('exposure');
  });
});

describe('scores of an assessed tenant', () => {
  it("add up: each identity's factors sum to its uncapped total and every finding is counted once", () => {
    const full = assessWithScores(kpiTenant(), { now: NOW });
    const byIdentity = new Map(full.scores.map((s) => [s.identityId, s]));
    for (const s of full.scores) {
      const sum = s.factors.reduce((a, f) => a + f.contribution, 0);
      expect(sum).toBeCloseTo(s.uncapped, 2);
      expect(s.score).toBe(Math.min(100, Math.round(s.uncapped)));
      expect(s.capped).toBe(s.uncapped > 100);
    }
    for (const f of full.result.findings) {
      const listed = byIdentity
        .get(f.identityId)
        ?.factors.find((x) => x.factor === factorOf(f.ruleId))?.findings;
      expect(listed?.map((x) => x.key)).toContain(f.key);
    }
    // Highest first; the admin agent (critical + high findings, x1.5) is at the top.
    expect(full.scores[0]?.identityId).toBe(agentAdmin.id);
    expect(full.scores[0]).toMatchObject({ agent: 'yes', reach: { admin: true, escalation: true } });
    expect(full.scores[0]?.identity).toMatchObject({ kind: 'aws-role', name: 'agent-admin' });
  });

  it('change with the settings: severity points, agent multiplier and factor weights', () => {
    const inv = kpiTenant();
    const base = assessWithScores(inv, { now: NOW });
    const top = (full: typeof base) => full.scores.find((s) => s.identityId === agentAdmin.id);
    const before = top(base);
    // Critical 60 (40 x 1.5) + high 30 + medium 12 = 102: capped at 100.
    expect(before).toMatchObject({ uncapped: 102, score: 100, capped: true });

    const plain = top(assessWithScores(inv, { now: NOW, settings: { weights: { agentMultiplier: 1 } } }));
    expect(plain).toMatchObject({ uncapped: 68, score: 68, capped: false });

    const softer = top(
      assessWithScores(inv, {
        now: NOW,
        settings: { weights: { critical: 10 }, factorWeights: { exposure: 0 } },
      }),
    );
    // 15 (critical 10 x 1.5) + 30 (high) privilege; the medium trust finding weighs 0 in exposure.
    expect(softer).toMatchObject({ uncapped: 45, score: 45 });
    expect(softer?.factors.find((f) => f.factor === 'exposure')).toMatchObject({
      points: 12,
      weight: 0,
      contribution: 0,
    });
  });

  it('rejects invalid settings with the path of the bad value', () => {
    expect(() =>
      assessWithScores(kpiTenant(), { now: NOW, settings: { factorWeights: { privilege: -1 } } }),
    ).toThrow(/factorWeights\.privilege/);
  });
});
