/**
 * The assessment commands end to end on a small demo tenant, as a consultant uses them: findings
 * with evidence, KPIs, triage, suppressions, a second scan and the diff, and a re-assessment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsResult } from '../../engagement/triage';
import type { KpiView } from '../../engagement/assess';
import type { AssessmentSummary, ScanDiff, SuppressionRecord } from '../../model/posture';
import { runCli, runCliJson } from './run-cli';

const NOW = '2026-11-01T00:00:00.000Z';
/** Every CLI run starts a process that loads TypeScript: a busy 2-core machine needs minutes. */
const SLOW = 300_000;
let dir: string;
let file: string;
let findings: FindingsResult;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-assess-cli-'));
  file = join(dir, 'demo.anchor');
  const r = runCli(['demo', '--out', file, '--size', '300', '--seed', '7', '--now', NOW]);
  expect(r.stderr).not.toMatch(/agent-anchor:/);
  expect(r.code).toBe(0);
  findings = runCliJson<FindingsResult>(['findings', file]);
}, SLOW);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('agent-anchor findings', () => {
  it(
    "lists the demo scan's findings, each with rule, identity, points, evidence and triage",
    () => {
      expect(findings.scan.id).toBe(1);
      expect(findings.assessment.assessedAt).toBe(NOW);
      expect(findings.findings.length).toBeGreaterThan(50);
      for (const f of findings.findings) {
        expect(f.ruleId).toMatch(/^AA-[A-Z]+-[A-Z0-9]+-\d{3}$/);
        expect(f.title.length).toBeGreaterThan(5);
        expect(['critical', 'high', 'medium', 'low', 'info']).toContain(f.severity);
        expect(f.identity.nativeId.length).toBeGreaterThan(0);
        expect(f.identity.name.length).toBeGreaterThan(0);
        expect(f.evidence.length).toBeGreaterThan(0);
        expect(f.scoreContribution).toBeGreaterThanOrEqual(0);
        expect(f.triage.status).toBe('open');
      }
      // AWS findings name the ARN.
      expect(
        findings.findings.some(
          (f) => f.identity.provider === 'aws' && f.identity.nativeId.startsWith('arn:aws:iam::'),
        ),
      ).toBe(true);
      expect(new Set(findings.findings.map((f) => f.identity.provider))).toEqual(new Set(['aws', 'entra']));
    },
    SLOW,
  );

  it(
    'filters by severity, rule and agents only',
    () => {
      const critical = runCliJson<FindingsResult>(['findings', file, '--severity', 'critical']).findings;
      expect(critical.length).toBeGreaterThan(0);
      expect(critical.every((f) => f.severity === 'critical')).toBe(true);
      const rule = findings.findings[0]?.ruleId ?? '';
      const byRule = runCliJson<FindingsResult>(['findings', file, '--rule', rule]).findings;
      expect(byRule.length).toBe(findings.findings.filter((f) => f.ruleId === rule).length);
      const agents = runCliJson<FindingsResult>(['findings', file, '--agents-only']).findings;
      expect(agents.length).toBeGreaterThan(0);
      expect(agents.every((f) => f.agent === 'yes')).toBe(true);
    },
    SLOW,
  );

  it(
    'prints a readable table, and the evidence with --details',
    () => {
      const table = runCli(['findings', file, '--severity', 'high']);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/SEVERITY\s+RULE\s+IDENTITY\s+KIND\s+AGENT\s+POINTS\s+TRIAGE\s+MESSAGE/);
      const details = runCli(['findings', file, '--rule', 'AA-AWS-PRIV-001', '--details']);
      expect(details.stdout).toMatch(/evidence:\n\s+- policy-statement: /);
      expect(details.stdout).toMatch(/remediation: /);
    },
    SLOW,
  );
});

