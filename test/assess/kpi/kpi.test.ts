/**
 * The article's KPIs on crafted tenants whose numerators and denominators are known by construction
 * (tenant.ts explains each identity), plus the delegation-link tests one by one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAwsCatalog } from '../../../assess/aws';
import { assessWithScores, type FullAssessment } from '../../../assess/score';
import type { Identity, Inventory } from '../../../model/inventory';
import type { DelegationLink } from '../../../model/posture';
import {
  ACCOUNT,
  NOW,
  OTHER_ACCOUNT,
  awsRole,
  awsTrust,
  delegated,
  entraSp,
  fic,
  githubTrust,
  inventory,
  owner,
  statement,
  workload,
} from '../fixtures';
import {
  agentAdmin,
  agentContained,
  agentSecrets,
  blueprint,
  invoiceAgent,
  keyUser,
  kpiTenant,
  lambdaRole,
  opsRole,
} from './tenant';

beforeAll(async () => {
  await loadAwsCatalog();
}, 120_000);

function assess(inv: Inventory, settings?: unknown): FullAssessment {
  return assessWithScores(inv, { now: NOW, ...(settings ? { settings } : {}) });
}

const sorted = (ids: string[]) => [...ids].sort();

describe('KPIs on a crafted tenant', () => {
  let full: FullAssessment;
  let inv: Inventory;
  beforeAll(() => {
    inv = kpiTenant();
    full = assess(inv);
  });

  it('take their population from the classification: agents (yes) and, separately, likely agents', () => {
    const agents = [agentAdmin, agentContained, agentSecrets, keyUser, blueprint, invoiceAgent].map(
      (i) => i.id,
    );
    for (const id of agents) expect(full.result.classifications[id]?.agent).toBe('yes');
    expect(full.result.classifications[lambdaRole.id]?.agent).toBe('likely');
    expect(full.result.classifications[opsRole.id]?.agent).toBe('no');
    expect(full.kpis.agents.agentCount).toBe(6);
    expect(sorted(full.kpis.agents.attackSuccessRate.denominatorIds)).toEqual(sorted(agents));
    expect(full.kpis.likelyAgents.agentCount).toBe(1);
    expect(full.kpis.likelyAgents.attackSuccessRate.denominatorIds).toEqual([lambdaRole.id]);
  });

  it('label every KPI as a posture measure with its formula', () => {
    const k = full.kpis.agents;
    for (const kpi of [k.attackSuccessRate, k.containmentRatio, k.delegationIntegrity, k.revocationLatency]) {
      expect(kpi.label).toBe('posture measure');
      expect(kpi.formula.length).toBeGreaterThan(30);
    }
  });

  it('posture Attack Success Rate: 3 of 6 agents reach a high-value goal, each goal named with its evidence', () => {
    const asr = full.kpis.agents.attackSuccessRate;
    expect(asr).toMatchObject({ numerator: 3, denominator: 6, value: 0.5 });
    expect(sorted(asr.numeratorIds)).toEqual(sorted([agentAdmin.id, agentSecrets.id, invoiceAgent.id]));
    const goals = Object.fromEntries(asr.agents.map((a) => [a.identityId, a.goals]));
    // Admin implies every goal.
    expect(goals[agentAdmin.id]).toEqual([
      'admin',
      'escalation',
      'secret-read',
      'data-exfiltration',
      'identity-creation',
    ]);
    expect(goals[agentSecrets.id]).toEqual(['secret-read', 'data-exfiltration']);
    expect(goals[invoiceAgent.id]).toEqual(['data-exfiltration']);
    expect(goals[agentContained.id]).toEqual([]);
    expect(asr.byGoal).toEqual({
      admin: 1,
      escalation: 1,
      'secret-read': 2,
      'data-exfiltration': 3,
      'identity-creation': 1,
    });
    const secrets = asr.agents.find((a) => a.identityId === agentSecrets.id);
    expect(secrets?.evidence.join('\n')).toMatch(/secretsmanager:GetSecretValue/);
    expect(asr.agents.find((a) => a.identityId === invoiceAgent.id)?.evidence).toEqual([
      'data-exfiltration: Mail.Read on Microsoft Graph',
    ]);
  });

  it('Containment Ratio: only the agent with a boundary, one model, no keys and no privilege is contained', () => {
    const cr = full.kpis.agents.containmentRatio;
    expect(cr).toMatchObject({
      numerator: 1,
      denominator: 6,
      value: 0.1667,
      numeratorIds: [agentContained.id],
    });
    const tests = Object.fromEntries(
      cr.agents.map((a) => [
        a.identityId,
        Object.fromEntries(Object.entries(a.tests).map(([t, o]) => [t, o.result])),
      ]),
    );
    expect(tests[agentAdmin.id]).toEqual({
      bounded: 'fail',
      scopedResources: 'fail',
      noStandingKeys: 'pass',
      noPrivilegedRole: 'fail',
    });
    expect(tests[agentContained.id]).toEqual({
      bounded: 'pass',
      scopedResources: 'pass',
      noStandingKeys: 'pass',
      noPrivilegedRole: 'pass',
    });
    expect(tests[keyUser.id]).toMatchObject({ noStandingKeys: 'fail', scopedResources: 'pass' });
    // Entra has no permissions boundary: not applicable, judged on the other three.
    expect(tests[invoiceAgent.id]).toEqual({
      bounded: 'n/a',
      scopedResources: 'fail',
      noStandingKeys: 'pass',
      noPrivilegedRole: 'pass',
    });
    expect(tests[blueprint.id]).toMatchObject({ bounded: 'n/a', noStandingKeys: 'fail' });
    expect(cr.byTest.bounded).toEqual({ pass: 1, fail: 3, notApplicable: 2 });
    const keys = cr.agents.find((a) => a.identityId === keyUser.id)?.tests.noStandingKeys.reason;
    expect(keys).toMatch(/access-key/);
  });

  it('Delegation Integrity Score: 3 of the 7 links touching agents pass every applicable test', () => {
    const dis = full.kpis.agents.delegationIntegrity;
    expect(dis).toMatchObject({ numerator: 3, denominator: 7, value: 0.4286 });
    const byRef = (ref: string) => dis.links.find((l) => l.ref === ref) as DelegationLink;
    const results = (l: DelegationLink) =>
      Object.fromEntries(Object.entries(l.tests).map(([t, o]) => [t, o.result]));
    const trustOf = (role: Identity, principal: string) =>
      inv.trusts.find((t) => t.identityId === role.id && t.principal === principal)?.id ?? '';
    // Bedrock may use the admin agent from any account's resources, and the role is admin.
    expect(results(byRef(trustOf(agentAdmin, 'bedrock.amazonaws.com')))).toEqual({
      attributable: 'pass',
      bounded: 'fail',
      timeLimited: 'n/a',
      noWiderThanDelegator: 'fail',
    });
    expect(byRef(trustOf(agentContained, 'bedrock.amazonaws.com')).intact).toBe(true);
    expect(byRef(trustOf(agentContained, opsRole.nativeId))).toMatchObject({
      intact: true,
      delegator: { id: opsRole.id },
      delegate: { id: agentContained.id },
    });
    expect(byRef(trustOf(agentSecrets, 'bedrock-agentcore.amazonaws.com')).tests.bounded.reason).toMatch(
      /SourceArn/,
    );
    // Named role and PassedToService, but no time limit, and the passed role is admin.
    const passRole = dis.links.find((l) => l.kind === 'aws-pass-role') as DelegationLink;
    expect(results(passRole)).toEqual({
      attributable: 'pass',
      bounded: 'pass',
      timeLimited: 'fail',
      noWiderThanDelegator: 'fail',
    });
    expect(passRole.tests.noWiderThanDelegator.reason).toMatch(/agent-admin/);
    const bp = dis.links.find((l) => l.kind === 'blueprint') as DelegationLink;
    expect(results(bp)).toEqual({
      attributable: 'pass',
      bounded: 'n/a',
      timeLimited: 'fail',
      noWiderThanDelegator: 'pass',
    });
    expect(bp.delegator.id).toBe(blueprint.id);
    const grant = dis.links.find((l) => l.kind === 'delegated-grant') as DelegationLink;
    expect(grant.intact).toBe(true);
    expect(dis.byKind).toMatchObject({
      'aws-trust': { links: 4, intact: 2 },
      'aws-pass-role': { links: 1, intact: 0 },
      blueprint: { links: 1, intact: 0 },
      'delegated-grant': { links: 1, intact: 1 },
      owner: { links: 0, intact: 0 },
    });
    // The ops role's own trust (account root) touches no agent and is not counted.
    expect(dis.links.some((l) => l.ref === trustOf(opsRole, `arn:aws:iam::${ACCOUNT}:root`))).toBe(false);
  });

  it('revocation-latency proxy: the access key that never expires ranks first, with its age so far', () => {
    const rl = full.kpis.agents.revocationLatency;
    expect(rl).toMatchObject({
      value: 200,
      unit: 'days',
      numerator: null,
      denominator: null,
      unboundedCount: 1,
    });
    expect(rl.credential).toMatchObject({
      identityId: keyUser.id,
      kind: 'access-key',
      unbounded: true,
      lifetimeDays: 200,
    });
    expect(rl.numeratorIds).toEqual([`aws:${keyUser.nativeId}#access-key-1`]);
    expect(rl.denominatorIds).toHaveLength(3);
    expect(rl.notes.join(' ')).toMatch(/lower bound/);
  });

  it("likely agents get their own KPIs and never move the agents' ones", () => {
    const likely = full.kpis.likelyAgents;
    expect(likely.attackSuccessRate).toMatchObject({
      numerator: 1,
      denominator: 1,
      numeratorIds: [lambdaRole.id],
    });
    expect(full.kpis.agents.attackSuccessRate.denominatorIds).not.toContain(lambdaRole.id);
  });

  it('revocation latency with bounded credentials only is the longest expiry minus creation', () => {
    const inv = kpiTenant();
    inv.credentials = inv.credentials.filter((c) => c.kind !== 'access-key');
    const rl = assess(inv).kpis.agents.revocationLatency;
    expect(rl).toMatchObject({ value: 365, unboundedCount: 0 });
    expect(rl.credential).toMatchObject({
      identityId: blueprint.id,
      kind: 'client-secret',
      unbounded: false,
    });
  });

  it('are null, not zero, when there is nothing to measure', () => {
    const k = assess(inventory({ identities: [opsRole] })).kpis.agents;
    expect(k.agentCount).toBe(0);
    expect(k.attackSuccessRate).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(k.delegationIntegrity.value).toBeNull();
    expect(k.revocationLatency.value).toBeNull();
  });
});

describe('credential-returning actions', () => {
  it('count as secret read only when the credentials reach beyond the agent itself', () => {
    const ecr = awsRole('image-agent');
    const broker = awsRole('broker-agent');
    const full = assess(
      inventory({
        identities: [ecr, broker],
        trusts: [
          awsTrust(ecr, 'Service', 'bedrock-agentcore.amazonaws.com', {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
          }),
          awsTrust(broker, 'Service', 'bedrock-agentcore.amazonaws.com', {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
          }),
        ],
        grants: [
          // Pulling the agent's container image: ECR tokens carry the caller's own permissions.
          statement(ecr, { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
          statement(broker, { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
        ],
      }),
    );
    const asr = full.kpis.agents.attackSuccessRate;
    expect(asr.agents.find((a) => a.identityId === ecr.id)?.goals).toEqual([]);
    expect(asr.agents.find((a) => a.identityId === broker.id)?.goals).toContain('secret-read');
    const scoped = (id: string) =>
      full.kpis.agents.containmentRatio.agents.find((a) => a.identityId === id)?.tests.scopedResources.result;
    expect(scoped(ecr.id)).toBe('pass');
    expect(scoped(broker.id)).toBe('fail');
  });
});

describe('delegation link tests', () => {
  /** An agent role (Bedrock trusts it) with extra rows; returns the links of that tenant. */
  function linksOf(parts: Partial<Inventory>, agent = awsRole('support-agent')): DelegationLink[] {
    const inv = inventory({
      identities: [agent, ...(parts.identities ?? [])],
      grants: parts.grants ?? [],
      trusts: [
        awsTrust(agent, 'Service', 'bedrock.amazonaws.com', {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
        }),
        ...(parts.trusts ?? []),
      ],
      credentials: parts.credentials ?? [],
      workloads: parts.workloads ?? [],
    });
    const full = assess(inv);
    expect(full.result.classifications[agent.id]?.agent).toBe('yes');
    return full.kpis.agents.delegationIntegrity.links;
  }
  const test = (links: DelegationLink[], principal: string) =>
    links.find((l) => l.delegator.name === principal)?.tests;

  it('a GitHub OIDC trust is attributable only with an exact subject, bounded only with an audience', () => {
    const agent = awsRole('support-agent');
    const links = linksOf(
      {
        trusts: [
          githubTrust(agent, {
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:client/*' },
          }),
        ],
      },
      agent,
    );
    const t = links.find((l) => l.delegator.name.includes('oidc-provider'))?.tests;
    expect(t?.attributable).toMatchObject({
      result: 'fail',
      reason: expect.stringMatching(/repo:client\/\*/),
    });
    expect(t?.bounded.result).toBe('fail');

    const exact = linksOf(
      {
        trusts: [
          githubTrust(agent, {
            StringEquals: {
              'token.actions.githubusercontent.com:sub': 'repo:client/app:environment:prod',
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            },
          }),
        ],
      },
      agent,
    ).find((l) => l.delegator.name.includes('oidc-provider'));
    expect(exact?.intact).toBe(true);
  });

  it('cross-account trust is bounded by sts:ExternalId; an account-wide principal is not attributable', () => {
    const agent = awsRole('support-agent');
    const vendor = `arn:aws:iam::${OTHER_ACCOUNT}:root`;
    const without = test(linksOf({ trusts: [awsTrust(agent, 'AWS', vendor)] }, agent), vendor);
    expect(without?.bounded).toMatchObject({ result: 'fail', reason: expect.stringMatching(/ExternalId/) });
    expect(without?.attributable.result).toBe('fail');
    const withId = test(
      linksOf(
        { trusts: [awsTrust(agent, 'AWS', vendor, { StringEquals: { 'sts:ExternalId': 'c0ffee' } })] },
        agent,
      ),
      vendor,
    );
    expect(withId?.bounded.result).toBe('pass');
  });

  it('a trust letting an agent become an admin role is wider than its delegator', () => {
    const agent = awsRole('support-agent');
    const admin = awsRole('deploy-admin');
    const links = linksOf(
      {
        identities: [admin],
        grants: [statement(admin, { Effect: 'Allow', Action: '*', Resource: '*' })],
        trusts: [awsTrust(admin, 'AWS', agent.nativeId)],
      },
      agent,
    );
    const link = links.find((l) => l.delegate.id === admin.id);
    expect(link?.agentIds).toEqual([agent.id]);
    expect(link?.tests.noWiderThanDelegator).toMatchObject({
      result: 'fail',
      reason: expect.stringMatching(/deploy-admin/),
    });
  });

  it("a blanket PassRole of another identity is not the agent's link; one aimed at the agent role is", () => {
    const agent = awsRole('support-agent');
    const deployer = awsRole('ci-deployer');
    const links = linksOf(
      {
        identities: [deployer],
        grants: [
          statement(deployer, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
          statement(deployer, {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: `arn:aws:iam::${ACCOUNT}:role/support-*`,
            Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
          }),
        ],
      },
      agent,
    );
    const passRole = links.filter((l) => l.kind === 'aws-pass-role');
    expect(passRole).toHaveLength(1);
    expect(passRole[0]?.delegate.name).toBe(`arn:aws:iam::${ACCOUNT}:role/support-*`);
    expect(passRole[0]?.tests.attributable.result).toBe('fail');
    expect(passRole[0]?.tests.bounded.result).toBe('pass');
  });

  it('Entra: federated credential subject and audience, disabled owners, offline_access', () => {
    const sp = entraSp('Northwind Knowledge Agent', 'sp-know', {
      kind: 'entra-agent-identity',
      owners: [owner('former@client.example', false), owner('lead@client.example')],
    });
    const links = assess(
      inventory({
        identities: [sp],
        trusts: [
          fic(sp, 'f1', 'https://token.actions.githubusercontent.com', { subject: 'repo:client/*' }),
          fic(sp, 'f2', 'https://token.actions.githubusercontent.com', {
            subject: 'repo:client/app:ref:refs/heads/main',
          }),
        ],
        grants: [delegated(sp, 'Files.Read', 'Principal'), delegated(sp, 'offline_access', 'Principal')],
      }),
    ).kpis.agents.delegationIntegrity.links;
    const of = (kind: string) => links.filter((l) => l.kind === kind);
    expect(of('federated-credential').map((l) => [l.tests.attributable.result, l.intact])).toEqual([
      ['fail', false],
      ['pass', true],
    ]);
    const owners = of('owner');
    expect(owners.map((l) => l.tests.attributable.result).sort()).toEqual(['fail', 'pass']);
    expect(
      owners.every((l) => l.tests.bounded.result === 'n/a' && l.tests.timeLimited.result === 'n/a'),
    ).toBe(true);
    // The same consent holds offline_access: neither scope is time-limited.
    expect(of('delegated-grant').map((l) => l.tests.timeLimited.result)).toEqual(['fail', 'fail']);
    expect(links.every((l) => l.agentIds.includes(sp.id))).toBe(true);
  });

  it('an agent run by a workload is an agent; its execution role trust counts once', () => {
    const agent = awsRole('order-agent-exec');
    const links = linksOf({ workloads: [workload(agent, 'bedrock-agent', 'orders')] }, agent);
    expect(links.filter((l) => l.kind === 'aws-trust')).toHaveLength(1);
  });
});
