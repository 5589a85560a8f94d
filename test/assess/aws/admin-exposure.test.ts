import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAwsPrivilege, type AwsCatalog, type AwsIdentityPrivilege } from '../../../assess/aws';
import sensitive from '../../../assess/data/aws-sensitive-actions.json';
import { ACCOUNT, ADMIN_STATEMENT, catalog, InventoryBuilder } from './fixtures';

let cat: AwsCatalog;
beforeAll(async () => {
  cat = await catalog();
});

function analyze(b: InventoryBuilder) {
  const analysis = analyzeAwsPrivilege(b.inventory, { catalog: cat });
  return (id: string): AwsIdentityPrivilege => {
    const r = analysis.byIdentity.get(id);
    if (!r) throw new Error(`no result for ${id}`);
    return r;
  };
}

describe('admin-equivalence', () => {
  it('recognises * on * unconditioned, naming the statement', () => {
    const b = new InventoryBuilder();
    const id = b.role('OpsAdmin');
    const [grant] = b.policy(id, [ADMIN_STATEMENT], { name: 'ops-admin' });
    const r = analyze(b)(id);
    expect(r.admin?.basis).toBe('wildcard-all');
    expect(r.admin?.statements.map((s) => s.grantId)).toEqual([grant]);
    expect(r.admin?.statements[0]?.statement).toEqual(ADMIN_STATEMENT);
    expect(r.escalations).toEqual([]);
  });

  it('recognises iam:* on * as admin-equivalent', () => {
    const b = new InventoryBuilder();
    const id = b.role('IamOperator');
    b.policy(id, [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]);
    expect(analyze(b)(id).admin?.basis).toBe('iam-wildcard');
  });

  it('recognises AdministratorAccess from a reference without its document', () => {
    const b = new InventoryBuilder();
    const id = b.user('breakglass');
    const ref = b.managedRef(id, 'arn:aws:iam::aws:policy/AdministratorAccess', 'Admins');
    const r = analyze(b)(id);
    expect(r.admin?.basis).toBe('administrator-access');
    expect(r.admin?.statements.map((s) => [s.grantId, s.attachedVia])).toEqual([[ref, 'Admins']]);
    expect(r.actionsSummary.unevaluatedPolicies).toEqual([]);
  });

  it('recognises NotAction with tiny exclusions, but not PowerUserAccess', () => {
    const b = new InventoryBuilder();
    const almost = b.role('AlmostAdmin');
    b.policy(almost, [
      { Effect: 'Allow', NotAction: ['aws-portal:*', 'account:CloseAccount'], Resource: '*' },
    ]);
    const power = b.role('PowerUser');
    b.managedRef(power, 'arn:aws:iam::aws:policy/PowerUserAccess');
    const get = analyze(b);
    expect(get(almost).admin?.basis).toBe('not-action');
    expect(get(power).admin).toBeNull();
    expect(get(power).actionsSummary.granted).toBeGreaterThan(cat.size * 0.9);
    expect(get(power).permissions.can('iam:CreateServiceLinkedRole')).toBe(true);
    expect(get(power).permissions.can('iam:AttachRolePolicy')).toBe(false);
  });

  it('reports admin only under a condition as constrained, with the condition', () => {
    const b = new InventoryBuilder();
    const id = b.user('mfa-admin');
    const condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    b.policy(id, [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }]);
    const r = analyze(b)(id);
    expect(r.admin).toBeNull();
    expect(r.constrainedAdmin?.conditions).toEqual([condition]);
  });

  it('is not admin when a boundary or a Deny takes IAM away, and notes partial denies', () => {
    const b = new InventoryBuilder();
    const bounded = b.role('Bounded');
    b.policy(bounded, [ADMIN_STATEMENT]);
    b.policy(bounded, [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], { boundary: true });
    const denied = b.role('DeniedIam');
    b.policy(denied, [ADMIN_STATEMENT]);
    b.policy(denied, [
      { Effect: 'Deny', Action: ['iam:Put*', 'iam:Attach*', 'iam:CreatePolicyVersion'], Resource: '*' },
    ]);
    const partly = b.role('PartlyDenied');
    b.policy(partly, [ADMIN_STATEMENT]);
    b.policy(partly, [
      { Effect: 'Deny', Action: 'iam:*', Resource: `arn:aws:iam::${ACCOUNT}:role/BreakGlass` },
    ]);
    const get = analyze(b);
    expect(get(bounded).admin).toBeNull();
    expect(get(denied).admin).toBeNull();
    expect(get(partly).admin?.basis).toBe('wildcard-all');
    expect(get(partly).admin?.notes.join(' ')).toContain('role/BreakGlass');
  });

  it('treats the root user as admin', () => {
    const b = new InventoryBuilder();
    const id = b.root();
    expect(analyze(b)(id).admin?.basis).toBe('root-user');
  });
});

