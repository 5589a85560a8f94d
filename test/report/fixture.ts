/**
 * The engagement the report tests share: the demo tenant (small), then a second scan of the same
 * tenant with two hostile identities added (an AWS agent role named like a spreadsheet formula,
 * an Entra agent identity named like an HTML injection), a suppression and two triage decisions.
 * Built once per test file; every date is fixed so reports are reproducible.
 */
import { join } from 'node:path';
import { openEngagement } from '../../db';
import { createDemoEngagement } from '../../engagement/demo';
import { assessStoredScan } from '../../engagement/assess';
import type { Identity, Inventory } from '../../model/inventory';

export const NOW = new Date('2026-11-01T00:00:00.000Z');
export const GENERATED_AT = '2026-11-02T09:00:00.000Z';
export const XSS = '<img src=x onerror=alert(1)>';
export const FORMULA = '=HYPERLINK("http://x")';
export const ACTOR = 'report-test';

/** Headings of the full report, in order, that both its HTML and its PDF must show. */
export const FULL_REPORT_HEADINGS = [
  'Contents',
  '1 Executive summary',
  'Posture measures',
  'Top 10 agent risks',
  'Change since the previous scan',
  '2 Risk overview',
  'Risk distribution',
  'Credential age (days)',
  'Open findings by severity',
  'Open findings by framework',
  'AI agents by provider',
  '3 Remediation roadmap',
  '4 Findings by rule',
  '5 Compliance matrix',
  '6 Methodology and coverage',
  'A Identities with findings',
  'B Triage decisions and suppressions',
  'Integrity',
] as const;

export interface ReportEngagement {
  file: string;
  firstScan: number;
  scanId: number;
  awsAgentId: string;
  entraAgentId: string;
  /** A finding key triaged as accepted risk (its note holds the formula text). */
  acceptedKey: string;
}

function hostileAwsAgent(inv: Inventory, account: string): string {
  const arn = `arn:aws:iam::${account}:role/agents/${FORMULA}`;
  const id = `aws:${arn}`;
  const identity: Identity = {
    id,
    provider: 'aws',
    kind: 'aws-role',
    nativeId: arn,
    name: FORMULA,
    description: `Agent runtime ${XSS}`,
    account,
    createdAt: '2025-01-15T08:00:00.000Z',
    enabled: true,
    tags: { team: FORMULA },
    owners: [],
    attributes: { path: '/agents/' },
  };
  inv.identities.push(identity);
  inv.trusts.push({
    id: `${id}#trust:0:bedrock.amazonaws.com`,
    identityId: id,
    provider: 'aws',
    kind: 'aws-trust-statement',
    principalType: 'Service',
    principal: 'bedrock.amazonaws.com',
    effect: 'Allow',
    actions: ['sts:AssumeRole'],
    conditions: {},
    evidence: { Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' },
  });
  inv.grants.push({
    id: `${id}#inline:everything#0`,
    identityId: id,
    provider: 'aws',
    kind: 'aws-policy-statement',
    policyType: 'inline',
    policyName: 'everything',
    statementIndex: 0,
    statement: { Effect: 'Allow', Action: '*', Resource: '*' },
    resource: '*',
  });
  return id;
}

function hostileEntraAgent(inv: Inventory, tenant: string): string {
  const objectId = '0badc0de-1111-4222-8333-444455556666';
  const id = `entra:${objectId}`;
  inv.identities.push({
    id,
    provider: 'entra',
    kind: 'entra-agent-identity',
    nativeId: objectId,
    name: XSS,
    displayName: XSS,
    description: FORMULA,
    account: tenant,
    createdAt: '2025-03-01T10:00:00.000Z',
    enabled: true,
    tags: {},
    owners: [],
    attributes: { servicePrincipalType: 'ServiceIdentity', appId: '0badc0de-aaaa-4bbb-8ccc-444455556666' },
  });
  inv.credentials.push({
    id: `${id}#password:0badc0de-0000-4000-8000-000000000001`,
    identityId: id,
    provider: 'entra',
    kind: 'client-secret',
    nativeId: '0badc0de-0000-4000-8000-000000000001',
    name: XSS,
    createdAt: '2025-03-01T10:00:00.000Z',
    status: 'active',
    attributes: {},
  });
  return id;
}

export async function buildReportEngagement(dir: string): Promise<ReportEngagement> {
  const file = join(dir, 'report-test.anchor');
  await createDemoEngagement(file, { size: 60, seed: 7, now: NOW, actor: ACTOR });
  const db = openEngagement(file);
  try {
    const firstScan = db.latestScanId() ?? 1;
    const inv = db.readInventory(firstScan);
    const account = inv.identities.find((i) => i.provider === 'aws')?.account ?? '123456789012';
    const tenant = inv.identities.find((i) => i.provider === 'entra')?.account ?? '';
    const awsAgentId = hostileAwsAgent(inv, account);
    const entraAgentId = hostileEntraAgent(inv, tenant);
    const scanId = db.storeScan({
      label: 'Second scan with hostile names',
      method: 'import',
      startedAt: '2026-11-01T00:00:00.000Z',
      finishedAt: '2026-11-01T00:05:00.000Z',
      inventory: inv,
      actor: ACTOR,
    });
    db.addSuppression(
      {
        scope: 'rule',
        value: 'AA-LIFE-DORMANT-001',
        reason: 'Dormancy is reviewed quarterly by the client',
        author: 'consultant',
      },
      ACTOR,
      '2026-10-30T12:00:00.000Z',
    );
    await assessStoredScan(db, scanId, { now: NOW, actor: ACTOR });
    const findings = db.listFindings(scanId).map((r) => r.finding);
    const accepted = findings.find((f) => f.identityId === awsAgentId);
    if (!accepted) throw new Error('fixture: the hostile AWS agent has no finding');
    db.setTriage(
      [accepted.key],
      { status: 'accepted-risk', note: FORMULA, author: 'consultant', at: '2026-10-31T08:00:00.000Z' },
      ACTOR,
    );
    return { file, firstScan, scanId, awsAgentId, entraAgentId, acceptedKey: accepted.key };
  } finally {
    db.close();
  }
}