describe('agent-anchor kpis', () => {
  it(
    "gives plausible posture measures for the demo's agents, with formulas and the ids behind them",
    () => {
      const view = runCliJson<KpiView>(['kpis', file]);
      const k = view.kpis.agents;
      expect(k.agentCount).toBeGreaterThan(5);
      for (const kpi of [k.attackSuccessRate, k.containmentRatio, k.delegationIntegrity]) {
        expect(kpi.label).toBe('posture measure');
        expect(kpi.denominator).toBeGreaterThan(0);
        expect(kpi.value).toBeGreaterThanOrEqual(0);
        expect(kpi.value).toBeLessThanOrEqual(1);
        expect(kpi.numeratorIds).toHaveLength(kpi.numerator ?? -1);
        expect(kpi.denominatorIds).toHaveLength(kpi.denominator ?? -1);
      }
      expect(k.attackSuccessRate.denominator).toBe(k.agentCount);
      // Neither everything nor nothing: the demo has contained and exposed agents.
      expect(k.attackSuccessRate.numerator).toBeGreaterThan(0);
      expect(k.containmentRatio.numerator).toBeGreaterThan(0);
      expect(k.containmentRatio.numerator).toBeLessThan(k.agentCount);
      // The demo's over-privileged agents: escalation to admin in AWS, a path to Global Admin in Entra.
      expect(k.attackSuccessRate.byGoal.admin).toBeGreaterThan(0);
      expect(k.attackSuccessRate.byGoal.escalation).toBeGreaterThan(0);
      expect(k.revocationLatency.value).toBeGreaterThan(0);
      expect(k.revocationLatency.credential?.identityName.length).toBeGreaterThan(0);
      expect(view.topScores.length).toBe(10);
      expect(view.topScores[0]?.score).toBeGreaterThanOrEqual(view.topScores[9]?.score ?? 0);

      const human = runCli(['kpis', file]);
      expect(human.stdout).toMatch(/posture measures/);
      expect(human.stdout).toMatch(/posture Attack Success Rate\s+\d+\.\d%/);
      expect(human.stdout).toMatch(/Top 10 identities by score/);
    },
    SLOW,
  );
});

// One story in steps, each building on the previous one (tests in a file run in order).
describe('triage, suppressions, a second scan and the diff', () => {
  let key = '';
  let identityId = '';
  let suppressions: SuppressionRecord[] = [];

  it(
    'triages by key and refuses an unknown key',
    () => {
      const target = findings.findings.find((f) => f.ruleId === 'AA-AWS-PRIV-001') ?? findings.findings[0];
      key = target?.key ?? '';
      identityId = target?.identityId ?? '';
      const t = runCli([
        'triage',
        file,
        '--key',
        key,
        '--status',
        'accepted-risk',
        '--note',
        'break-glass role, vaulted',
      ]);
      expect(t.code).toBe(0);
      expect(t.stdout).toMatch(/Triaged 1 finding/);
      const bad = runCli(['triage', file, '--key', 'AA-NOPE|x|y', '--status', 'fixed']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^agent-anchor: no stored finding has the key/);
    },
    SLOW,
  );

  it(
    'adds suppressions, lists them all (expired too), and hides what they match',
    () => {
      const add = runCli([
        'suppress',
        file,
        'add',
        '--rule',
        'AA-LIFE-DORMANT-001',
        '--reason',
        'dormancy reviewed',
      ]);
      expect(add.code).toBe(0);
      expect(add.stdout).toMatch(/Added suppression 1 \(rule AA-LIFE-DORMANT-001\)/);
      runCli([
        'suppress',
        file,
        'add',
        '--identity',
        identityId,
        '--reason',
        'old',
        '--expires',
        '2020-01-01',
      ]);
      suppressions = runCliJson<SuppressionRecord[]>(['suppress', file, 'list']);
      expect(suppressions.map((s) => [s.scope, s.expired])).toEqual([
        ['rule', false],
        ['identity', true],
      ]);
      const after = runCliJson<FindingsResult>(['findings', file]);
      expect(after.findings.some((f) => f.ruleId === 'AA-LIFE-DORMANT-001')).toBe(false);
      expect(after.suppressedNotShown).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'carries the triage to a second scan and diffs the two',
    () => {
      const second = runCli([
        'demo',
        '--out',
        file,
        '--size',
        '300',
        '--seed',
        '7',
        '--now',
        '2026-11-15T00:00:00.000Z',
      ]);
      expect(second.code).toBe(0);
      const scan2 = runCliJson<FindingsResult>(['findings', file]);
      expect(scan2.scan.id).toBe(2);
      expect(scan2.findings.find((f) => f.key === key)?.triage).toMatchObject({
        status: 'accepted-risk',
        note: 'break-glass role, vaulted',
      });
      const diff = runCliJson<ScanDiff>(['diff', file]);
      expect([diff.from.id, diff.to.id]).toEqual([1, 2]);
      expect(diff.findings.persisting).toBeGreaterThan(0);
      expect(runCli(['diff', file, '--from', '1', '--to', '2']).stdout).toMatch(
        /Findings: \d+ new, \d+ resolved/,
      );
    },
    SLOW,
  );

  it(
    'removes a suppression and re-assesses an earlier scan',
    () => {
      const removed = runCli(['suppress', file, 'remove', String(suppressions[0]?.id)]);
      expect(removed.stdout).toMatch(/Removed suppression 1/);
      const reassessed = runCliJson<AssessmentSummary>(['assess', file, '--scan', '1']);
      expect(reassessed).toMatchObject({ scanId: 1, assessedAt: NOW });
      const scan1 = runCliJson<FindingsResult>(['findings', file, '--scan', '1']);
      expect(scan1.findings.some((f) => f.ruleId === 'AA-LIFE-DORMANT-001')).toBe(true);
    },
    SLOW,
  );
});
