import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAwsPrivilege, type AwsCatalog, type AwsIdentityPrivilege } from '../../../assess/aws';
import { ACCOUNT, ADMIN_STATEMENT, catalog, InventoryBuilder, roleArn, userArn } from './fixtures';

let cat: AwsCatalog;
beforeAll(async () => {
  cat = await catalog();
});

function analyze(b: InventoryBuilder, scps?: NonNullable<Parameters<typeof analyzeAwsPrivilege>[1]>['scps']) {
  const analysis = analyzeAwsPrivilege(b.inventory, { catalog: cat, ...(scps ? { scps } : {}) });
  return (id: string): AwsIdentityPrivilege => {
    const r = analysis.byIdentity.get(id);
    if (!r) throw new Error(`no result for ${id}`);
    return r;
  };
}

describe('effective permissions: Action and NotAction', () => {
  it('NotAction grants every catalogue action except the listed ones, and unknown actions too', () => {
    const b = new InventoryBuilder();
    const id = b.role('PowerUserLike');
    b.policy(id, [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }]);
    const r = analyze(b)(id);
    expect(r.permissions.can('s3:GetObject', 'arn:aws:s3:::reports/2025/q1.csv')).toBe(true);
    expect(r.permissions.can('bedrock:InvokeModel')).toBe(true);
    expect(r.permissions.can('iam:PassRole')).toBe(false);
    expect(r.permissions.can('organizations:LeaveOrganization')).toBe(false);
    // An action newer than the catalogue is still covered by NotAction.
    expect(r.permissions.can('futureservice:DoSomething')).toBe(true);
    const excluded = cat.serviceSet('iam').count() + cat.serviceSet('organizations').count();
    expect(r.actionsSummary.granted).toBe(cat.size - excluded);
    expect(r.actionsSummary.unconstrained).toBe(cat.size - excluded);
  });

  it('expands Action wildcards and matches actions case-insensitively', () => {
    const b = new InventoryBuilder();
    const id = b.role('PolicyWriter');
    b.policy(id, [{ Effect: 'Allow', Action: ['IAM:put*policy', 's3:Get*'], Resource: '*' }]);
    const r = analyze(b)(id);
    expect(r.permissions.can('iam:PutRolePolicy')).toBe(true);
    expect(r.permissions.can('iam:putuserpolicy')).toBe(true);
    expect(r.permissions.can('iam:PutRolePermissionsBoundary')).toBe(false);
    expect(r.permissions.can('s3:GetObject')).toBe(true);
    expect(r.permissions.can('s3:PutObject')).toBe(false);
    const iamActions = [...r.permissions.actions({ service: 'iam' })].map((a) => a.action);
    expect(iamActions).toEqual(['iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:PutUserPolicy']);
  });

  it('reports allowed actions that the catalogue does not know', () => {
    const b = new InventoryBuilder();
    const id = b.role('EarlyAdopter');
    b.policy(id, [
      { Effect: 'Allow', Action: ['bedrock:InvokeModel', 'newservice:LaunchRocket'], Resource: '*' },
    ]);
    const r = analyze(b)(id);
    expect(r.actionsSummary.unknownActions).toEqual(['newservice:launchrocket']);
    expect(r.permissions.can('newservice:LaunchRocket')).toBe(true);
    expect([...r.permissions.actions()].map((a) => a.action)).toEqual([
      'bedrock:InvokeModel',
      'newservice:launchrocket',
    ]);
  });
});

