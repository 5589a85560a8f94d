/**
 * Schema 3 (assessments, identity scores, finding-key index) and the stored-assessment methods:
 * an upgrade from schema 2 keeps findings and triage; re-storing an assessment replaces the scan's
 * findings and scores (derived data) in one audited transaction and leaves triage alone.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  LATEST_SCHEMA_VERSION,
  applyMigrations,
  openEngagement,
  type EngagementDb,
} from '../../db';
import type { Finding } from '../../model/findings';
import type { AssessmentSummary, IdentityScore, KpiReport } from '../../model/posture';
import { engagementAssessSettingsSchema } from '../../model/posture';
import { smallInventory } from './helpers/inventory';
import { withRaw } from './helpers/raw-file';
import { useTempDir } from './helpers/temp-dir';

const tempDir = useTempDir();

function storeSmallScan(db: EngagementDb): number {
  return db.storeScan({
    label: 'March import',
    method: 'import',
    startedAt: '2025-03-01T09:00:00.000Z',
    finishedAt: '2025-03-01T09:01:00.000Z',
    inventory: smallInventory(),
    actor: 'alice',
  });
}

function finding(identityId: string, ruleId: string, severity: Finding['severity']): Finding {
  return {
    key: `${ruleId}|${identityId}|x`,
    ruleId,
    title: ruleId,
    severity,
    identityId,
    identity: {
      provider: 'aws',
      kind: 'aws-user',
      nativeId: identityId.slice(4),
      name: 'ci-deployer',
      account: '123456789012',
    },
    message: `${ruleId} fired`,
    evidence: [
      { type: 'credential', summary: 'Access key 1 is 400 days old', ref: `${identityId}#access-key-1` },
    ],
    remediation: 'rotate',
    frameworks: [],
    scoreContribution: 8,
  };
}

function score(identityId: string, value: number, agent: IdentityScore['agent']): IdentityScore {
  return {
    identityId,
    agent,
    score: Math.min(100, value),
    uncapped: value,
    capped: value > 100,
    factors: [],
    suppressedFindings: 0,
    reach: { admin: false, escalation: false },
  };
}

function input(scanId: number, findings: Finding[], scores: IdentityScore[]) {
  const summary: AssessmentSummary = {
    scanId,
    assessedAt: '2025-03-01T09:01:00.000Z',
    computedAt: '2025-03-01T09:02:00.000Z',
    findings: findings.length,
    suppressed: 0,
    bySeverity: { critical: 0, high: 0, medium: findings.length, low: 0, info: 0 },
    byRule: {},
    identitiesScored: scores.length,
    agents: { yes: 0, likely: 0 },
    ruleErrors: [],
    suppressions: { applied: [], expired: [] },
  };
  return {
    scanId,
    summary,
    settings: engagementAssessSettingsSchema.parse({}),
    kpis: { assessedAt: summary.assessedAt } as unknown as KpiReport,
    findings,
    scores,
  };
}

const USER = 'aws:arn:aws:iam::123456789012:user/ci-deployer';
const ROLE = 'aws:arn:aws:iam::123456789012:role/service-role/BedrockAgentExecution';

describe('schema 3: stored assessments', () => {
  it('upgrades a schema-2 file with findings and triage, keeping both', () => {
    const path = join(tempDir(), 'v2.anchor');
    const db2 = openEngagement(path, { create: true });
    const scanId = storeSmallScan(db2);
    db2.close();
    // Take the file back to schema 2 as an older app left it, with a finding and its triage.
    withRaw(path, (raw) => {
      raw.exec('DROP TABLE assessments; DROP TABLE identity_scores; DROP INDEX findings_key;');
      raw.pragma('user_version = 2');
      raw
        .prepare(
          'INSERT INTO findings (scan_id, key, rule_id, severity, identity_id, data) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          scanId,
          `AA-AWS-KEY-001|${USER}|x`,
          'AA-AWS-KEY-001',
          'medium',
          USER,
          JSON.stringify(finding(USER, 'AA-AWS-KEY-001', 'medium')),
        );
      raw
        .prepare(
          "INSERT INTO triage (finding_key, status, note, author, updated_at) VALUES (?, 'accepted-risk', 'vendor', 'bob', '2025-03-02T00:00:00.000Z')",
        )
        .run(`AA-AWS-KEY-001|${USER}|x`);
    });

    const db = openEngagement(path, { actor: 'carol' });
    expect(db.meta().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const rows = db.listFindings(scanId);
    expect(rows.map((r) => [r.finding.ruleId, r.triage?.status, r.agent])).toEqual([
      ['AA-AWS-KEY-001', 'accepted-risk', 'no'],
    ]);
    expect(db.getAssessment(scanId)).toBeUndefined();
    db.close();
    const indexes = withRaw(path, (raw) =>
      raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'findings_key'")
        .pluck()
        .all(),
    );
    expect(indexes).toEqual(['findings_key']);
  });

  it("replaces a scan's findings and scores when it is re-assessed, audits it, and keeps triage", () => {
    const db = openEngagement(join(tempDir(), 'a.anchor'), { create: true });
    const scanId = storeSmallScan(db);
    db.storeAssessment(
      input(
        scanId,
        [finding(USER, 'AA-AWS-KEY-001', 'medium'), finding(ROLE, 'AA-AWS-PRIV-004', 'medium')],
        [score(USER, 12, 'no'), score(ROLE, 140, 'yes')],
      ),
      'alice',
    );
    db.setTriage(
      [`AA-AWS-KEY-001|${USER}|x`],
      { status: 'false-positive', note: 'key is for a test user', author: 'alice' },
      'alice',
    );
    expect(db.listFindings(scanId, { agentsOnly: true }).map((r) => r.finding.identityId)).toEqual([ROLE]);
    expect(db.listScores(scanId).map((s) => [s.identityId, s.score])).toEqual([
      [ROLE, 100],
      [USER, 12],
    ]);

    // Newer rules: one finding fewer, one score fewer.
    db.storeAssessment(
      input(scanId, [finding(USER, 'AA-AWS-KEY-001', 'medium')], [score(USER, 8, 'no')]),
      'alice',
    );
    expect(db.listFindings(scanId).map((r) => [r.finding.ruleId, r.triage?.status])).toEqual([
      ['AA-AWS-KEY-001', 'false-positive'],
    ]);
    expect(db.listScores(scanId).map((s) => s.score)).toEqual([8]);
    expect(db.getAssessment(scanId)?.summary.findings).toBe(1);
    expect(db.assessedScanIds()).toEqual([scanId]);
    const actions = db.listAudit().map((a) => a.action);
    expect(actions.filter((a) => a === 'assess')).toHaveLength(2);
    expect(actions).toContain('triage');
    expect(db.verifyAudit()).toMatchObject({ ok: true });
    db.close();
  });

  it("stores each rule's text once and gives findings back exactly as they were made", () => {
    const db = openEngagement(join(tempDir(), 'r.anchor'), { create: true });
    const scanId = storeSmallScan(db);
    const made = [
      {
        ...finding(USER, 'AA-AWS-KEY-001', 'medium'),
        frameworks: [{ framework: 'cis-aws-v5' as const, control: '1.14' }],
      },
      {
        ...finding(ROLE, 'AA-AWS-KEY-001', 'medium'),
        frameworks: [{ framework: 'cis-aws-v5' as const, control: '1.14' }],
      },
      // A finding whose text differs from its rule's first finding keeps its own.
      { ...finding(ROLE, 'AA-AWS-PRIV-004', 'high'), suppressedBy: '2', scoreContribution: 0 },
      { ...finding(USER, 'AA-AWS-PRIV-004', 'high'), remediation: 'a different remediation' },
    ];
    db.storeAssessment(input(scanId, made, []), 'alice');
    const byKey = new Map(db.listFindings(scanId).map((r) => [r.finding.key, r.finding]));
    for (const f of made) expect(byKey.get(f.key)).toEqual(f);
    const stored = withRaw(db.path, (raw) =>
      raw
        .prepare('SELECT data FROM findings WHERE scan_id = ? AND identity_id = ?')
        .pluck()
        .all(scanId, ROLE),
    ) as string[];
    expect(stored.every((d) => !('remediation' in (JSON.parse(d) as object)))).toBe(true);
    db.close();
  });

  it('rolls a failed store back: the earlier assessment stays whole', () => {
    const db = openEngagement(join(tempDir(), 'b.anchor'), { create: true });
    const scanId = storeSmallScan(db);
    db.storeAssessment(
      input(scanId, [finding(USER, 'AA-AWS-KEY-001', 'medium')], [score(USER, 8, 'no')]),
      'alice',
    );
    const auditRows = db.listAudit().length;
    // A score outside 0-100 violates the CHECK constraint half way through the write.
    const bad = score(ROLE, 50, 'yes');
    bad.score = 150;
    expect(() =>
      db.storeAssessment(
        input(scanId, [finding(ROLE, 'AA-AWS-PRIV-004', 'high')], [score(USER, 8, 'no'), bad]),
        'alice',
      ),
    ).toThrow(/CHECK/);
    expect(db.listFindings(scanId).map((r) => r.finding.identityId)).toEqual([USER]);
    expect(db.listAudit()).toHaveLength(auditRows);
    db.close();
  });

  it('refuses an assessment for a scan that does not exist', () => {
    const db = openEngagement(join(tempDir(), 'c.anchor'), { create: true });
    expect(() => db.storeAssessment(input(7, [], []), 'alice')).toThrow(/no scan with id 7/);
    db.close();
  });

  it('creates the tables on a fresh file at the latest schema', () => {
    const raw = new Database(':memory:');
    raw.transaction(() => {
      raw.pragma(`application_id = ${APPLICATION_ID}`);
      applyMigrations(raw);
    })();
    const columns = (table: string) =>
      (raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('assessments')).toEqual([
      'scan_id',
      'assessed_at',
      'computed_at',
      'settings',
      'summary',
      'kpis',
      'rules',
    ]);
    expect(columns('identity_scores')).toEqual([
      'scan_id',
      'identity_id',
      'score',
      'uncapped',
      'agent',
      'data',
    ]);
    raw.close();
  });
});