describe('credential exposure, data exfiltration, resource exposure', () => {
  it('reports credential actions granted broadly, not on the identity itself', () => {
    const b = new InventoryBuilder();
    const broad = b.role('KeyMinter');
    const [grant] = b.policy(broad, [
      {
        Effect: 'Allow',
        Action: ['iam:CreateAccessKey', 'ecr:GetAuthorizationToken', 'sts:AssumeRole'],
        Resource: '*',
      },
    ]);
    const self = b.user('carol');
    b.policy(self, [
      { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/${aws:username}' },
    ]);
    const scoped = b.role('ClusterReader');
    b.policy(scoped, [
      {
        Effect: 'Allow',
        Action: 'redshift:GetClusterCredentials',
        Resource: `arn:aws:redshift:us-east-1:${ACCOUNT}:dbuser:analytics/report_reader`,
      },
    ]);
    const get = analyze(b);
    const exposure = get(broad).credentialExposure;
    expect(exposure.items.map((i) => i.action)).toEqual([
      'ecr:GetAuthorizationToken',
      'iam:CreateAccessKey',
      'sts:AssumeRole',
    ]);
    expect(exposure.items[0]?.statements.map((s) => s.grantId)).toEqual([grant]);
    expect(get(self).credentialExposure.total).toBe(0);
    expect(get(scoped).credentialExposure.total).toBe(0);
  });

  it('reports data exfiltration on all buckets or secrets, not on one named bucket', () => {
    const b = new InventoryBuilder();
    const wide = b.role('DataScientist');
    b.policy(wide, [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'], Resource: '*' },
    ]);
    const narrow = b.role('ReportJob');
    b.policy(narrow, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' }]);
    const get = analyze(b);
    const items = get(wide).dataExfiltration.items;
    expect(items.map((i) => i.action)).toEqual([
      'kms:Decrypt',
      's3:GetObject',
      'secretsmanager:GetSecretValue',
    ]);
    expect(items.find((i) => i.action === 's3:GetObject')?.unconstrained).toBe(false);
    expect(items.find((i) => i.action === 'kms:Decrypt')?.unconstrained).toBe(true);
    expect(get(narrow).dataExfiltration.total).toBe(0);
  });

  it('reports resource-policy and sharing actions on * as resource exposure, capped with a total', () => {
    const b = new InventoryBuilder();
    const id = b.role('BucketPolicyEditor');
    b.policy(id, [{ Effect: 'Allow', Action: ['s3:PutBucketPolicy', 's3:GetObject'], Resource: '*' }]);
    const admin = b.role('Admin');
    b.policy(admin, [ADMIN_STATEMENT]);
    const get = analyze(b);
    expect(get(id).resourceExposure.items.map((i) => i.action)).toEqual(['s3:PutBucketPolicy']);
    const adminExposure = get(admin).resourceExposure;
    expect(adminExposure.total).toBe(sensitive.resourceExposure.length);
    expect(adminExposure.items).toHaveLength(25);
    expect(adminExposure.truncated).toBe(true);
  });

  it('does not count "Permissions management" actions that expose nothing to other principals', () => {
    const b = new InventoryBuilder();
    // Stack policies, telemetry resource policies and the identity's own IAM writes: not exposure.
    const id = b.role('StackOperator');
    b.policy(id, [
      {
        Effect: 'Allow',
        Action: ['cloudformation:SetStackPolicy', 'logs:PutResourcePolicy', 'iam:PutRolePolicy'],
        Resource: '*',
      },
    ]);
    const sharer = b.role('SnapshotSharer');
    b.policy(sharer, [
      { Effect: 'Allow', Action: ['ec2:ModifySnapshotAttribute', 'ram:CreateResourceShare'], Resource: '*' },
    ]);
    const get = analyze(b);
    expect(get(id).resourceExposure.total).toBe(0);
    expect(get(sharer).resourceExposure.items.map((i) => i.action)).toEqual([
      'ec2:ModifySnapshotAttribute',
      'ram:CreateResourceShare',
    ]);
  });

  it('lists only resource-exposure actions the catalogue knows', () => {
    const unknown = sensitive.resourceExposure.filter((n) => cat.indexOf(n) === undefined);
    expect(unknown).toEqual([]);
  });
});
