/**
 * Labelled scenarios in the style of BishopFox's iam-vulnerable: one principal per method, each
 * in an account that also holds an administrator role usable by compute services, an
 * administrator user, low-privilege look-alike targets, and workloads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStatement } from '../../../model/inventory';
import { analyzeAwsPrivilege, type AwsCatalog, type AwsIdentityPrivilege } from '../../../assess/aws';
import { ACCOUNT, catalog, InventoryBuilder, roleArn, userArn } from './fixtures';

let cat: AwsCatalog;
beforeAll(async () => {
  cat = await catalog();
});

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const COMPUTE_SERVICES = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'glue.amazonaws.com',
  'cloudformation.amazonaws.com',
  'codebuild.amazonaws.com',
  'sagemaker.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'tasks.apprunner.amazonaws.com',
  'bedrock-agentcore.amazonaws.com',
  'states.amazonaws.com',
  'datapipeline.amazonaws.com',
];

/** The account every scenario runs in. */
function account() {
  const b = new InventoryBuilder();
  const adminRole = b.role('AcmeAdministrator');
  b.policy(adminRole, [{ Effect: 'Allow', Action: '*', Resource: '*' }], {
    name: 'AdministratorAccess',
    arn: ADMIN_POLICY,
  });
  b.trust(adminRole, 'AWS', `arn:aws:iam::${ACCOUNT}:root`);
  for (const service of COMPUTE_SERVICES) b.trust(adminRole, 'Service', service);

  const logsRole = b.role('LambdaLogsRole');
  b.policy(logsRole, [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ]);
  b.trust(logsRole, 'Service', 'lambda.amazonaws.com');

  const adminUser = b.user('ci-deployer-admin');
  b.policy(adminUser, [{ Effect: 'Allow', Action: '*', Resource: '*' }], {
    name: 'AdministratorAccess',
    arn: ADMIN_POLICY,
    attachedVia: 'Admins',
  });
  const auditor = b.user('readonly-auditor');
  b.policy(auditor, [
    { Effect: 'Allow', Action: ['cloudwatch:GetMetricData', 'ec2:DescribeInstances'], Resource: '*' },
  ]);
  const support = b.user('support-agent');
  b.policy(support, [{ Effect: 'Allow', Action: 'support:*', Resource: '*' }], {
    name: 'SupportAccess',
    attachedVia: 'Support',
  });

  b.workload(
    'lambda-function',
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acme-billing-sync`,
    'acme-billing-sync',
    adminRole,
  );
  b.workload(
    'lambda-function',
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acme-log-shipper`,
    'acme-log-shipper',
    logsRole,
  );
  return { b, adminRole, logsRole, adminUser, auditor };
}