describe('effective permissions: resources', () => {
  it('scopes grants to the named ARNs and marks only `*` without condition as unconstrained', () => {
    const b = new InventoryBuilder();
    const id = b.role('ReportsReader');
    b.policy(id, [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' },
      { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
    ]);
    const r = analyze(b)(id);
    expect(r.permissions.can('s3:GetObject', 'arn:aws:s3:::acme-reports/2025/q1.csv')).toBe(true);
    expect(r.permissions.can('s3:GetObject', 'arn:aws:s3:::acme-payroll/2025/q1.csv')).toBe(false);
    const get = r.permissions.explain('s3:GetObject');
    expect(get).toMatchObject({ resources: ['arn:aws:s3:::acme-reports/*'], unconstrained: false });
    expect(get?.statements).toEqual([`${id}#policy/policy-1/0`]);
    expect(r.permissions.explain('s3:ListAllMyBuckets')).toMatchObject({
      resources: ['*'],
      unconstrained: true,
    });
  });

  it('applies NotResource as "every resource except"', () => {
    const b = new InventoryBuilder();
    const id = b.role('NotPayroll');
    b.policy(id, [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::acme-payroll/*' }]);
    const r = analyze(b)(id);
    expect(r.permissions.can('s3:GetObject', 'arn:aws:s3:::acme-reports/a.csv')).toBe(true);
    expect(r.permissions.can('s3:GetObject', 'arn:aws:s3:::acme-payroll/salaries.csv')).toBe(false);
    expect(r.permissions.explain('s3:GetObject')).toMatchObject({
      resources: ['NOT arn:aws:s3:::acme-payroll/*'],
      unconstrained: false,
    });
  });

  it('resolves ${aws:username} to the user itself, and to nothing for a role', () => {
    const b = new InventoryBuilder();
    const selfService = [
      {
        Effect: 'Allow' as const,
        Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys'],
        Resource: 'arn:aws:iam::*:user/${aws:username}',
      },
    ];
    const alice = b.user('alice');
    b.policy(alice, selfService, {
      name: 'SelfServiceKeys',
      arn: `arn:aws:iam::${ACCOUNT}:policy/SelfServiceKeys`,
    });
    const role = b.role('BuildRole');
    b.policy(role, selfService, {
      name: 'SelfServiceKeys',
      arn: `arn:aws:iam::${ACCOUNT}:policy/SelfServiceKeys`,
    });
    const get = analyze(b);
    expect(get(alice).permissions.can('iam:CreateAccessKey', userArn('alice'))).toBe(true);
    expect(get(alice).permissions.can('iam:CreateAccessKey', userArn('bob'))).toBe(false);
    expect(get(role).permissions.can('iam:CreateAccessKey', userArn('alice'))).toBe(false);
    expect(get(role).actionsSummary.granted).toBe(0);
  });

  it('resolves ${aws:PrincipalTag/...} from the identity tags', () => {
    const b = new InventoryBuilder();
    const id = b.role('TeamRole', { tags: { team: 'ml' } });
    b.policy(id, [
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::acme-${aws:PrincipalTag/team}-data/*',
      },
    ]);
    const r = analyze(b)(id);
    expect(r.permissions.can('s3:PutObject', 'arn:aws:s3:::acme-ml-data/x')).toBe(true);
    expect(r.permissions.can('s3:PutObject', 'arn:aws:s3:::acme-finance-data/x')).toBe(false);
  });
});

describe('effective permissions: conditions and denies', () => {
  it('reports a conditioned allow as conditional, with the condition, never as a plain grant', () => {
    const b = new InventoryBuilder();
    const id = b.role('TaggedWriter');
    const condition = { StringEquals: { 'aws:RequestTag/project': 'atlas' } };
    b.policy(id, [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: condition }]);
    const r = analyze(b)(id);
    expect(r.permissions.check('ec2:RunInstances').result).toBe('conditional');
    expect(r.permissions.can('ec2:RunInstances')).toBe(false);
    expect(r.permissions.explain('ec2:RunInstances')).toMatchObject({
      unconstrained: false,
      conditions: [condition],
    });
    expect(r.actionsSummary.granted).toBe(1);
    expect(r.actionsSummary.unconstrained).toBe(0);
  });

  it('lets an unconditioned Deny on * remove an action', () => {
    const b = new InventoryBuilder();
    const id = b.role('NoIamAdmin');
    b.policy(id, [ADMIN_STATEMENT]);
    b.policy(id, [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }], { name: 'DenyIam' });
    const r = analyze(b)(id);
    expect(r.permissions.check('iam:CreateUser').result).toBe('deny');
    expect(r.permissions.explain('iam:CreateUser')).toBeNull();
    expect(r.permissions.can('s3:GetObject')).toBe(true);
    expect(r.actionsSummary.granted).toBe(cat.size - cat.serviceSet('iam').count());
  });

  it('keeps the allow under a conditioned or resource-specific Deny and notes the deny', () => {
    const b = new InventoryBuilder();
    const id = b.role('GuardedAdmin');
    b.policy(id, [ADMIN_STATEMENT]);
    const [ipDeny] = b.policy(
      id,
      [
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ],
      { name: 'IpGuard' },
    );
    const [bucketDeny] = b.policy(
      id,
      [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::acme-prod' }],
      {
        name: 'ProtectProd',
      },
    );
    const r = analyze(b)(id);
    expect(r.permissions.can('s3:DeleteBucket', 'arn:aws:s3:::acme-dev')).toBe(true);
    expect(r.permissions.check('s3:DeleteBucket', 'arn:aws:s3:::acme-prod').result).toBe('deny');
    const limitedBy = r.permissions.explain('s3:DeleteBucket')?.limitedBy ?? [];
    expect(limitedBy.map((d) => [d.grantId, d.kind])).toEqual(
      expect.arrayContaining([
        [ipDeny, 'conditional'],
        [bucketDeny, 'resource-specific'],
      ]),
    );
  });
});

describe('effective permissions: boundaries and SCPs', () => {
  it('intersects identity policies with the permissions boundary', () => {
    const b = new InventoryBuilder();
    const id = b.role('BoundedAdmin');
    b.policy(id, [ADMIN_STATEMENT], {
      name: 'AdministratorAccess',
      arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    b.policy(
      id,
      [
        { Effect: 'Allow', Action: ['s3:*', 'logs:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
        },
      ],
      { name: 'DeveloperBoundary', arn: `arn:aws:iam::${ACCOUNT}:policy/DeveloperBoundary`, boundary: true },
    );
    const r = analyze(b)(id);
    expect(r.permissions.can('s3:PutObject', 'arn:aws:s3:::acme-data/x')).toBe(true);
    expect(r.permissions.can('iam:PutRolePolicy', roleArn('BoundedAdmin'))).toBe(false);
    expect(r.permissions.can('dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`)).toBe(
      true,
    );
    expect(r.permissions.can('dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/users`)).toBe(
      false,
    );
    expect(r.permissions.explain('dynamodb:GetItem')).toMatchObject({
      resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`],
      unconstrained: false,
    });
    expect(r.actionsSummary.hasBoundary).toBe(true);
    expect(r.admin).toBeNull();
  });

  it('grants nothing for an action the boundary does not allow', () => {
    const b = new InventoryBuilder();
    const id = b.role('NothingBoundary');
    b.policy(id, [{ Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: '*' }]);
    b.policy(id, [{ Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' }], {
      boundary: true,
    });
    const r = analyze(b)(id);
    expect(r.actionsSummary.granted).toBe(0);
    expect(r.permissions.can('iam:PassRole')).toBe(false);
  });

  it('applies SCP allow lists and denies per account', () => {
    const b = new InventoryBuilder();
    const id = b.role('OrgMemberAdmin');
    b.policy(id, [ADMIN_STATEMENT]);
    const get = analyze(b, {
      [ACCOUNT]: [
        { Effect: 'Allow', Action: ['s3:*', 'iam:*', 'sts:*'], Resource: '*' },
        { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' },
      ],
    });
    const r = get(id);
    expect(r.permissions.can('s3:GetObject')).toBe(true);
    expect(r.permissions.can('ec2:RunInstances')).toBe(false);
    expect(r.permissions.check('iam:CreateUser').result).toBe('deny');
    expect(r.actionsSummary.scpApplied).toBe(true);
  });
});

describe('effective permissions: compact admin and access-level summary', () => {
  it('answers queries for `*` on `*` without materialising the catalogue', () => {
    const b = new InventoryBuilder();
    const id = b.role('Admin');
    b.policy(id, [ADMIN_STATEMENT]);
    const r = analyze(b)(id);
    expect(r.actionsSummary.granted).toBe(cat.size);
    expect(r.actionsSummary.unconstrained).toBe(cat.size);
    expect(
      r.permissions.can(
        'bedrock-agentcore:InvokeAgentRuntime',
        'arn:aws:bedrock-agentcore:us-east-1:1:runtime/x',
      ),
    ).toBe(true);
    const first = r.permissions.actions().next();
    expect(first.done).toBe(false);
  });

  it('counts an action with combined access levels under each of them', () => {
    const b = new InventoryBuilder();
    const id = b.role('Mixed');
    b.policy(id, [
      { Effect: 'Allow', Action: ['iam:PutRolePolicy', 's3:GetObject', 's3:ListBucket'], Resource: '*' },
    ]);
    const s = analyze(b)(id).actionsSummary;
    expect(s.granted).toBe(3);
    expect(s.byAccessLevel).toEqual({ List: 1, Read: 1, Write: 1, 'Permissions management': 1, Tagging: 0 });
    expect(s.services).toBe(2);
  });

  it('marks attached managed policies without a document as unevaluated', () => {
    const b = new InventoryBuilder();
    const id = b.role('OpaqueRole');
    b.managedRef(id, 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess');
    const r = analyze(b)(id);
    expect(r.actionsSummary.unevaluatedPolicies).toEqual(['arn:aws:iam::aws:policy/AmazonBedrockFullAccess']);
    expect(r.actionsSummary.granted).toBe(0);
  });
});
