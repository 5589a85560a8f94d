import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAwsPrivilege, type AwsCatalog } from '../../../assess/aws';
import {
  ACCOUNT,
  ADMIN_STATEMENT,
  catalog,
  InventoryBuilder,
  OTHER_ACCOUNT,
  roleArn,
  userArn,
} from './fixtures';

let cat: AwsCatalog;
beforeAll(async () => {
  cat = await catalog();
});

const analyze = (b: InventoryBuilder) => analyzeAwsPrivilege(b.inventory, { catalog: cat });
const reachableNames = (a: ReturnType<typeof analyze>, id: string) =>
  (a.byIdentity.get(id)?.reachable ?? []).map((p) => p.target.name);

describe('reachability: assume-role across accounts', () => {
  it('needs both sides cross-account: the trust and the caller’s sts:AssumeRole', () => {
    const b = new InventoryBuilder();
    const deploy = b.role('DeployRole', { account: OTHER_ACCOUNT });
    b.policy(deploy, [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }]);
    const trustId = b.trust(deploy, 'AWS', `arn:aws:iam::${ACCOUNT}:root`);
    const ci = b.role('CiRunner');
    const [grant] = b.policy(ci, [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('DeployRole', OTHER_ACCOUNT) },
    ]);
    const idle = b.role('IdleRole');
    b.policy(idle, [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }]);
    const a = analyze(b);
    const path = a.byIdentity.get(ci)?.reachable[0];
    expect(path?.target.name).toBe('DeployRole');
    expect(path?.hops).toEqual([
      expect.objectContaining({ kind: 'assume-role', evidence: [trustId, grant], confidence: 'high' }),
    ]);
    expect(reachableNames(a, idle)).toEqual([]);
  });

  it('does not let a trust that names the caller replace the caller’s permission cross-account', () => {
    const b = new InventoryBuilder();
    const target = b.role('PartnerReadRole', { account: OTHER_ACCOUNT });
    b.policy(target, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
    b.trust(target, 'AWS', roleArn('AnalyticsRole'));
    const analytics = b.role('AnalyticsRole');
    b.policy(analytics, [{ Effect: 'Allow', Action: 'athena:StartQueryExecution', Resource: '*' }]);
    expect(reachableNames(analyze(b), analytics)).toEqual([]);
    b.policy(analytics, [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${OTHER_ACCOUNT}:role/*` },
    ]);
    expect(reachableNames(analyze(b), analytics)).toEqual(['PartnerReadRole']);
  });

  it('in the same account, a trust naming the caller suffices; one naming the account needs the caller’s allow', () => {
    const b = new InventoryBuilder();
    const named = b.role('NamedTrustRole');
    b.trust(named, 'AWS', userArn('ops-bot'));
    const byAccount = b.role('AccountTrustRole');
    b.trust(byAccount, 'AWS', ACCOUNT);
    const bot = b.user('ops-bot');
    b.policy(bot, [{ Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' }]);
    expect(reachableNames(analyze(b), bot)).toEqual(['NamedTrustRole']);
    b.policy(bot, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('AccountTrustRole') }]);
    expect(reachableNames(analyze(b), bot).sort()).toEqual(['AccountTrustRole', 'NamedTrustRole']);
  });

  it('removes edges on an explicit Deny, on either side', () => {
    const b = new InventoryBuilder();
    const target = b.role('GuardedRole');
    b.trust(target, 'AWS', `arn:aws:iam::${ACCOUNT}:root`);
    b.trust(target, 'AWS', roleArn('BlockedCaller'), { effect: 'Deny' });
    const blocked = b.role('BlockedCaller');
    b.policy(blocked, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
    const selfDenied = b.role('SelfDenied');
    b.policy(selfDenied, [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
      { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: roleArn('GuardedRole') },
    ]);
    const a = analyze(b);
    expect(reachableNames(a, blocked)).toEqual([]);
    expect(reachableNames(a, selfDenied)).toEqual([]);
  });

  it('evaluates aws:PrincipalArn trust conditions and keeps others as constraints', () => {
    const b = new InventoryBuilder();
    const target = b.role('OrgAuditRole');
    b.trust(target, 'AWS', `arn:aws:iam::${ACCOUNT}:root`, {
      conditions: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/audit-*` } },
    });
    const vendor = b.role('VendorAccess');
    b.trust(vendor, 'AWS', `arn:aws:iam::${ACCOUNT}:root`, {
      conditions: { StringEquals: { 'sts:ExternalId': 'acme-7731' } },
    });
    const auditor = b.role('audit-collector');
    b.policy(auditor, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
    const other = b.role('batch-worker');
    b.policy(other, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
    const a = analyze(b);
    expect(reachableNames(a, auditor).sort()).toEqual(['OrgAuditRole', 'VendorAccess']);
    expect(reachableNames(a, other)).toEqual(['VendorAccess']);
    const vendorPath = a.byIdentity.get(other)?.reachable[0];
    expect(vendorPath?.constrained).toBe(true);
    expect(vendorPath?.hops[0]?.conditions).toEqual([{ StringEquals: { 'sts:ExternalId': 'acme-7731' } }]);
  });
});

describe('reachability: chains and external principals', () => {
  it('follows A -> B -> C to an admin-equivalent role, with the path', () => {
    const b = new InventoryBuilder();
    // A: a CI user in the tooling account that can assume B in the workload account.
    const ci = b.user('ci-pipeline');
    const [ciGrant] = b.policy(ci, [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${OTHER_ACCOUNT}:role/Deployer` },
    ]);
    // B: a deployer that may pass any role to Lambda.
    const deployer = b.role('Deployer', { account: OTHER_ACCOUNT });
    b.trust(deployer, 'AWS', `arn:aws:iam::${ACCOUNT}:root`);
    b.policy(deployer, [
      {
        Effect: 'Allow',
        Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
        Resource: '*',
      },
    ]);
    // C: an administrator role usable by Lambda.
    const admin = b.role('LegacyAutomationAdmin', { account: OTHER_ACCOUNT });
    b.policy(admin, [ADMIN_STATEMENT]);
    b.trust(admin, 'Service', 'lambda.amazonaws.com');
    const a = analyze(b);
    const r = a.byIdentity.get(ci);
    expect(r?.reachesAdmin?.target.name).toBe('LegacyAutomationAdmin');
    expect(r?.reachesAdmin?.hops.map((h) => [h.from.name, h.kind, h.to.name])).toEqual([
      ['ci-pipeline', 'assume-role', 'Deployer'],
      ['Deployer', 'pass-role', 'LegacyAutomationAdmin'],
    ]);
    expect(r?.reachesAdmin?.hops[0]?.evidence).toContain(ciGrant);
    expect(r?.reachable.map((p) => p.target.name)).toEqual(['LegacyAutomationAdmin', 'Deployer']);
    const chain = r?.escalations.find((e) => e.methodId === 'chain-to-admin');
    expect(chain?.targets[0]?.name).toBe('LegacyAutomationAdmin');
    expect(chain?.targets[0]?.via?.name).toBe('Deployer');
    expect(a.byIdentity.get(deployer)?.escalations.map((e) => e.methodId)).toContain(
      'lambda-create-function-invoke',
    );
    expect(a.byIdentity.get(admin)?.reachesAdmin).toBeNull();
  });

  it('keeps service, federated, external-account and any-principal trusts as external principals', () => {
    const b = new InventoryBuilder();
    const agent = b.role('AmazonBedrockExecutionRoleForAgents_SupportBot');
    b.trust(agent, 'Service', 'bedrock.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    b.trust(agent, 'Federated', `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`);
    b.trust(agent, 'AWS', 'arn:aws:iam::999988887777:root');
    b.trust(agent, 'AWS', '*');
    b.trust(agent, 'AWS', roleArn('Operator'));
    const operator = b.role('Operator');
    const a = analyze(b);
    const inbound = a.byIdentity.get(agent)?.assumableBy ?? [];
    expect(inbound.map((i) => [i.kind, i.principal])).toEqual([
      ['service', 'bedrock.amazonaws.com'],
      ['federated', `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`],
      ['external-account', 'arn:aws:iam::999988887777:root'],
      ['any-principal', '*'],
      ['identity', roleArn('Operator')],
    ]);
    expect(inbound[0]?.conditions).toEqual({ StringEquals: { 'aws:SourceAccount': ACCOUNT } });
    expect(inbound[4]?.id).toBe(operator);
    // Only inventory identities are graph nodes: the operator is the one that can become the agent role.
    expect(reachableNames(a, operator)).toEqual(['AmazonBedrockExecutionRoleForAgents_SupportBot']);
  });

  it('names the concrete role a user can take over through credentials, then further', () => {
    const b = new InventoryBuilder();
    const helpdesk = b.user('helpdesk-bot');
    b.policy(helpdesk, [
      { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: userArn('release-manager') },
    ]);
    const releaseManager = b.user('release-manager');
    b.policy(releaseManager, [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('ReleaseAdmin') },
    ]);
    const releaseAdmin = b.role('ReleaseAdmin');
    b.policy(releaseAdmin, [ADMIN_STATEMENT]);
    b.trust(releaseAdmin, 'AWS', `arn:aws:iam::${ACCOUNT}:root`);
    const r = analyze(b).byIdentity.get(helpdesk);
    expect(r?.reachesAdmin?.hops.map((h) => h.kind)).toEqual(['user-credentials', 'assume-role']);
    expect(r?.escalations.map((e) => e.methodId)).toEqual(
      expect.arrayContaining(['iam-create-access-key', 'chain-to-admin']),
    );
  });
});