function run(b: InventoryBuilder, id: string): AwsIdentityPrivilege {
  const r = analyzeAwsPrivilege(b.inventory, { catalog: cat }).byIdentity.get(id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
}

const fired = (r: AwsIdentityPrivilege) => r.escalations.map((e) => e.methodId);
const finding = (r: AwsIdentityPrivilege, methodId: string) => {
  const f = r.escalations.find((e) => e.methodId === methodId);
  if (!f) throw new Error(`${methodId} did not fire; fired: ${fired(r).join(', ')}`);
  return f;
};
const allow = (Action: string | string[], Resource: string | string[] = '*'): PolicyStatement => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('privilege escalation: one principal per method', () => {
  it('privesc1 CreateNewPolicyVersion: rewrites its own customer managed policy', () => {
    const { b } = account();
    const id = b.role('privesc1-CreateNewPolicyVersion-role');
    const policyArn = `arn:aws:iam::${ACCOUNT}:policy/privesc1-CreateNewPolicyVersion`;
    const [grant] = b.policy(id, [allow('iam:CreatePolicyVersion')], {
      name: 'privesc1-CreateNewPolicyVersion',
      arn: policyArn,
    });
    const f = finding(run(b, id), 'iam-create-policy-version');
    expect(f.confidence).toBe('high');
    expect(f.targets).toEqual([expect.objectContaining({ kind: 'policy', arn: policyArn })]);
    expect(f.reachesAdmin).toBe(true);
    expect(f.actions[0]?.statements.map((s) => s.grantId)).toEqual([grant]);
  });

  it('privesc2 SetExistingDefaultPolicyVersion: medium, as versions are not collected', () => {
    const { b } = account();
    const id = b.role('privesc2-SetExistingDefaultPolicyVersion-role');
    b.policy(id, [allow('iam:SetDefaultPolicyVersion')], {
      arn: `arn:aws:iam::${ACCOUNT}:policy/privesc2-policy`,
    });
    expect(finding(run(b, id), 'iam-set-default-policy-version').confidence).toBe('medium');
  });

  it('privesc4 CreateAccessKey: names the administrator user first, not the read-only one', () => {
    const { b, adminUser, auditor } = account();
    const id = b.user('privesc4-CreateAccessKey-user');
    b.policy(id, [allow('iam:CreateAccessKey')]);
    const f = finding(run(b, id), 'iam-create-access-key');
    // support-agent gains it support:* (write); readonly-auditor only reads metrics: not a target.
    expect(f.targets.map((t) => t.name)).toEqual(['ci-deployer-admin', 'support-agent']);
    expect(f.targets[0]?.id).toBe(adminUser);
    expect(f.targets[0]?.gain.admin).toBe(true);
    expect(f.targets[1]?.gain).toMatchObject({
      admin: false,
      sample: expect.arrayContaining(['support:AddAttachmentsToSet']),
    });
    expect(f.targets.map((t) => t.id)).not.toContain(auditor);
  });

  it('privesc5 CreateLoginProfile and privesc6 UpdateLoginProfile', () => {
    const { b, adminUser } = account();
    const create = b.user('privesc5-CreateLoginProfile-user');
    b.policy(create, [allow('iam:CreateLoginProfile')]);
    const update = b.role('privesc6-UpdateLoginProfile-role');
    b.policy(update, [allow('iam:UpdateLoginProfile', `arn:aws:iam::${ACCOUNT}:user/ci-*`)]);
    const analysis = analyzeAwsPrivilege(b.inventory, { catalog: cat });
    const c = analysis.byIdentity.get(create);
    const u = analysis.byIdentity.get(update);
    expect(c?.escalations.find((e) => e.methodId === 'iam-create-login-profile')?.targets[0]?.id).toBe(
      adminUser,
    );
    expect(
      u?.escalations.find((e) => e.methodId === 'iam-update-login-profile')?.targets.map((t) => t.id),
    ).toEqual([adminUser]);
  });

  it('privesc7 AttachUserPolicy on itself', () => {
    const { b } = account();
    const id = b.user('privesc7-AttachUserPolicy-user');
    b.policy(id, [allow('iam:AttachUserPolicy', userArn('privesc7-AttachUserPolicy-user'))]);
    expect(finding(run(b, id), 'iam-attach-user-policy').targets[0]?.kind).toBe('self');
  });

  it('privesc8 AttachGroupPolicy on its own group', () => {
    const { b } = account();
    const id = b.user('privesc8-AttachGroupPolicy-user', { groups: ['privesc8-group'] });
    b.policy(id, [allow('iam:AttachGroupPolicy', `arn:aws:iam::${ACCOUNT}:group/privesc8-group`)]);
    const f = finding(run(b, id), 'iam-attach-group-policy');
    expect(f.targets).toEqual([expect.objectContaining({ kind: 'group', name: 'privesc8-group' })]);
  });

  it('privesc9 AttachRolePolicy on itself', () => {
    const { b } = account();
    const id = b.role('privesc9-AttachRolePolicy-role');
    b.policy(id, [allow('iam:AttachRolePolicy')]);
    expect(finding(run(b, id), 'iam-attach-role-policy').targets[0]).toMatchObject({ kind: 'self' });
  });

  it('privesc10 PutUserPolicy on itself, even when scoped with ${aws:username}', () => {
    const { b } = account();
    const id = b.user('privesc10-PutUserPolicy-user');
    b.policy(id, [allow('iam:PutUserPolicy', 'arn:aws:iam::*:user/${aws:username}')]);
    expect(fired(run(b, id))).toContain('iam-put-user-policy');
  });

  it('privesc11 PutGroupPolicy on a group it inherits a policy from', () => {
    const { b } = account();
    const id = b.user('privesc11-PutGroupPolicy-user');
    b.policy(id, [allow('iam:PutGroupPolicy')], { name: 'privesc11-policy', attachedVia: 'privesc11-group' });
    expect(finding(run(b, id), 'iam-put-group-policy').targets[0]?.name).toBe('privesc11-group');
  });

  it('privesc12 PutRolePolicy on itself', () => {
    const { b } = account();
    const id = b.role('privesc12-PutRolePolicy-role');
    b.policy(id, [allow('iam:PutRolePolicy', roleArn('privesc12-PutRolePolicy-role'))]);
    expect(fired(run(b, id))).toContain('iam-put-role-policy');
  });

  it('privesc13 AddUserToGroup: joins the Admins group', () => {
    const { b } = account();
    const id = b.user('privesc13-AddUserToGroup-user');
    b.policy(id, [allow('iam:AddUserToGroup')]);
    const f = finding(run(b, id), 'iam-add-user-to-group');
    expect(f.targets.map((t) => t.name)).toEqual(['Admins', 'Support']);
    expect(f.targets[0]?.gain.admin).toBe(true);
  });

  it('privesc14 UpdateAssumeRolePolicy: takes over the administrator role', () => {
    const { b, adminRole } = account();
    const id = b.role('privesc14-UpdateAssumeRolePolicy-role');
    b.policy(id, [allow('iam:UpdateAssumeRolePolicy')]);
    expect(finding(run(b, id), 'iam-update-assume-role-policy').targets.map((t) => t.id)).toEqual([
      adminRole,
    ]);
  });

  it('privesc15 PassRole + ec2:RunInstances: names the EC2-usable administrator role', () => {
    const { b, adminRole } = account();
    const id = b.role('privesc15-PassExistingRoleToNewEC2-role');
    b.policy(id, [allow(['iam:PassRole', 'ec2:RunInstances'])]);
    const f = finding(run(b, id), 'ec2-run-instances');
    expect(f.targets.map((t) => t.id)).toEqual([adminRole]);
    expect(f.actions.map((a) => a.action)).toEqual(['iam:PassRole', 'ec2:RunInstances']);
  });

  it('privesc16 PassRole + Lambda CreateFunction + InvokeFunction', () => {
    const { b, adminRole } = account();
    const id = b.role('privesc16-PassExistingRoleToNewLambdaThenInvoke-role');
    b.policy(id, [allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])]);
    const f = finding(run(b, id), 'lambda-create-function-invoke');
    // LambdaLogsRole is passable too, but only log permissions: not an escalation target.
    expect(f.targets.map((t) => t.id)).toEqual([adminRole]);
  });

  it('privesc17 PassRole + Lambda CreateFunction + CreateEventSourceMapping', () => {
    const { b } = account();
    const id = b.role('privesc17-PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo-role');
    b.policy(id, [allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'])]);
    expect(fired(run(b, id))).toContain('lambda-create-function-event-source');
  });

  it('privesc18 UpdateFunctionCode on a function that runs as the administrator role', () => {
    const { b, adminRole } = account();
    const id = b.role('privesc18-EditExistingLambdaFunctionWithRole-role');
    b.policy(id, [allow('lambda:UpdateFunctionCode', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acme-*`)]);
    const f = finding(run(b, id), 'lambda-update-function-code');
    expect(f.confidence).toBe('high');
    expect(f.targets).toEqual([
      expect.objectContaining({ kind: 'workload', name: 'acme-billing-sync', id: adminRole }),
    ]);
  });

  it('privesc19 PassRole + Glue CreateDevEndpoint, and UpdateDevEndpoint at medium confidence', () => {
    const { b } = account();
    const create = b.role('privesc19-PassExistingRoleToNewGlueDevEndpoint-role');
    b.policy(create, [allow(['iam:PassRole', 'glue:CreateDevEndpoint'])]);
    const update = b.role('privesc20-UpdateExistingGlueDevEndpoint-role');
    b.policy(update, [allow('glue:UpdateDevEndpoint')]);
    const analysis = analyzeAwsPrivilege(b.inventory, { catalog: cat });
    expect(analysis.byIdentity.get(create)?.escalations.map((e) => e.methodId)).toContain(
      'glue-create-dev-endpoint',
    );
    const u = analysis.byIdentity
      .get(update)
      ?.escalations.find((e) => e.methodId === 'glue-update-dev-endpoint');
    expect(u?.confidence).toBe('medium');
  });

  it('privesc21 PassRole + CloudFormation CreateStack', () => {
    const { b } = account();
    const id = b.role('privesc21-PassExistingRoleToCloudFormation-role');
    b.policy(id, [allow(['iam:PassRole', 'cloudformation:CreateStack'])]);
    expect(fired(run(b, id))).toContain('cloudformation-create-stack');
  });

  it('privesc22 PassRole + CodeBuild CreateProject + StartBuild', () => {
    const { b } = account();
    const id = b.role('privesc22-PassExistingRoleToNewCodeBuildProject-role');
    b.policy(id, [allow(['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'])]);
    expect(fired(run(b, id))).toContain('codebuild-create-project-start-build');
  });

  it('privesc23 PassRole + SageMaker notebook, training and processing jobs', () => {
    const { b } = account();
    const id = b.role('privesc23-PassExistingRoleToSageMaker-role');
    b.policy(id, [
      allow([
        'iam:PassRole',
        'sagemaker:CreateNotebookInstance',
        'sagemaker:CreateTrainingJob',
        'sagemaker:CreateProcessingJob',
      ]),
    ]);
    expect(fired(run(b, id))).toEqual(
      expect.arrayContaining([
        'sagemaker-create-notebook-instance',
        'sagemaker-create-training-job',
        'sagemaker-create-processing-job',
      ]),
    );
  });

  it('privesc24 PassRole + App Runner CreateService', () => {
    const { b } = account();
    const id = b.role('privesc24-PassExistingRoleToNewAppRunnerService-role');
    b.policy(id, [allow(['iam:PassRole', 'apprunner:CreateService'])]);
    expect(fired(run(b, id))).toContain('apprunner-create-service');
  });

  it('privesc25 PassRole + Bedrock AgentCore code interpreter', () => {
    const { b, adminRole } = account();
    const id = b.role('privesc25-PassExistingRoleToNewBedrockCodeInterpreter-role');
    b.policy(id, [
      allow([
        'iam:PassRole',
        'bedrock-agentcore:CreateCodeInterpreter',
        'bedrock-agentcore:StartCodeInterpreterSession',
        'bedrock-agentcore:InvokeCodeInterpreter',
      ]),
    ]);
    const f = finding(run(b, id), 'bedrock-agentcore-create-code-interpreter');
    expect(f.targets.map((t) => t.id)).toEqual([adminRole]);
  });

  it('privesc26 PassRole + ECS RegisterTaskDefinition + RunTask', () => {
    const { b } = account();
    const id = b.role('privesc26-PassExistingRoleToNewECSTask-role');
    b.policy(id, [allow(['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'])]);
    expect(fired(run(b, id))).toContain('ecs-register-task-definition-run-task');
  });

  it('privesc27 PassRole + Data Pipeline and Step Functions', () => {
    const { b } = account();
    const id = b.role('privesc27-PassExistingRoleToNewPipelines-role');
    b.policy(id, [
      allow([
        'iam:PassRole',
        'datapipeline:CreatePipeline',
        'datapipeline:PutPipelineDefinition',
        'datapipeline:ActivatePipeline',
        'states:CreateStateMachine',
        'states:StartExecution',
      ]),
    ]);
    expect(fired(run(b, id))).toEqual(
      expect.arrayContaining(['datapipeline-create-pipeline', 'states-create-state-machine-start-execution']),
    );
  });

  it('privesc28 SSM SendCommand on instances whose profile is the administrator role', () => {
    const { b, adminRole } = account();
    const id = b.role('privesc28-SSMSendCommand-role');
    b.policy(id, [allow('ssm:SendCommand')]);
    const f = finding(run(b, id), 'ssm-send-command');
    expect(f.confidence).toBe('medium');
    expect(f.targets.map((t) => t.id)).toEqual([adminRole]);
  });

  it('privesc29 sts:AssumeRole of the administrator role that trusts the account', () => {
    const { b, adminRole } = account();
    const id = b.role('privesc29-AssumeRole-role');
    b.policy(id, [allow('sts:AssumeRole')]);
    const r = run(b, id);
    expect(finding(r, 'sts-assume-role').targets.map((t) => t.id)).toEqual([adminRole]);
    expect(r.reachesAdmin?.hops.map((h) => h.kind)).toEqual(['assume-role']);
  });

  it('privesc30 CreateRole + AttachRolePolicy: mints a role that trusts itself', () => {
    const { b } = account();
    const id = b.user('privesc30-CreateRoleAttachPolicy-user');
    b.policy(id, [
      allow(['iam:CreateRole', 'iam:AttachRolePolicy'], `arn:aws:iam::${ACCOUNT}:role/automation-*`),
    ]);
    const f = finding(run(b, id), 'iam-create-role-attach-role-policy');
    expect(f.targets[0]).toMatchObject({
      kind: 'new-principal',
      arn: `arn:aws:iam::${ACCOUNT}:role/automation-x`,
    });
  });

  it('privesc31 DeleteRolePermissionsBoundary on itself', () => {
    const { b } = account();
    const id = b.role('privesc31-DeleteRolePermissionsBoundary-role');
    b.policy(id, [allow('*')]);
    b.policy(id, [allow(['s3:*', 'iam:DeleteRolePermissionsBoundary'])], { boundary: true });
    const r = run(b, id);
    expect(r.admin).toBeNull();
    const f = finding(r, 'iam-delete-role-permissions-boundary');
    expect(f.targets[0]?.gain.admin).toBe(true);
  });
});

describe('privilege escalation: scoped look-alikes that must not fire', () => {
  it('CreateAccessKey scoped to ${aws:username} reaches only itself', () => {
    const { b } = account();
    const id = b.user('self-service-user');
    b.policy(id, [
      allow(
        ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:UpdateAccessKey', 'iam:ListAccessKeys'],
        'arn:aws:iam::*:user/${aws:username}',
      ),
    ]);
    const r = run(b, id);
    expect(r.escalations).toEqual([]);
    expect(r.constrainedEscalations).toEqual([]);
    expect(r.reachable).toEqual([]);
  });

  it('PassRole to one low-privilege role does not fire; to the administrator role it does, named', () => {
    const { b, adminRole } = account();
    const low = b.role('log-shipper-deployer');
    b.policy(low, [
      allow('iam:PassRole', roleArn('LambdaLogsRole')),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    ]);
    const high = b.role('billing-deployer');
    b.policy(high, [
      allow('iam:PassRole', roleArn('AcmeAdministrator')),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    ]);
    const analysis = analyzeAwsPrivilege(b.inventory, { catalog: cat });
    expect(analysis.byIdentity.get(low)?.escalations).toEqual([]);
    const f = analysis.byIdentity
      .get(high)
      ?.escalations.find((e) => e.methodId === 'lambda-create-function-invoke');
    expect(f?.targets.map((t) => [t.id, t.name])).toEqual([[adminRole, 'AcmeAdministrator']]);
    expect(analysis.byIdentity.get(low)?.reachable.map((p) => p.target.name)).toEqual(['LambdaLogsRole']);
  });

  it('PutRolePolicy behind a condition is constrained, shown with the condition, not an escalation', () => {
    const { b } = account();
    const id = b.role('tag-gated-policy-writer');
    const condition = { StringEquals: { 'aws:ResourceTag/team': 'ml-platform' } };
    b.policy(id, [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*', Condition: condition }]);
    const r = run(b, id);
    expect(fired(r)).not.toContain('iam-put-role-policy');
    const c = r.constrainedEscalations.find((e) => e.methodId === 'iam-put-role-policy');
    expect(c?.conditions).toEqual([condition]);
  });

  it('a boundary that blocks iam:* stops self-modification', () => {
    const { b } = account();
    const id = b.role('bounded-iam-writer');
    b.policy(id, [allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 's3:GetObject'])]);
    b.policy(id, [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], { boundary: true });
    expect(run(b, id).escalations).toEqual([]);
  });

  it('an explicit Deny on iam:PassRole stops the compute methods', () => {
    const { b } = account();
    const id = b.role('denied-passrole-developer');
    b.policy(id, [
      allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances']),
    ]);
    b.policy(id, [{ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }], { name: 'DenyPassRole' });
    expect(run(b, id).escalations).toEqual([]);
  });

  it('iam:PassedToService limited to EC2 does not allow the Lambda methods', () => {
    const { b } = account();
    const id = b.role('ec2-only-passer');
    b.policy(id, [
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances']),
    ]);
    const r = run(b, id);
    expect(fired(r)).toContain('ec2-run-instances');
    expect(fired(r)).not.toContain('lambda-create-function-invoke');
    expect(r.constrainedEscalations.map((e) => e.methodId)).not.toContain('lambda-create-function-invoke');
  });

  it('PutRolePolicy and UpdateAssumeRolePolicy on other, low-privilege roles do not fire', () => {
    const { b } = account();
    const id = b.role('logs-role-maintainer');
    b.policy(id, [allow(['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], roleArn('LambdaLogsRole'))]);
    const r = run(b, id);
    // Both together on the same role would let it rewrite and take LambdaLogsRole: that is the combined method.
    expect(fired(r)).toEqual(['iam-put-role-policy-update-assume-role-policy']);
    const alone = account();
    const only = alone.b.role('trust-editor');
    alone.b.policy(only, [allow('iam:UpdateAssumeRolePolicy', roleArn('LambdaLogsRole'))]);
    expect(run(alone.b, only).escalations).toEqual([]);
  });

  it('UpdateFunctionCode on a function that runs as a low-privilege role does not fire', () => {
    const { b } = account();
    const id = b.role('log-shipper-maintainer');
    b.policy(id, [
      allow('lambda:UpdateFunctionCode', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acme-log-shipper`),
    ]);
    expect(run(b, id).escalations).toEqual([]);
  });

  it('sts:AssumeRole on * with no role trusting the caller does not fire', () => {
    const b = new InventoryBuilder();
    const lonely = b.role('lonely-caller');
    b.policy(lonely, [allow('sts:AssumeRole')]);
    const admin = b.role('ServiceOnlyAdmin');
    b.policy(admin, [allow('*')]);
    b.trust(admin, 'Service', 'lambda.amazonaws.com');
    const r = run(b, lonely);
    expect(r.escalations).toEqual([]);
    expect(r.reachesAdmin).toBeNull();
  });

  it('AddUserToGroup scoped to a low-privilege group does not fire', () => {
    const { b } = account();
    const id = b.user('support-onboarder');
    b.policy(id, [allow('iam:AddUserToGroup', `arn:aws:iam::${ACCOUNT}:group/Support`), allow('support:*')]);
    expect(run(b, id).escalations).toEqual([]);
  });

  it('an administrator has nothing to escalate to', () => {
    const { b, adminRole } = account();
    expect(run(b, adminRole).escalations).toEqual([]);
  });
});
