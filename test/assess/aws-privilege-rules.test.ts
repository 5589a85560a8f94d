import { beforeAll, describe, expect, it } from 'vitest';
import { assessInventory, assessInventoryAsync } from '../../assess';
import { loadAwsCatalog } from '../../assess/aws';
import { RULES } from '../../assess/rules';
import type { Finding } from '../../model/findings';
import type { Inventory } from '../../model/inventory';
import { ACCOUNT, NOW, awsRole, awsTrust, awsUser, inventory, statement } from './fixtures';

beforeAll(async () => {
  await loadAwsCatalog();
}, 120_000);

const privRules = RULES.filter((r) => r.area === 'aws-privilege');
const run = (inv: Inventory): Finding[] => assessInventory(inv, { now: NOW, rules: privRules }).findings;
const of = (findings: Finding[], ruleId: string, identityId: string) =>
  findings.filter((f) => f.ruleId === ruleId && f.identityId === identityId);

describe('AWS privilege rules on the effective-privilege engine', () => {
  const admin = awsRole('OrganizationAccountAccessRole');
  const adminGrant = statement(admin, { Effect: 'Allow', Action: '*', Resource: '*' });

  it('an administrator-equivalent role: one critical finding naming the statement, nothing piled on top', () => {
    const findings = run(inventory({ identities: [admin], grants: [adminGrant] }));
    const [f] = of(findings, 'AA-AWS-PRIV-001', admin.id);
    expect(f?.severity).toBe('critical');
    expect(f?.evidence.map((e) => e.ref)).toContain(adminGrant.id);
    expect(
      findings
        .filter((x) => x.identityId === admin.id)
        .map((x) => x.ruleId)
        .sort(),
    ).toEqual(['AA-AWS-POL-001', 'AA-AWS-PRIV-001']);
  });

  it('a user that can create access keys for an admin user escalates (critical, one finding)', () => {
    const helpdesk = awsUser('helpdesk-bot');
    const root = awsUser('break-glass');
    const grant = statement(helpdesk, {
      Effect: 'Allow',
      Action: 'iam:CreateAccessKey',
      Resource: `arn:aws:iam::${ACCOUNT}:user/*`,
    });
    const findings = run(
      inventory({
        identities: [helpdesk, root],
        grants: [grant, statement(root, { Effect: 'Allow', Action: '*', Resource: '*' })],
      }),
    );
    const esc = of(findings, 'AA-AWS-PRIV-002', helpdesk.id);
    expect(esc).toHaveLength(1);
    expect(esc[0]?.severity).toBe('critical');
    expect(esc[0]?.message).toMatch(/create-access-key|CreateAccessKey/i);
    expect(esc[0]?.evidence.some((e) => e.ref === grant.id)).toBe(true);
  });

  it('an agent role that can assume an admin role can become an administrator', () => {
    const agent = awsRole('AmazonBedrockExecutionRoleForAgents_ops');
    const trust = awsTrust(admin, 'AWS', agent.nativeId);
    const assume = statement(agent, { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: admin.nativeId });
    const findings = run(
      inventory({
        identities: [agent, admin],
        grants: [adminGrant, assume],
        trusts: [trust, awsTrust(agent, 'Service', 'bedrock.amazonaws.com')],
      }),
    );
    const [f] = of(findings, 'AA-AWS-PRIV-006', agent.id);
    expect(f?.severity).toBe('critical');
    expect(f?.message).toContain('OrganizationAccountAccessRole');
    expect(f?.message).toMatch(/^AI agent|can become/);
    // The same fact is not reported again as an escalation method.
    expect(of(findings, 'AA-AWS-PRIV-002', agent.id)).toEqual([]);
  });

  it('an agent that can pass an admin role to a new Lambda: one critical escalation with the path, no second finding', () => {
    const agent = awsRole('cloud-ops-agent');
    const remediation = awsRole('ops-auto-remediation-role');
    const passRole = statement(agent, {
      Effect: 'Allow',
      Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
      Resource: '*',
    });
    const findings = run(
      inventory({
        identities: [agent, remediation],
        grants: [passRole, statement(remediation, { Effect: 'Allow', Action: '*', Resource: '*' })],
        trusts: [
          awsTrust(agent, 'Service', 'bedrock.amazonaws.com'),
          awsTrust(remediation, 'Service', 'lambda.amazonaws.com'),
        ],
      }),
    );
    const [esc] = of(findings, 'AA-AWS-PRIV-002', agent.id);
    expect(esc?.severity).toBe('critical');
    expect(esc?.evidence.some((e) => e.ref === passRole.id)).toBe(true);
    expect(
      esc?.evidence.some((e) => e.type === 'path' && e.summary.includes('ops-auto-remediation-role')),
    ).toBe(true);
    expect(of(findings, 'AA-AWS-PRIV-006', agent.id)).toEqual([]);
  });

  it('credential exposure, data exfiltration and resource exposure on broad resources', () => {
    const worker = awsRole('batch-worker');
    const findings = run(
      inventory({
        identities: [worker],
        grants: [
          statement(worker, {
            Effect: 'Allow',
            Action: ['ecr:GetAuthorizationToken', 'redshift:GetClusterCredentials'],
            Resource: '*',
          }),
          statement(worker, { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }),
          statement(worker, { Effect: 'Allow', Action: ['s3:PutBucketPolicy'], Resource: '*' }),
        ],
      }),
    );
    const credentials = of(findings, 'AA-AWS-PRIV-003', worker.id)[0]?.message;
    expect(credentials).toContain('redshift:GetClusterCredentials');
    // The registry token carries only the worker's own ECR permissions: noted, not counted.
    expect(credentials).not.toContain('ecr:GetAuthorizationToken');
    expect(of(findings, 'AA-AWS-PRIV-004', worker.id)[0]?.message).toContain('s3:GetObject');
    expect(of(findings, 'AA-AWS-PRIV-005', worker.id)[0]?.message).toContain('s3:PutBucketPolicy');
  });

  it('an image-pulling task role is not a credential exposure; one reading every secret is, once', () => {
    const puller = awsRole('orders-task-execution');
    const reader = awsRole('mail-summarizer');
    const findings = run(
      inventory({
        identities: [puller, reader],
        grants: [
          statement(puller, { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
          statement(reader, { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
        ],
      }),
    );
    expect(of(findings, 'AA-AWS-PRIV-003', puller.id)).toEqual([]);
    const [secrets] = of(findings, 'AA-AWS-PRIV-003', reader.id);
    expect(secrets?.severity).toBe('high');
    expect(secrets?.message).toContain('secretsmanager:GetSecretValue');
    expect(secrets?.evidence.map((e) => e.type)).toEqual(['policy-statement']);
    expect(of(findings, 'AA-AWS-PRIV-004', reader.id)).toEqual([]);
  });

  it('a stack-policy editor does not expose resources; a bucket-policy editor does', () => {
    const stacks = awsRole('stack-operator');
    const buckets = awsRole('bucket-admin');
    const findings = run(
      inventory({
        identities: [stacks, buckets],
        grants: [
          statement(stacks, { Effect: 'Allow', Action: 'cloudformation:SetStackPolicy', Resource: '*' }),
          statement(buckets, {
            Effect: 'Allow',
            Action: ['s3:PutBucketPolicy', 's3:PutBucketAcl'],
            Resource: '*',
          }),
        ],
      }),
    );
    expect(of(findings, 'AA-AWS-PRIV-005', stacks.id)).toEqual([]);
    expect(of(findings, 'AA-AWS-PRIV-005', buckets.id)[0]?.message).toMatch(
      /s3:PutBucketAcl, s3:PutBucketPolicy/,
    );
  });

  it('a narrowly scoped role has no privilege findings', () => {
    const narrow = awsRole('orders-api');
    const findings = run(
      inventory({
        identities: [narrow],
        grants: [
          statement(narrow, {
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
            Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
          }),
        ],
      }),
    );
    expect(findings).toEqual([]);
  });

  it('admin only from one IP range is reported as conditional, high', () => {
    const breakGlass = awsRole('break-glass-admin');
    const grant = statement(breakGlass, {
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    });
    const [f] = of(
      run(inventory({ identities: [breakGlass], grants: [grant] })),
      'AA-AWS-PRIV-001',
      breakGlass.id,
    );
    expect(f?.severity).toBe('high');
    expect(f?.message).toContain('when its policy conditions hold');
  });

  it("service-linked roles are AWS's, not the client's: no findings even with broad permissions", () => {
    const slr = awsRole('AWSServiceRoleForSupport', {
      nativeId: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`,
      attributes: { path: '/aws-service-role/support.amazonaws.com/', serviceLinked: true },
    });
    const findings = assessInventory(
      inventory({
        identities: [slr],
        grants: [statement(slr, { Effect: 'Allow', Action: '*', Resource: '*' })],
      }),
      {
        now: NOW,
      },
    ).findings;
    expect(findings).toEqual([]);
  });

  it('assessInventoryAsync loads the catalogue itself', async () => {
    const result = await assessInventoryAsync(inventory({ identities: [admin], grants: [adminGrant] }), {
      now: NOW,
    });
    expect(result.findings.some((f) => f.ruleId === 'AA-AWS-PRIV-001')).toBe(true);
  });
});
