/** The scan diff on two hand-made snapshots whose differences are known. */
import { describe, expect, it } from 'vitest';
import { diffScans, type ScanSnapshot } from '../../../assess/diff';
import type { Finding, Severity } from '../../../model/findings';
import type { AwsPolicyGrant, Grant, Identity } from '../../../model/inventory';
import { accessKey, appRole, awsRole, awsUser, daysAgo, entraSp, statement } from '../fixtures';

const retired = awsRole('legacy-etl');
const agent = awsRole('support-agent');
const fresh = awsRole('new-agent');
const ciUser = awsUser('ci-bot');
const copilot = entraSp('Helpdesk Copilot', 'sp-help');

function finding(identity: Identity, ruleId: string, severity: Severity): Finding {
  return {
    key: `${ruleId}|${identity.id}|x`,
    ruleId,
    title: ruleId,
    severity,
    identityId: identity.id,
    identity: {
      provider: identity.provider,
      kind: identity.kind,
      nativeId: identity.nativeId,
      name: identity.name,
      account: identity.account,
    },
    message: `${ruleId} on ${identity.name}`,
    evidence: [],
    remediation: '',
    frameworks: [],
    scoreContribution: 8,
  };
}

const readS3 = statement(agent, {
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::reports/*',
});
const invoke = statement(agent, { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' });
const graphRead = appRole(copilot, 'User.Read.All');

const before: ScanSnapshot = {
  scan: { id: 1, label: 'January', finishedAt: daysAgo(60) },
  inventory: {
    identities: [retired, agent, ciUser, copilot],
    grants: [readS3, invoke, graphRead],
    credentials: [accessKey(ciUser, 1, { createdAt: daysAgo(400), lastUsedAt: daysAgo(70) })],
  },
  findings: [finding(retired, 'AA-LIFE-DORMANT-001', 'medium'), finding(agent, 'AA-AWS-PRIV-004', 'medium')],
  reach: new Map(),
};

const after: ScanSnapshot = {
  scan: { id: 2, label: 'March', finishedAt: daysAgo(1) },
  inventory: {
    identities: [agent, fresh, ciUser, copilot],
    grants: [
      // The S3 statement was widened to every bucket; the InvokeModel one removed; IAM added.
      {
        ...readS3,
        statement: {
          ...(readS3 as AwsPolicyGrant).statement,
          Resource: '*',
        },
        resource: '*',
      } as Grant,
      statement(agent, { Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
      // Same assignment, re-read with another creation date: not a privilege change.
      { ...graphRead, createdAt: daysAgo(2) } as Grant,
    ],
    credentials: [
      // Rotated in place (same slot, new creation date), and a second key added.
      accessKey(ciUser, 1, { createdAt: daysAgo(5), lastUsedAt: daysAgo(1) }),
      accessKey(ciUser, 2, { createdAt: daysAgo(3) }),
    ],
  },
  findings: [
    finding(agent, 'AA-AWS-PRIV-004', 'high'),
    finding(agent, 'AA-AWS-PRIV-001', 'critical'),
    finding(fresh, 'AA-LIFE-OWNER-001', 'low'),
  ],
  reach: new Map([[agent.id, { admin: true, escalation: true }]]),
};

describe('diffScans', () => {
  const d = diffScans(before, after);

  it('names the two scans', () => {
    expect(d.from).toEqual(before.scan);
    expect(d.to).toEqual(after.scan);
  });

  it('lists new and removed identities', () => {
    expect(d.identities.added.map((i) => i.name)).toEqual(['new-agent']);
    expect(d.identities.removed).toEqual([
      { id: retired.id, provider: 'aws', kind: 'aws-role', nativeId: retired.nativeId, name: 'legacy-etl' },
    ]);
  });

  it('lists new and resolved findings by stable key, and severity changes', () => {
    expect(d.findings.new.map((f) => f.ruleId)).toEqual(['AA-AWS-PRIV-001', 'AA-LIFE-OWNER-001']);
    expect(d.findings.resolved.map((f) => [f.ruleId, f.identityName])).toEqual([
      ['AA-LIFE-DORMANT-001', 'legacy-etl'],
    ]);
    expect(d.findings.persisting).toBe(1);
    expect(d.findings.severityChanged).toEqual([
      { key: `AA-AWS-PRIV-004|${agent.id}|x`, from: 'medium', to: 'high' },
    ]);
  });

  it('reports grants added, removed and edited per identity, with the admin status change', () => {
    expect(d.privilege).toHaveLength(1);
    const change = d.privilege[0];
    expect(change?.identity.id).toBe(agent.id);
    expect(change?.grantsAdded.map((g) => g.summary)).toEqual([expect.stringMatching(/Allow iam:\* on \*/)]);
    expect(change?.grantsRemoved.map((g) => g.summary)).toEqual([
      expect.stringMatching(/bedrock:InvokeModel/),
    ]);
    expect(change?.grantsChanged.map((g) => g.id)).toEqual([readS3.id]);
    expect(change?.admin).toEqual({ from: false, to: true });
    expect(change?.escalation).toEqual({ from: false, to: true });
    // The Entra assignment only got a new creation date.
    expect(d.privilege.some((p) => p.identity.id === copilot.id)).toBe(false);
  });

  it('reports credentials added and rotated, but not new last-used dates', () => {
    expect(d.credentials).toHaveLength(1);
    const c = d.credentials[0];
    expect(c?.identity.name).toBe('ci-bot');
    expect(c?.added.map((x) => x.id)).toEqual([`aws:${ciUser.nativeId}#access-key-2`]);
    expect(c?.removed).toEqual([]);
    expect(c?.changed).toEqual([
      {
        credential: expect.objectContaining({ id: `aws:${ciUser.nativeId}#access-key-1` }),
        fields: { createdAt: { from: daysAgo(400), to: daysAgo(5) } },
      },
    ]);
  });

  it('is empty between a scan and itself', () => {
    const same = diffScans(after, after);
    expect(same.identities).toEqual({ added: [], removed: [] });
    expect(same.findings).toMatchObject({ new: [], resolved: [], persisting: 3, severityChanged: [] });
    expect(same.privilege).toEqual([]);
    expect(same.credentials).toEqual([]);
  });
});
